/** Live queries for the state layer, which may not import Dexie itself. */
import { liveQuery } from 'dexie';
import { type StorageError, toStorageError } from './errors.ts';

/**
 * Runs `query` now and again whenever the data it read changes; returns the function that stops watching.
 * Until the first `onValue` call the caller has no value yet (treat it as loading, not as empty).
 */
export function watch<T>(
  query: () => Promise<T>,
  onValue: (value: T) => void,
  onError: (error: StorageError) => void = () => {},
): () => void {
  const subscription = liveQuery(query).subscribe({
    next: onValue,
    error: (e: unknown) => onError(toStorageError(e)),
  });
  return () => subscription.unsubscribe();
}
