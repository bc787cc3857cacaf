/** The app's one database handle, opened lazily; tests swap it with `useDb` before rendering. */
import { createDb, type CallDojoDb } from '../storage/db.ts';
import { toStorageError, type StorageError } from '../storage/errors.ts';
import { requestPersistence } from '../storage/persistence.ts';

let db: CallDojoDb | undefined;
let kept: Promise<boolean> | undefined;

/** The shared database (created on first use, and asking the browser to keep it). */
export function appDb(): CallDojoDb {
  if (!db) {
    db = createDb();
    void dataKept();
  }
  return db;
}

/**
 * Whether the browser agreed to keep CallDojo's data (asked once). False when it refused, as private windows and
 * browsers short of space do: the day's practice may then vanish, and the app says so.
 */
export function dataKept(): Promise<boolean> {
  // A browser without the API gives no answer to warn about (test environments among them).
  const asked = typeof globalThis.navigator?.storage?.persist === 'function';
  return (kept ??= asked ? requestPersistence() : Promise.resolve(true));
}

/**
 * Opens the database again if opening it failed (a full disk at start-up…): a failed open otherwise fails every
 * later query until the page is reloaded. Throws the storage error if it still cannot open.
 */
export async function reopenIfFailed(): Promise<void> {
  if (!db?.hasFailed()) return;
  try {
    await db.open();
  } catch (e) {
    throw toStorageError(e);
  }
}

/** Replaces the shared database (tests use a fresh name each). */
export function useDb(next: CallDojoDb): void {
  db = next;
}

/** Opens the database now so a blocked or private-mode browser is reported at start-up, not mid-call. */
export async function storageProblem(): Promise<StorageError | null> {
  try {
    await appDb().open();
    return null;
  } catch (e) {
    return toStorageError(e);
  }
}
