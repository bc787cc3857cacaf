/** The app's one database handle, opened lazily; tests swap it with `useDb` before rendering. */
import { createDb, type CallDojoDb } from '../storage/db.ts';
import { toStorageError, type StorageError } from '../storage/errors.ts';
import { requestPersistence } from '../storage/persistence.ts';

let db: CallDojoDb | undefined;

/** The shared database (created on first use, and asking the browser to keep it). */
export function appDb(): CallDojoDb {
  if (!db) {
    db = createDb();
    void requestPersistence();
  }
  return db;
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
