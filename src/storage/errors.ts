/** One error type for every storage failure, classified into kinds a person can act on. */
import Dexie, { type Table } from 'dexie';
import type { Bilingual } from '../scoring/types.ts';
import { STORAGE_MESSAGES, type StorageErrorKind } from './messages.ts';

export type { StorageErrorKind } from './messages.ts';

/** A storage failure with a kind the UI can branch on and text it can show as is. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly kind: StorageErrorKind;
  /** Message catalogue key, `storage.<kind>`. */
  readonly messageKey: string;
  /** What happened and what to do, in both UI languages. */
  readonly text: Bilingual;
  /** Technical detail for logs (never shown as the main message). */
  readonly detail: string;

  constructor(kind: StorageErrorKind, detail = '', options?: { cause?: unknown }) {
    super(`${STORAGE_MESSAGES[kind].en}${detail ? ` (${detail})` : ''}`, options);
    this.kind = kind;
    this.messageKey = `storage.${kind}`;
    this.text = STORAGE_MESSAGES[kind];
    this.detail = detail;
  }
}

const KIND_BY_NAME: Record<string, StorageErrorKind> = {
  QuotaExceededError: 'quota_exceeded',
  MissingAPIError: 'unavailable',
  InvalidStateError: 'unavailable',
  SecurityError: 'unavailable',
  NotAllowedError: 'unavailable',
  UnknownError: 'unavailable',
  OpenFailedError: 'unavailable',
  VersionError: 'version_conflict',
  VersionChangeError: 'version_conflict',
  DatabaseClosedError: 'version_conflict',
  DataError: 'corrupt',
  DataCloneError: 'corrupt',
  SchemaError: 'corrupt',
  UpgradeError: 'corrupt',
  NotFoundError: 'corrupt',
  ConstraintError: 'corrupt',
};

/** Errors only Dexie or IndexedDB raise that `KIND_BY_NAME` leaves to the `corrupt` default. */
const DEXIE_ONLY = new Set([
  'AbortError',
  'TransactionInactiveError',
  'ReadOnlyError',
  'PrematureCommitError',
  'TimeoutError',
  'InvalidTableError',
  'InvalidAccessError',
  'SubTransactionError',
  'ModifyError',
  'BulkError',
  'ForeignAwaitError',
  'InternalError',
]);

function names(e: unknown): string[] {
  const out: string[] = [];
  // Dexie nests the browser's error: AbortError > QuotaExceededError, DatabaseClosedError > the reason open failed.
  for (let cur = e as { name?: unknown; inner?: unknown } | undefined, depth = 0; cur && depth < 4; depth++) {
    if (typeof cur.name === 'string') out.push(cur.name);
    cur = cur.inner as typeof cur;
  }
  return out;
}

/**
 * Chromium reports a really full disk as an AbortError or UnknownError, not QuotaExceededError: the transaction
 * aborts while committing ("Internal error committing transaction.") or the backing store cannot be opened
 * ("Encountered full disk while opening backing store…"); Firefox says "exceeded its quota". Any message of the
 * chain that speaks of quota, a full disk or failing to commit is read as a full disk, which is what it nearly
 * always is, and whose advice (free space, export) is right either way.
 */
const DISK_FULL_MESSAGE = /quota|disk full|full disk|no space|space left|error committing transaction/i;

function diskFull(e: unknown): boolean {
  for (
    let cur = e as { name?: unknown; message?: unknown; inner?: unknown } | undefined, depth = 0;
    cur && depth < 4;
    depth++
  ) {
    if (
      (cur.name === 'AbortError' || cur.name === 'UnknownError') &&
      typeof cur.message === 'string' &&
      DISK_FULL_MESSAGE.test(cur.message)
    ) {
      return true;
    }
    cur = cur.inner as typeof cur;
  }
  return false;
}

/** Classifies any error thrown by Dexie or IndexedDB (innermost cause first); StorageErrors pass through unchanged. */
export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  const all = names(e);
  const detail = `${all.join(' > ')}: ${e instanceof Error ? e.message : String(e)}`;
  // A full disk can surface at any depth and matters most: say so even when another error wraps it.
  const cause =
    all.includes('QuotaExceededError') || diskFull(e)
      ? 'QuotaExceededError'
      : [...all].reverse().find((n) => n in KIND_BY_NAME);
  return new StorageError(cause ? KIND_BY_NAME[cause] : 'corrupt', detail, { cause: e });
}

/**
 * Whether `e` came from storage (a StorageError, or an error Dexie or IndexedDB raise) rather than from a bug in the
 * app: a TypeError in app code must not be shown as "your saved data is damaged".
 */
export function isStorageFailure(e: unknown): boolean {
  if (e instanceof StorageError) return true;
  const all = names(e);
  return all.some((n) => n in KIND_BY_NAME || DEXIE_ONLY.has(n));
}

/** Runs a storage operation and rethrows any failure as a StorageError. */
export async function guard<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw toStorageError(e);
  }
}

/**
 * Runs `scope` in a read-write transaction over `tables` and rethrows any failure as a StorageError. When the
 * browser aborted the transaction, its own error decides: Chromium fails the pending requests with a plain
 * AbortError and puts the cause (QuotaExceededError, UnknownError on a full disk) on the transaction.
 */
export async function guardWrite<T>(db: Dexie, tables: Table[], scope: () => Promise<T>): Promise<T> {
  let idb: IDBTransaction | undefined;
  try {
    return await db.transaction('rw', tables, () => {
      idb = Dexie.currentTransaction?.idbtrans;
      return scope();
    });
  } catch (e) {
    if (e instanceof StorageError) throw e;
    throw toStorageError(idb?.error ?? e);
  }
}
