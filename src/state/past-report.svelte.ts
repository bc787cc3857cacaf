/** Opens one finished call of the current trainee for re-reading: attempt, lines, record and its scenario. */
import { getAttempt, getRecord, listTurns, toStorageError, type StorageError } from '../storage/index.ts';
import type { Scenario } from '../scenarios/ir.ts';
import { scenarios } from './catalog.ts';
import { appDb } from './db.ts';
import { buildPastReport, type PastReport } from './past-report.ts';

/** `missing`: no such finished call for this trainee; `retired`: its scenario is no longer in the library. */
export type PastReportStatus = 'loading' | 'ready' | 'missing' | 'retired' | 'error';

export class PastReportState {
  status = $state<PastReportStatus>('loading');
  value = $state.raw<PastReport | null>(null);
  error = $state.raw<StorageError | null>(null);
  private opened = 0;

  constructor(private readonly loadScenario: (id: string) => Promise<Scenario> | undefined = defaultLoader) {}

  /** Loads `attemptId` if it is a completed call of `profileId` (a shared PC must not show another trainee's call). */
  async open(attemptId: string, profileId: string): Promise<void> {
    const ticket = ++this.opened; // a later open() wins if the trainee navigates on before this one finishes
    this.status = 'loading';
    this.value = null;
    this.error = null;
    try {
      const db = appDb();
      const attempt = await getAttempt(db, attemptId).catch((e: StorageError) =>
        e.kind === 'not_found' ? null : Promise.reject(e),
      );
      if (!attempt || attempt.profileId !== profileId || attempt.status !== 'completed')
        return this.settle(ticket, 'missing');
      const pending = this.loadScenario(attempt.scenarioId);
      if (!pending) return this.settle(ticket, 'retired');
      const [turns, record, scenario] = await Promise.all([
        listTurns(db, attemptId),
        getRecord(db, attemptId),
        pending,
      ]);
      if (ticket !== this.opened) return;
      this.value = buildPastReport(attempt, turns, record, scenario);
      this.status = 'ready';
    } catch (e) {
      if (ticket !== this.opened) return;
      this.error = toStorageError(e);
      this.status = 'error';
    }
  }

  private settle(ticket: number, status: PastReportStatus): void {
    if (ticket === this.opened) this.status = status;
  }
}

function defaultLoader(id: string): Promise<Scenario> | undefined {
  return scenarios.find((s) => s.id === id)?.load();
}
