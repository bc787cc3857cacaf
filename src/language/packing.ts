/**
 * The packed form of a model's features and weights: binary in base64.
 *
 * - Feature hashes, ascending, as varint deltas (about 3 bytes each instead of 4).
 * - Each head's weights as one byte per weight in the common case: the high nibble is the gap to the previous
 *   feature index (gap = index − previous − 1; 15 means "15 plus a varint that follows"), the low nibble the weight's
 *   code: a sign bit and one of `LEVELS` magnitudes of that head's codebook (`ModelData.levels`). Four bits per weight
 *   lose almost nothing for a linear model whose magnitudes are chosen per head (measured when format 4 came in:
 *   out-of-fold F1 within 0.3 point of int8) and let a model keep twice the weights in the same bytes.
 */

/** Magnitudes per head's codebook: a code is ±(1…LEVELS). */
export const LEVELS = 8;

const toBase64 = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function pushVarint(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

/** Reads a varint at `bytes[at]`: [value, next offset]. */
function readVarint(bytes: Uint8Array, at: number): [number, number] {
  let n = 0;
  let scale = 1;
  let b: number;
  do {
    b = bytes[at++];
    n += (b & 0x7f) * scale;
    scale *= 128;
  } while (b & 0x80);
  return [n, at];
}

/** Ascending uint32 hashes. */
export function encodeFeatures(hashes: readonly number[]): string {
  const out: number[] = [];
  let prev = 0;
  for (const h of hashes) {
    if (h < prev) throw new Error('feature hashes must be ascending');
    pushVarint(out, h - prev);
    prev = h;
  }
  return toBase64(Uint8Array.from(out));
}

export function decodeFeatures(text: string): Uint32Array {
  const bytes = fromBase64(text);
  const out: number[] = [];
  let h = 0;
  for (let at = 0; at < bytes.length;) {
    const [delta, next] = readVarint(bytes, at);
    h += delta;
    out.push(h);
    at = next;
  }
  return Uint32Array.from(out);
}

/** `pairs` of [featureIndex, q] in ascending index order, q a code in ±(1…LEVELS). */
export function encodeWeights(pairs: ReadonlyArray<readonly [number, number]>): string {
  const out: number[] = [];
  let prev = -1;
  for (const [f, q] of pairs) {
    if (!q || Math.abs(q) > LEVELS || !Number.isInteger(q)) throw new Error(`weight code ${q} is not ±1…${LEVELS}`);
    if (f <= prev) throw new Error('feature indices must be ascending');
    const gap = f - prev - 1;
    prev = f;
    const code = (q < 0 ? 8 : 0) | (Math.abs(q) - 1);
    out.push((Math.min(gap, 15) << 4) | code);
    if (gap >= 15) pushVarint(out, gap - 15);
  }
  return toBase64(Uint8Array.from(out));
}

/** Calls `visit` with each (featureIndex, q) of one head's packed weights, q in ±(1…LEVELS). */
export function forEachWeight(bytes: Uint8Array, visit: (f: number, q: number) => void): void {
  let f = -1;
  for (let at = 0; at < bytes.length;) {
    const b = bytes[at++];
    let gap = b >> 4;
    if (gap === 15) {
      const [rest, next] = readVarint(bytes, at);
      gap += rest;
      at = next;
    }
    f += gap + 1;
    const level = (b & 7) + 1;
    visit(f, b & 8 ? -level : level);
  }
}

export function decodeWeights(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  forEachWeight(fromBase64(text), (f, q) => out.push([f, q]));
  return out;
}
