/** The current trainee's progress, live from storage: it refreshes by itself when a call completes or data is imported. */
import { progressTrigger, type StorageError } from '../storage/index.ts';
import { appDb } from './db.ts';
import { follow } from './follow.ts';
import { loadProgress, type ProgressData } from './progress-data.ts';

export class ProgressState {
  /** undefined while loading (or with no trainee): show loading, not "no attempts". */
  data = $state.raw<ProgressData | undefined>(undefined);
  error = $state.raw<StorageError | null>(null);
  private stop: (() => void) | undefined;

  /** Follows `profileId`'s data; call again when the trainee changes, `null` to stop. */
  follow(profileId: string | null): void {
    this.stop?.();
    this.stop = undefined;
    this.data = undefined;
    this.error = null;
    if (!profileId) return;
    // Followed through a flat trigger: loading checks corrections' signatures (WebCrypto), which a live query's
    // transaction cannot wait for.
    this.stop = follow(
      () => progressTrigger(appDb(), profileId),
      () => loadProgress(appDb(), profileId),
      (d) => {
        this.data = d;
        this.error = null;
      },
      (e) => (this.error = e),
    );
  }
}
