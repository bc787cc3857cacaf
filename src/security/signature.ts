/**
 * ECDSA P-256 signatures over text (WebCrypto). A signature carries its public key, so it proves the text is exactly
 * what that key's holder signed; whether that holder is a device you trust is decided by its fingerprint.
 */
import { canonicalJson } from './canonical.ts';
import { fromBase64, subtle, toBase64 } from './webcrypto.ts';

export const SIGNATURE_ALG = 'ECDSA-P256-SHA256';
const KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface Signature {
  alg: typeof SIGNATURE_ALG;
  /** The signer's public key: only `kty`, `crv`, `x`, `y`. */
  publicKey: JsonWebKey;
  /** IEEE P1363 signature (r ‖ s, 64 bytes) in base64, as WebCrypto produces it. */
  value: string;
}

export interface SigningKey {
  publicJwk: JsonWebKey;
  /** Non-extractable: script on the page can sign with it but never read it out. */
  privateKey: CryptoKey;
}

/** A new device key pair; only the public half can be exported. */
export async function generateSigningKey(): Promise<SigningKey> {
  const pair = await subtle().generateKey(KEY, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await subtle().exportKey('jwk', pair.publicKey);
  return { publicJwk: { kty, crv, x, y }, privateKey: pair.privateKey };
}

/** Signs the UTF-8 bytes of `text`. */
export async function signText(key: SigningKey, text: string): Promise<Signature> {
  const sig = await subtle().sign(SIGN, key.privateKey, new TextEncoder().encode(text));
  return { alg: SIGNATURE_ALG, publicKey: key.publicJwk, value: toBase64(sig) };
}

/** Hex SHA-256 of the canonical public key: a short, stable name for the device that holds its private half. */
export async function keyFingerprint(jwk: JsonWebKey): Promise<string> {
  const { kty, crv, x, y } = jwk;
  const digest = await subtle().digest('SHA-256', new TextEncoder().encode(canonicalJson({ crv, kty, x, y })));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A fingerprint as people compare it aloud: groups of four hex digits. */
export function displayFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? '';
}

export type VerifyResult =
  | { ok: true; fingerprint: string }
  | { ok: false; problem: 'unsupported_alg' | 'bad_key' | 'bad_value' | 'mismatch'; message: string };

/** Checks `signature` over `text`; every failure says what was wrong rather than throwing. */
export async function verifyText(text: string, signature: Signature): Promise<VerifyResult> {
  if (signature.alg !== SIGNATURE_ALG) {
    return {
      ok: false,
      problem: 'unsupported_alg',
      message: `the signature uses ${String(signature.alg)}, not ${SIGNATURE_ALG}`,
    };
  }
  let key: CryptoKey;
  try {
    const { kty, crv, x, y } = signature.publicKey;
    key = await subtle().importKey('jwk', { kty, crv, x, y }, KEY, false, ['verify']);
  } catch {
    return { ok: false, problem: 'bad_key', message: 'the public key in the signature is not a valid P-256 key' };
  }
  let value: Uint8Array<ArrayBuffer>;
  try {
    value = fromBase64(signature.value);
  } catch {
    return { ok: false, problem: 'bad_value', message: 'the signature value is not base64' };
  }
  const ok = value.length === 64 && (await subtle().verify(SIGN, key, value, new TextEncoder().encode(text)));
  if (!ok)
    return {
      ok: false,
      problem: 'mismatch',
      message: 'the content does not match its signature: it was changed after export, or signed with another key',
    };
  return { ok: true, fingerprint: await keyFingerprint(signature.publicKey) };
}
