import { describe, expect, it } from 'vitest';
import {
  createMentorKey,
  openSession,
  resealMentorKey,
  sealSession,
  unlockMentorKey,
} from '../../src/security/mentor-key.ts';
import { signText, verifyText } from '../../src/security/signature.ts';
import { fromBase64, toBase64 } from '../../src/security/webcrypto.ts';

// Fewer PBKDF2 rounds keep the suite quick; the storage tests use the real default.
const FAST = 1000;

describe('mentor key sealed under the PIN', () => {
  it('opens only with the right PIN, gives a non-extractable key whose signatures the stored public key accepts', async () => {
    const stored = await createMentorKey('246810', FAST);
    expect(JSON.stringify(stored)).not.toContain('246810');
    expect(await unlockMentorKey('246811', stored)).toBeNull();
    const key = await unlockMentorKey('２４６８１０', stored); // full-width IME digits are the same PIN
    expect(key?.privateKey).toMatchObject({ extractable: false, usages: ['sign'] });
    expect((await verifyText('entry', await signText(key!, 'entry'))).ok).toBe(true);
  });

  it('is resealed under a new PIN only with the old one, keeping the same key pair', async () => {
    const stored = await createMentorKey('1234', FAST);
    expect(await resealMentorKey('9999', '5678', stored)).toBeNull();
    const next = (await resealMentorKey('1234', '5678', stored))!;
    expect(next.publicKey).toEqual(stored.publicKey);
    expect(await unlockMentorKey('1234', next)).toBeNull();
    expect(await unlockMentorKey('5678', next)).not.toBeNull();
  });

  it('a damaged wrapped key opens with no PIN', async () => {
    const stored = await createMentorKey('1234', FAST);
    const bytes = fromBase64(stored.wrapped);
    bytes[10] ^= 1;
    expect(await unlockMentorKey('1234', { ...stored, wrapped: toBase64(bytes) })).toBeNull();
  });
});

describe('a tab session', () => {
  it('reopens the mentor key after a reload, but a session sealed from another key pair opens nothing', async () => {
    const stored = await createMentorKey('1234', FAST);
    const session = (await sealSession('1234', stored))!;
    expect(await sealSession('4321', stored)).toBeNull();
    expect(await openSession(session, stored)).not.toBeNull();
    // A session made up with a key pair of its own, sealed the same way: its key is not the stored mentor key.
    const other = await createMentorKey('0000', FAST);
    const forged = (await sealSession('0000', other))!;
    expect(await openSession(forged, stored)).toBeNull();
    expect(await openSession({ ...session, key: 'not base64!' }, stored)).toBeNull();
    expect(await openSession({ ...session, key: toBase64(new Uint8Array(32)) }, stored)).toBeNull();
  });
});
