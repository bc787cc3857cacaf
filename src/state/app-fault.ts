/**
 * A programming error (a bug in CallDojo, not the trainee's data or the browser's storage), told apart from storage
 * failures so a trainee is never sent to "export your data" for a fault of ours. Carries bilingual text like a
 * StorageError, so the same alert shows either.
 */
import { translate } from '../i18n/translate.ts';
import { StorageError, isStorageFailure, toStorageError } from '../storage/errors.ts';

export class AppFault extends Error {
  override readonly name = 'AppFault';
  readonly kind = 'bug' as const;
  readonly text = { zh: translate('zh-CN', 'error.bug'), en: translate('en', 'error.bug') };
  constructor(cause: unknown) {
    super(`CallDojo fault: ${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}`, { cause });
  }
}

/** Sorts a caught error: a storage failure (Dexie, IndexedDB) becomes a StorageError, anything else an AppFault. */
export function toShownError(e: unknown): StorageError | AppFault {
  if (e instanceof AppFault) return e;
  if (!isStorageFailure(e)) {
    // Kept in the console for whoever debugs it; the trainee sees the plain message.
    console.error(e);
    return new AppFault(e);
  }
  return toStorageError(e);
}
