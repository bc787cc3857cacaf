/**
 * The packed form of a model's features and weights: binary in base64, about a third the size of JSON numbers. Feature
 * hashes are little-endian uint32s; each head's weights are (varint feature-index delta, int8 weight) pairs.
 */

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

export function encodeFeatures(hashes: readonly number[]): string {
  return toBase64(new Uint8Array(Uint32Array.from(hashes).buffer));
}

export function decodeFeatures(text: string): Uint32Array {
  const bytes = fromBase64(text);
  const out = new Uint32Array(bytes.length / 4);
  for (let i = 0, j = 0; i < out.length; i++, j += 4)
    out[i] = (bytes[j] | (bytes[j + 1] << 8) | (bytes[j + 2] << 16) | (bytes[j + 3] << 24)) >>> 0;
  return out;
}

/** `pairs` of [featureIndex, q] in ascending index order, q an int8. */
export function encodeWeights(pairs: ReadonlyArray<readonly [number, number]>): string {
  const out: number[] = [];
  let prev = 0;
  for (const [f, q] of pairs) {
    let delta = f - prev;
    prev = f;
    while (delta >= 0x80) {
      out.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    out.push(delta, q & 0xff);
  }
  return toBase64(Uint8Array.from(out));
}

/** Calls `visit` with each (featureIndex, q) of one head's packed weights. */
export function forEachWeight(bytes: Uint8Array, visit: (f: number, q: number) => void): void {
  let f = 0;
  for (let i = 0; i < bytes.length;) {
    let delta = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[i++];
      delta |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    f += delta;
    visit(f, (bytes[i++] << 24) >> 24);
  }
}

export function decodeWeights(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  forEachWeight(fromBase64(text), (f, q) => out.push([f, q]));
  return out;
}
