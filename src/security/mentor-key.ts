/**
 * The mentor key: an ECDSA P-256 key pair whose private half is stored only encrypted (AES-GCM key wrap) under a key
 * derived from the mentor PIN with PBKDF2. Unlocking is decrypting it, so no stored flag can stand in for the PIN:
 * without the PIN there is no private key, and without the private key no mentor action can be signed.
 */
import { PIN_ITERATIONS, normalizePin } from './pin.ts';
import { signText, verifyText, keyFingerprint, type SigningKey } from './signature.ts';
import { fromBase64, randomBytes, subtle, toBase64 } from './webcrypto.ts';

const KEY = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** What is stored: the wrapped private key, how to derive its wrapping key, and the public half (to check a session). */
export interface WrappedMentorKey {
  salt: string;
  iterations: number;
  iv: string;
  wrapped: string;
  publicKey: JsonWebKey;
}

async function wrappingKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(normalizePin(pin)), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

async function wrap(privateKey: CryptoKey, wrapper: CryptoKey): Promise<{ iv: string; wrapped: string }> {
  const iv = randomBytes(12);
  return {
    iv: toBase64(iv),
    wrapped: toBase64(await subtle().wrapKey('pkcs8', privateKey, wrapper, { name: 'AES-GCM', iv })),
  };
}

/** The private key, or null when the wrapping key is wrong (AES-GCM refuses to decrypt: a wrong PIN). */
async function unwrap(
  wrapped: string,
  iv: string,
  wrapper: CryptoKey,
  extractable: boolean,
): Promise<CryptoKey | null> {
  try {
    return await subtle().unwrapKey(
      'pkcs8',
      fromBase64(wrapped),
      wrapper,
      { name: 'AES-GCM', iv: fromBase64(iv) },
      KEY,
      extractable,
      ['sign'],
    );
  } catch {
    return null;
  }
}

async function sealWith(
  privateKey: CryptoKey,
  publicKey: JsonWebKey,
  pin: string,
  iterations: number,
): Promise<WrappedMentorKey> {
  const salt = randomBytes(16);
  return {
    salt: toBase64(salt),
    iterations,
    publicKey,
    ...(await wrap(privateKey, await wrappingKey(pin, salt, iterations))),
  };
}

/** A new mentor key sealed under `pin`. */
export async function createMentorKey(pin: string, iterations = PIN_ITERATIONS): Promise<WrappedMentorKey> {
  const pair = await subtle().generateKey(KEY, true, ['sign', 'verify']);
  const { kty, crv, x, y } = await subtle().exportKey('jwk', pair.publicKey);
  return sealWith(pair.privateKey, { kty, crv, x, y }, pin, iterations);
}

/** The mentor's signing key (private half non-extractable), or null when `pin` does not decrypt it. */
export async function unlockMentorKey(pin: string, stored: WrappedMentorKey): Promise<SigningKey | null> {
  const privateKey = await unwrap(
    stored.wrapped,
    stored.iv,
    await wrappingKey(pin, fromBase64(stored.salt), stored.iterations),
    false,
  );
  return privateKey && { publicJwk: stored.publicKey, privateKey };
}

/** The same key sealed under `newPin`, or null when `oldPin` does not decrypt it. */
export async function resealMentorKey(
  oldPin: string,
  newPin: string,
  stored: WrappedMentorKey,
): Promise<WrappedMentorKey | null> {
  const privateKey = await unwrap(
    stored.wrapped,
    stored.iv,
    await wrappingKey(oldPin, fromBase64(stored.salt), stored.iterations),
    true,
  );
  return privateKey && sealWith(privateKey, stored.publicKey, newPin, stored.iterations);
}

/**
 * A tab's unlocked session: the private key sealed under a random key kept with it in the tab's sessionStorage, so a
 * reload of that tab stays unlocked and closing or locking the tab forgets it. It unlocks only together with the
 * stored public key (`openSession` checks the pair), so a session made up with another key pair opens nothing.
 */
export interface MentorSession {
  key: string;
  iv: string;
  wrapped: string;
}

function sessionKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return subtle().importKey('raw', raw, 'AES-GCM', false, ['wrapKey', 'unwrapKey']);
}

/** A session for this tab, or null when `pin` does not decrypt the stored key. */
export async function sealSession(pin: string, stored: WrappedMentorKey): Promise<MentorSession | null> {
  const privateKey = await unwrap(
    stored.wrapped,
    stored.iv,
    await wrappingKey(pin, fromBase64(stored.salt), stored.iterations),
    true,
  );
  if (!privateKey) return null;
  const raw = randomBytes(32);
  return { key: toBase64(raw), ...(await wrap(privateKey, await sessionKey(raw))) };
}

/** The signing key a session holds, or null when it is damaged or was not sealed from the stored mentor key. */
export async function openSession(session: MentorSession, stored: WrappedMentorKey): Promise<SigningKey | null> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = fromBase64(session.key);
  } catch {
    return null;
  }
  if (raw.length !== 32) return null;
  let privateKey: CryptoKey | null;
  try {
    privateKey = await unwrap(session.wrapped, session.iv, await sessionKey(raw), false);
  } catch {
    return null;
  }
  if (!privateKey) return null;
  const key = { publicJwk: stored.publicKey, privateKey };
  // Proof of possession: a signature that the stored public key accepts.
  const probe = `calldojo-mentor-session:${await keyFingerprint(stored.publicKey)}`;
  return (await verifyText(probe, await signText(key, probe))).ok ? key : null;
}
