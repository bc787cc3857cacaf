import { describe, expect, it } from 'vitest';
import { PIN_ITERATIONS, hashPin, isValidPin, verifyPin } from '../../src/security/pin.ts';
import { equalBytes, fromBase64, toBase64 } from '../../src/security/webcrypto.ts';

// Fewer PBKDF2 rounds keep the suite quick; one test checks the real default.
const FAST = 1000;

describe('PIN rules', () => {
  it('accepts 4 to 12 digits (full-width IME digits too) and nothing else', () => {
    expect(['1234', '123456789012', '２０２６', ' 4321 '].map(isValidPin)).toEqual([true, true, true, true]);
    expect(['123', '1234567890123', 'abcd', '12a4', '', '12 34', '١٢٣٤'].map(isValidPin)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('hashPin / verifyPin', () => {
  it('stores a salted PBKDF2 hash with the default 210,000 rounds, never the PIN, and verifies it', async () => {
    const stored = await hashPin('246810');
    expect(stored.iterations).toBe(PIN_ITERATIONS);
    expect(PIN_ITERATIONS).toBe(210_000);
    expect(fromBase64(stored.salt)).toHaveLength(16);
    expect(fromBase64(stored.hash)).toHaveLength(32);
    expect(JSON.stringify(stored)).not.toContain('246810');
    expect(await verifyPin('246810', stored)).toBe(true);
    expect(await verifyPin('246811', stored)).toBe(false);
  });

  it('salts every hash: the same PIN hashes differently each time, yet both verify', async () => {
    const a = await hashPin('1234', undefined, FAST);
    const b = await hashPin('1234', undefined, FAST);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(await verifyPin('1234', a)).toBe(true);
    expect(await verifyPin('1234', b)).toBe(true);
  });

  it('is deterministic for a given salt and rounds, and the rounds matter', async () => {
    const salt = new Uint8Array(16).fill(7);
    const a = await hashPin('9876', salt, FAST);
    expect(await hashPin('9876', a.salt, FAST)).toEqual(a);
    expect((await hashPin('9876', salt, FAST + 1)).hash).not.toBe(a.hash);
    expect(await verifyPin('9876', { ...a, iterations: FAST + 1 })).toBe(false);
  });

  it("is PBKDF2-HMAC-SHA256 over the PIN: same bytes as Node's independent implementation", async () => {
    const { pbkdf2Sync } = await import('node:crypto');
    const salt = new TextEncoder().encode('salt-for-calldojo');
    const expected = pbkdf2Sync('135790', salt, FAST, 32, 'sha256');
    expect((await hashPin('135790', salt, FAST)).hash).toBe(expected.toString('base64'));
  });

  it('treats a full-width PIN as the same digits, and refuses malformed PINs or records without throwing', async () => {
    const stored = await hashPin('2026', undefined, FAST);
    expect(await verifyPin('２０２６', stored)).toBe(true);
    expect(await verifyPin('20', stored)).toBe(false);
    expect(await verifyPin('2026', { ...stored, hash: 'not base64!' })).toBe(false);
    expect(await verifyPin('2026', { ...stored, iterations: 0 })).toBe(false);
    await expect(hashPin('12ab')).rejects.toThrow(/4 to 12 digits/);
  });
});

describe('byte helpers', () => {
  it('base64 round-trips any bytes and rejects non-base64', () => {
    const bytes = Uint8Array.from({ length: 33_000 }, (_, i) => (i * 31) % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(() => fromBase64('abc')).toThrow();
    expect(() => fromBase64('ab$=')).toThrow();
  });

  it('equalBytes compares content and length', () => {
    expect(equalBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
  });
});
