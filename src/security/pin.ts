/** The mentor PIN: checked for shape, stored only as a salted PBKDF2-SHA256 hash, verified in constant time. */
import { equalBytes, fromBase64, randomBytes, subtle, toBase64 } from './webcrypto.ts';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; a short PIN needs the work factor (and the salt) to resist guessing. */
export const PIN_ITERATIONS = 210_000;
const HASH_BITS = 256;
const SALT_BYTES = 16;

/** What is stored instead of the PIN; salt and hash are base64 so the row stays plain JSON. */
export interface PinHash {
  salt: string;
  hash: string;
  iterations: number;
}

/** Full-width digits (typed with a Chinese IME on) count as the digits they look like. */
export function normalizePin(pin: string): string {
  return pin.trim().replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** True for a PIN of 4 to 12 digits. */
export function isValidPin(pin: string): boolean {
  return /^\d{4,12}$/.test(normalizePin(pin));
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const s = subtle();
  const material = await s.importKey('raw', new TextEncoder().encode(normalizePin(pin)), 'PBKDF2', false, [
    'deriveBits',
  ]);
  return new Uint8Array(await s.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, HASH_BITS));
}

/** Hashes a valid PIN with a fresh random salt (or the given one); throws a RangeError for anything but 4–12 digits. */
export async function hashPin(
  pin: string,
  salt?: Uint8Array<ArrayBuffer> | string,
  iterations = PIN_ITERATIONS,
): Promise<PinHash> {
  if (!isValidPin(pin)) throw new RangeError('The PIN must be 4 to 12 digits.');
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new RangeError('iterations must be a positive whole number');
  const bytes = typeof salt === 'string' ? fromBase64(salt) : (salt ?? randomBytes(SALT_BYTES));
  return { salt: toBase64(bytes), hash: toBase64(await derive(pin, bytes, iterations)), iterations };
}

/** True when `pin` hashes to `stored` with its salt and iteration count; false for a malformed PIN or record. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  if (!isValidPin(pin)) return false;
  let salt: Uint8Array<ArrayBuffer>, expected: Uint8Array;
  try {
    salt = fromBase64(stored.salt);
    expected = fromBase64(stored.hash);
  } catch {
    return false;
  }
  if (!Number.isInteger(stored.iterations) || stored.iterations < 1) return false;
  return equalBytes(await derive(pin, salt, stored.iterations), expected);
}
