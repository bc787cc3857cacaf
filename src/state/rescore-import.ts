/** Re-scores the calls a bundle brought in (see rescore.ts) and lists those whose stored verdict differs. */
import { getAttempt, getProfile, getRecord, listTurns, type CallDojoDb } from '../storage/index.ts';
import { scenarios } from './catalog.ts';
import { loadEngine } from './engine.ts';
import { differs, rescoreCall, type Rescored } from './rescore.ts';

export interface RescoreFlag {
  attemptId: string;
  name: string;
  staffNo: string;
  title: string;
  stored: Rescored;
  rescored: Rescored;
}

export interface RescoreSummary {
  /** How many finished calls were re-scored. */
  checked: number;
  /** Calls whose scenario is not in this PC's library (cannot be replayed). */
  skipped: number;
  flags: RescoreFlag[];
}

/** Replays every finished call of `attemptIds` with this PC's engine. */
export async function rescoreImported(db: CallDojoDb, attemptIds: readonly string[]): Promise<RescoreSummary> {
  const summary: RescoreSummary = { checked: 0, skipped: 0, flags: [] };
  if (attemptIds.length === 0) return summary;
  const engine = await loadEngine();
  for (const id of attemptIds) {
    const attempt = await getAttempt(db, id);
    if (attempt.status !== 'completed' || !attempt.scores) continue;
    const entry = scenarios.find((s) => s.id === attempt.scenarioId);
    if (!entry) {
      summary.skipped++;
      continue;
    }
    const [scenario, turns, record, profile] = await Promise.all([
      entry.load(),
      listTurns(db, id),
      getRecord(db, id),
      getProfile(db, attempt.profileId),
    ]);
    const rescored = rescoreCall(scenario, engine, attempt, turns, record, profile);
    summary.checked++;
    if (differs(attempt, rescored)) {
      summary.flags.push({
        attemptId: id,
        name: profile?.name ?? '',
        staffNo: profile?.staffNo ?? '',
        title: attempt.scenarioTitle,
        stored: { total: attempt.scores.total, passed: attempt.passed === true },
        rescored,
      });
    }
  }
  return summary;
}
