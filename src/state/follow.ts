/**
 * Live views that cannot run inside a Dexie live query (their loading awaits WebCrypto, which would let the query's
 * transaction commit early) follow a flat trigger instead: `trigger` reads the tables with no \`await\` between reads,
 * and `load` runs as ordinary async code each time those reads change.
 */
import { toStorageError, type StorageError } from '../storage/errors.ts';
import { watch } from '../storage/live.ts';

/**
 * Runs `load` with the trigger's value each time the trigger's reads change; a slower earlier load never overwrites a
 * later one. Returns the function that stops following.
 */
export function follow<T, R>(
  trigger: () => Promise<T>,
  load: (value: T) => Promise<R>,
  onValue: (value: R) => void,
  onError: (error: StorageError) => void,
): () => void {
  let ticket = 0;
  return watch(
    trigger,
    (value) => {
      const mine = ++ticket;
      load(value).then(
        (result) => mine === ticket && onValue(result),
        (e: unknown) => mine === ticket && onError(toStorageError(e)),
      );
    },
    onError,
  );
}
