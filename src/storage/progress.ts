/** Read-only queries behind the library and progress pages; each walks one index of `attempts`, never `turns`. */
import Dexie from 'dexie';
import type { Category, Severity } from '../scoring/types.ts';
import type { CallDojoDb } from './db.ts';
import { guard } from './errors.ts';
import { effectiveScores, type EffectiveScores } from './reviews.ts';
import type { Attempt, Mode } from './types.ts';

/**
 * The verdict that counts for each of the profile's calls a mentor corrected, by attempt id; calls without a
 * correction are not in the map (their stored machine verdict counts).
 */
export function correctedVerdicts(db: CallDojoDb, profileId: string): Promise<Map<string, EffectiveScores>> {
  return guard(async () => {
    const ids = await db.attempts.where('profileId').equals(profileId).primaryKeys();
    const corrected = new Set((await db.overrides.where('attemptId').anyOf(ids).toArray()).map((o) => o.attemptId));
    return new Map(await Promise.all([...corrected].map(async (id) => [id, await effectiveScores(db, id)] as const)));
  });
}

/** An attempt's total and verdict as they count: the mentor's when a mentor corrected the call. */
function counted(
  a: Attempt & { scores: NonNullable<Attempt['scores']> },
  corrected: Map<string, EffectiveScores>,
): { total: number; passed: boolean } {
  const e = corrected.get(a.id);
  return e ? { total: e.scores.total, passed: e.passed } : { total: a.scores.total, passed: a.passed === true };
}

export interface ScenarioStats {
  scenarioId: string;
  /** Completed attempts. */
  attempts: number;
  /** As they count: a mentor's corrected verdict replaces the machine's. */
  bestTotal: number | null;
  passedEver: boolean;
  /** The machine's own best and whether it ever passed a call, when a mentor's correction changed either. */
  machine: { bestTotal: number; passedEver: boolean } | null;
  lastPlayedAt: number;
  /** A call of this scenario can be resumed. */
  unfinished: boolean;
}

/** Per scenario the profile has touched: completed attempts, best total, whether it ever passed (mentor verdicts count). */
export function libraryStats(db: CallDojoDb, profileId: string): Promise<Map<string, ScenarioStats>> {
  return guard(async () => {
    const stats = new Map<string, ScenarioStats>();
    // The attempts are read first: a live query keeps track of what it reads before its first await.
    const rows = await db.attempts.where('profileId').equals(profileId).toArray();
    const corrected = await correctedVerdicts(db, profileId);
    const machineOf = new Map<string, { bestTotal: number; passedEver: boolean }>();
    for (const a of rows) {
      const s = stats.get(a.scenarioId) ?? {
        scenarioId: a.scenarioId,
        attempts: 0,
        bestTotal: null,
        passedEver: false,
        machine: null,
        lastPlayedAt: 0,
        unfinished: false,
      };
      const machine = machineOf.get(a.scenarioId) ?? { bestTotal: 0, passedEver: false };
      s.lastPlayedAt = Math.max(s.lastPlayedAt, a.endedAt ?? a.startedAt);
      if (a.status === 'in_progress') s.unfinished = true;
      if (a.status === 'completed' && a.scores) {
        const { total, passed } = counted(a as Attempt & { scores: NonNullable<Attempt['scores']> }, corrected);
        s.attempts++;
        s.bestTotal = Math.max(s.bestTotal ?? 0, total);
        s.passedEver ||= passed;
        machine.bestTotal = Math.max(machine.bestTotal, a.scores.total);
        machine.passedEver ||= a.passed === true;
      }
      machineOf.set(a.scenarioId, machine);
      stats.set(a.scenarioId, s);
    }
    for (const s of stats.values()) {
      const m = machineOf.get(s.scenarioId)!;
      if (s.attempts > 0 && (m.bestTotal !== s.bestTotal || m.passedEver !== s.passedEver)) s.machine = m;
    }
    return stats;
  });
}

export interface HistoryPoint {
  attemptId: string;
  endedAt: number;
  mode: Mode;
  /** As it counts: the mentor's total and verdict when a mentor corrected the call. */
  total: number;
  passed: boolean;
  /** The machine's own total and verdict, when a mentor's correction changed what counts. */
  machine: { total: number; passed: boolean } | null;
}

/** Completed attempts of one scenario in order, with the first and the best (latest wins a tie); mentor verdicts count. */
export function scenarioHistory(
  db: CallDojoDb,
  profileId: string,
  scenarioId: string,
): Promise<{ points: HistoryPoint[]; first: HistoryPoint | null; best: HistoryPoint | null }> {
  return guard(async () => {
    const rows = await db.attempts.where('[profileId+scenarioId]').equals([profileId, scenarioId]).toArray();
    const corrected = await correctedVerdicts(db, profileId);
    const points = rows
      .filter((a): a is Attempt & { scores: NonNullable<Attempt['scores']>; endedAt: number } => isScored(a))
      .sort((a, b) => a.endedAt - b.endedAt)
      .map((a) => {
        const machine = { total: a.scores.total, passed: a.passed === true };
        const now = counted(a, corrected);
        const changed = now.total !== machine.total || now.passed !== machine.passed;
        return { attemptId: a.id, endedAt: a.endedAt, mode: a.mode, ...now, machine: changed ? machine : null };
      });
    const best = points.reduce<HistoryPoint | null>((b, p) => (!b || p.total >= b.total ? p : b), null);
    return { points, first: points[0] ?? null, best };
  });
}

function isScored(a: Attempt): boolean {
  return a.status === 'completed' && a.scores !== null && a.endedAt !== null;
}

/** Completed attempts of a profile ordered by end time, read from the `[profileId+endedAt]` index. */
function completedInOrder(db: CallDojoDb, profileId: string): Promise<Attempt[]> {
  return db.attempts
    .where('[profileId+endedAt]')
    .between([profileId, Dexie.minKey], [profileId, Dexie.maxKey])
    .filter(isScored)
    .toArray();
}

export interface ProficiencyPoint {
  attemptId: string;
  scenarioId: string;
  endedAt: number;
  /** Findings per category in that call (missing categories had none). */
  byCategory: Partial<Record<Category, number>>;
}

/** Findings by category per completed call over time: the data of the proficiency chart. */
export function proficiencyOverTime(db: CallDojoDb, profileId: string): Promise<ProficiencyPoint[]> {
  return guard(async () =>
    (await completedInOrder(db, profileId)).map((a) => ({
      attemptId: a.id,
      scenarioId: a.scenarioId,
      endedAt: a.endedAt!,
      byCategory: { ...a.findings?.byCategory },
    })),
  );
}

export interface WeakRule {
  rule: string;
  category: Category;
  severity: Severity;
  /** Times it fired across all completed calls. */
  count: number;
  /** Completed calls it fired in. */
  attempts: number;
}

/** The rules the trainee breaks most often, most frequent first. */
export function weakestRules(db: CallDojoDb, profileId: string, limit = 5): Promise<WeakRule[]> {
  return guard(async () => {
    const byRule = new Map<string, WeakRule>();
    for (const a of await completedInOrder(db, profileId)) {
      for (const [rule, r] of Object.entries(a.findings?.byRule ?? {})) {
        const w = byRule.get(rule) ?? { rule, category: r.category, severity: r.severity, count: 0, attempts: 0 };
        w.count += r.count;
        w.attempts++;
        byRule.set(rule, w);
      }
    }
    return [...byRule.values()]
      .sort((a, b) => b.count - a.count || b.attempts - a.attempts || a.rule.localeCompare(b.rule))
      .slice(0, limit);
  });
}

/**
 * The profile's calls that ended without a filed record or were abandoned, newest first: they have no scores, but
 * they must never drop out of sight (issue 14).
 */
export function unfinishedCalls(db: CallDojoDb, profileId: string): Promise<Attempt[]> {
  return guard(async () => {
    const rows = await db.attempts
      .where('[profileId+status]')
      .anyOf([profileId, 'ended'], [profileId, 'abandoned'])
      .toArray();
    return rows.sort((a, b) => (b.endedAt ?? b.startedAt) - (a.endedAt ?? a.startedAt));
  });
}
