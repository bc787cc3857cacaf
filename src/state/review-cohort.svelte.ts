/** The cohort tab: follows every trainee's finished calls live and keeps the readiness settings. */
import { toStorageError, type StorageError } from '../storage/index.ts';
import { scenarios } from './catalog.ts';
import { appDb } from './db.ts';
import type { ReadinessOptions } from './mentor-cohort.ts';
import {
  DEFAULT_READINESS,
  cohortTables,
  follow,
  loadCohort,
  loadReadiness,
  saveReadiness,
  type CohortSource,
  type LoadedReadiness,
} from './mentor-source.ts';
import { mentorLock } from './mentor-lock.svelte.ts';

export class CohortState {
  /** undefined until storage answers the first time. */
  source = $state.raw<CohortSource | undefined>(undefined);
  readiness = $state.raw<LoadedReadiness>(DEFAULT_READINESS);
  error = $state.raw<StorageError | null>(null);
  /** True right after the readiness settings were saved (cleared by the next edit). */
  saved = $state(false);
  /** Scenario titles by id: the library's, then any a trainee played that has since left it. */
  titles = $derived.by(() => {
    const out: Record<string, string> = Object.fromEntries(scenarios.map((s) => [s.id, s.title]));
    for (const a of this.source?.attempts ?? []) out[a.scenarioId] ??= a.scenarioTitle;
    return out;
  });

  /** Starts following the cohort; returns the function that stops. */
  start(): () => void {
    void loadReadiness(appDb()).then(
      (r) => (this.readiness = r),
      (e) => (this.error = toStorageError(e)),
    );
    return follow(
      () => cohortTables(appDb()),
      (tables) => loadCohort(appDb(), tables),
      (v) => (this.source = v),
      (e) => (this.error = e),
    );
  }

  /** Stores the required scenarios and N on this PC. */
  async saveReadiness(options: ReadinessOptions): Promise<void> {
    this.error = null;
    const signer = mentorLock.signer;
    // The gate only opens with the PIN, which unlocks the key; a tab without it cannot sign settings that count.
    if (!signer) return;
    try {
      this.readiness = await saveReadiness(appDb(), options, signer);
      this.saved = true;
    } catch (e) {
      this.error = toStorageError(e);
    }
  }
}
