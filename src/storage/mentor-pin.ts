/**
 * The mentor PIN of this PC: set on first use, changed only with the old PIN, kept as a salted hash in `settings`,
 * together with the mentor key sealed under it (src/security/mentor-key.ts). PCs whose PIN was set before the mentor
 * key existed get their key on the first unlock with the right PIN.
 */
import { createMentorKey, resealMentorKey, unlockMentorKey, type WrappedMentorKey } from '../security/mentor-key.ts';
import { hashPin, isValidPin, verifyPin, type PinHash } from '../security/pin.ts';
import type { SigningKey } from '../security/signature.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';

const PIN_KEY = 'mentorPin';
export const MENTOR_KEY = 'mentorKey';

/** The stored PIN hash, or null before a mentor has set one (the UI then offers to set it). */
export function getMentorPin(db: CallDojoDb): Promise<PinHash | null> {
  return guard(async () => ((await db.settings.get(PIN_KEY))?.value as PinHash | undefined) ?? null);
}

function checkShape(pin: string): void {
  if (!isValidPin(pin)) throw new StorageError('invalid', 'the PIN must be 4 to 12 digits');
}

/** The sealed mentor key, or null before one was made (no PIN yet, or a PIN set by an older CallDojo). */
export function getMentorKey(db: CallDojoDb): Promise<WrappedMentorKey | null> {
  return guard(async () => ((await db.settings.get(MENTOR_KEY))?.value as WrappedMentorKey | undefined) ?? null);
}

/**
 * Hashes and seals outside the transaction (IndexedDB commits a transaction left waiting on other work), then writes
 * only if the stored PIN is still the one the caller saw, so two tabs cannot both "set the first PIN".
 */
async function store(db: CallDojoDb, expected: PinHash | null, next: PinHash, key: WrappedMentorKey): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const now = ((await db.settings.get(PIN_KEY))?.value as PinHash | undefined) ?? null;
    if (now?.hash !== expected?.hash)
      throw new StorageError(expected ? 'wrong_pin' : 'pin_already_set', 'the PIN was changed meanwhile');
    await db.settings.put({ key: PIN_KEY, value: next });
    await db.settings.put({ key: MENTOR_KEY, value: key });
  });
}

/** Sets the PIN on first use; once one exists this refuses (`pin_already_set`): use `changeMentorPin`. */
export function setMentorPin(db: CallDojoDb, pin: string): Promise<void> {
  return guard(async () => {
    checkShape(pin);
    if (await getMentorPin(db)) throw new StorageError('pin_already_set');
    await store(db, null, await hashPin(pin), await createMentorKey(pin));
  });
}

/** Replaces the PIN when `oldPin` is right (`wrong_pin` otherwise). */
export function changeMentorPin(db: CallDojoDb, oldPin: string, newPin: string): Promise<void> {
  return guard(async () => {
    checkShape(newPin);
    const stored = await getMentorPin(db);
    if (!stored || !(await verifyPin(oldPin, stored))) throw new StorageError('wrong_pin');
    const sealed = await getMentorKey(db);
    const key = sealed ? await resealMentorKey(oldPin, newPin, sealed) : await createMentorKey(newPin);
    if (!key) throw new StorageError('wrong_pin', 'the PIN does not open the mentor key');
    await store(db, stored, await hashPin(newPin), key);
  });
}

/** True when `pin` is this PC's mentor PIN; false when it is wrong or none is set. */
export function checkMentorPin(db: CallDojoDb, pin: string): Promise<boolean> {
  return guard(async () => {
    const stored = await getMentorPin(db);
    return stored !== null && (await verifyPin(pin, stored));
  });
}

/**
 * The mentor's signing key when `pin` opens it; null for a wrong PIN or none set. A PIN set before mentor keys existed
 * is checked against its hash and, when right, gets its key now (the upgrade of older PCs).
 */
export function unlockMentor(db: CallDojoDb, pin: string): Promise<SigningKey | null> {
  return guard(async () => {
    const sealed = await getMentorKey(db);
    if (sealed) return unlockMentorKey(pin, sealed);
    const stored = await getMentorPin(db);
    if (!stored || !(await verifyPin(pin, stored))) return null;
    const key = await createMentorKey(pin);
    await db.transaction('rw', db.settings, async () => {
      if (await db.settings.get(MENTOR_KEY))
        throw new StorageError('wrong_pin', 'another tab made the mentor key meanwhile; unlock again');
      await db.settings.put({ key: MENTOR_KEY, value: key });
    });
    return unlockMentorKey(pin, key);
  });
}
