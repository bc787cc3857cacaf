/** The app's one database handle, opened lazily; tests swap it with `useDb` before rendering. */
import { createDb, type CallDojoDb } from '../storage/db.ts';
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
