/** Access to WebCrypto and the byte encodings its results travel in (base64 inside JSON rows and files). */

/**
 * The SubtleCrypto of this runtime. Browsers expose it only in secure contexts (https or localhost), so an intranet
 * serving CallDojo over plain http gets a clear error instead of a TypeError deep inside a PIN check.
 */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s)
    throw new Error(
      'WebCrypto is unavailable here: serve CallDojo over https (or from localhost) to use the mentor PIN and signed exports.',
    );
  return s;
}

/** Cryptographically random bytes. */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** Standard base64 (with padding) of bytes; btoa over a binary string works the same in browsers and Node 20. */
export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of standard base64 text; throws on text that is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new Error('not base64');
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Compares two byte strings in time independent of where they differ, so timing does not leak a matching prefix. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
