/** The current trainee's attempts and best score per scenario, live from storage, for the library cards. */
import { watch } from '../storage/live.ts';
import { libraryStats, type ScenarioStats } from '../storage/progress.ts';
import { appDb } from './db.ts';

export class LibraryStatsState {
  /** undefined while loading or when no trainee is selected. */
  stats = $state.raw<Map<string, ScenarioStats> | undefined>(undefined);
  private stop: (() => void) | undefined;

  /** Follows `profileId`'s attempts; call again when the trainee changes, `null` to stop. */
  follow(profileId: string | null): void {
    this.stop?.();
    this.stop = undefined;
    this.stats = undefined;
    if (profileId) this.stop = watch(() => libraryStats(appDb(), profileId), (s) => (this.stats = s));
  }
}
