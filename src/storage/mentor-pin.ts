/** The mentor PIN of this PC: set on first use, changed only with the old PIN, kept as a salted hash in `settings`. */
import { hashPin, isValidPin, verifyPin, type PinHash } from '../security/pin.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';

const PIN_KEY = 'mentorPin';

/** The stored PIN hash, or null before a mentor has set one (the UI then offers to set it). */
export function getMentorPin(db: CallDojoDb): Promise<PinHash | null> {
  return guard(async () => ((await db.settings.get(PIN_KEY))?.value as PinHash | undefined) ?? null);
}

function checkShape(pin: string): void {
  if (!isValidPin(pin)) throw new StorageError('invalid', 'the PIN must be 4 to 12 digits');
}

/**
 * Hashes outside the transaction (IndexedDB commits a transaction left waiting on other work), then writes only if
 * the stored value is still the one the caller saw, so two tabs cannot both "set the first PIN".
 */
async function store(db: CallDojoDb, expected: PinHash | null, next: PinHash): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const now = ((await db.settings.get(PIN_KEY))?.value as PinHash | undefined) ?? null;
    if (now?.hash !== expected?.hash) throw new StorageError(expected ? 'wrong_pin' : 'pin_already_set', 'the PIN was changed meanwhile');
    await db.settings.put({ key: PIN_KEY, value: next });
  });
}

/** Sets the PIN on first use; once one exists this refuses (`pin_already_set`): use `changeMentorPin`. */
export function setMentorPin(db: CallDojoDb, pin: string): Promise<void> {
  return guard(async () => {
    checkShape(pin);
    if (await getMentorPin(db)) throw new StorageError('pin_already_set');
    await store(db, null, await hashPin(pin));
  });
}

/** Replaces the PIN when `oldPin` is right (`wrong_pin` otherwise). */
export function changeMentorPin(db: CallDojoDb, oldPin: string, newPin: string): Promise<void> {
  return guard(async () => {
    checkShape(newPin);
    const stored = await getMentorPin(db);
    if (!stored || !(await verifyPin(oldPin, stored))) throw new StorageError('wrong_pin');
    await store(db, stored, await hashPin(newPin));
  });
}

/** True when `pin` is this PC's mentor PIN; false when it is wrong or none is set. */
export function checkMentorPin(db: CallDojoDb, pin: string): Promise<boolean> {
  return guard(async () => {
    const stored = await getMentorPin(db);
    return stored !== null && (await verifyPin(pin, stored));
  });
}
