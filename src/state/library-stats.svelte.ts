/** The current trainee's attempts and best score per scenario, live from storage, for the library cards. */
import { progressTrigger } from '../storage/mentor-reads.ts';
import { libraryStats, type ScenarioStats } from '../storage/progress.ts';
import { appDb } from './db.ts';
import { follow } from './follow.ts';

export class LibraryStatsState {
  /** undefined while loading or when no trainee is selected. */
  stats = $state.raw<Map<string, ScenarioStats> | undefined>(undefined);
  private stop: (() => void) | undefined;

  /** Follows `profileId`'s attempts; call again when the trainee changes, `null` to stop. */
  follow(profileId: string | null): void {
    this.stop?.();
    this.stop = undefined;
    this.stats = undefined;
    // A flat trigger, then the stats (which check corrections' signatures with WebCrypto) outside the live query.
    if (profileId)
      this.stop = follow(
        () => progressTrigger(appDb(), profileId),
        () => libraryStats(appDb(), profileId),
        (s) => (this.stats = s),
        () => {},
      );
  }
}
