/** Everything the progress page shows for one trainee, read through the storage API in one (live) query. */
import {
  correctedVerdicts,
  getAttempt,
  libraryStats,
  proficiencyOverTime,
  reviewsFor,
  scenarioHistory,
  unfinishedCalls,
  weakestRules,
  type CallDojoDb,
  type Mode,
  type ProficiencyPoint,
  type WeakRule,
} from '../storage/index.ts';
import type { Lang } from '../scoring/types.ts';

export interface ScenarioProgress {
  scenarioId: string;
  /** As the scenario was titled when last played (kept with the attempt, so removed scenarios still read well). */
  title: string;
  lang: Lang;
  attempts: number;
  firstTotal: number;
  bestTotal: number;
  passed: boolean;
  lastAt: number;
}

export interface RecentAttempt {
  attemptId: string;
  scenarioId: string;
  title: string;
  lang: Lang;
  mode: Mode;
  endedAt: number;
  /** As it counts: the mentor's total and verdict when a mentor corrected the call. */
  total: number;
  passed: boolean;
  blockerRule: string | null;
  /** The machine's own total and verdict, when a mentor's correction changed what counts. */
  machine: { total: number; passed: boolean } | null;
}

/** A call whose review (or a mentor's reply) the trainee has not acknowledged yet. */
export interface WaitingReview {
  attemptId: string;
  title: string;
  lang: Lang;
  mentor: string;
  updatedAt: number;
  total: number;
  passed: boolean;
}

/** A call with no score that stays in view: ended with its record not filed, or abandoned (never a pass). */
export interface UnfinishedCall {
  attemptId: string;
  scenarioId: string;
  title: string;
  lang: Lang;
  mode: Mode;
  status: 'ended' | 'abandoned';
  /** When the call ended or was given up (its start for an old abandoned row without an end). */
  at: number;
}

export interface ProgressData {
  /** Calls ended without their record, then abandoned calls, newest first within each. */
  unfinished: UnfinishedCall[];
  /** Scenarios with at least one completed call, most recently played first. */
  scenarios: ScenarioProgress[];
  /** The latest completed calls, newest first. */
  recent: RecentAttempt[];
  /** Findings by category per completed call, oldest first. */
  proficiency: ProficiencyPoint[];
  weakest: WeakRule[];
  /** Reviews waiting for the trainee to read, most recent first. */
  waiting: WaitingReview[];
}

export const RECENT_LIMIT = 10;
export const WEAKEST_LIMIT = 8;

/** Reads the trainee's progress: per-scenario history (first → best), recent calls, proficiency and weakest rules. */
export async function loadProgress(db: CallDojoDb, profileId: string): Promise<ProgressData> {
  const stats = await libraryStats(db, profileId);
  const proficiency = await proficiencyOverTime(db, profileId);
  const weakest = await weakestRules(db, profileId, WEAKEST_LIMIT);

  const scenarios: ScenarioProgress[] = [];
  for (const s of stats.values()) {
    if (s.attempts === 0) continue;
    const h = await scenarioHistory(db, profileId, s.scenarioId);
    const last = h.points.at(-1);
    if (!h.first || !h.best || !last) continue;
    const latest = await getAttempt(db, last.attemptId);
    scenarios.push({
      scenarioId: s.scenarioId,
      title: latest.scenarioTitle,
      lang: latest.lang,
      attempts: h.points.length,
      firstTotal: h.first.total,
      bestTotal: h.best.total,
      passed: s.passedEver,
      lastAt: last.endedAt,
    });
  }
  scenarios.sort((a, b) => b.lastAt - a.lastAt);

  const corrected = await correctedVerdicts(db, profileId);
  const recent: RecentAttempt[] = [];
  for (const p of proficiency.slice(-RECENT_LIMIT).reverse()) {
    const a = await getAttempt(db, p.attemptId);
    const machine = { total: a.scores?.total ?? 0, passed: a.passed === true };
    const e = corrected.get(a.id);
    const changed = e !== undefined && (e.scores.total !== machine.total || e.passed !== machine.passed);
    recent.push({
      attemptId: a.id,
      scenarioId: a.scenarioId,
      title: a.scenarioTitle,
      lang: a.lang,
      mode: a.mode,
      endedAt: p.endedAt,
      ...(e
        ? { total: e.scores.total, passed: e.passed, blockerRule: e.blockerRule }
        : { ...machine, blockerRule: a.blockerRule }),
      machine: changed ? machine : null,
    });
  }
  const unfinished = (await unfinishedCalls(db, profileId))
    .map((a): UnfinishedCall => ({
      attemptId: a.id,
      scenarioId: a.scenarioId,
      title: a.scenarioTitle,
      lang: a.lang,
      mode: a.mode,
      status: a.status === 'ended' ? 'ended' : 'abandoned',
      at: a.endedAt ?? a.startedAt,
    }))
    .sort((a, b) => Number(a.status === 'abandoned') - Number(b.status === 'abandoned'));

  const waiting: WaitingReview[] = [];
  // Opening a call creates its review; it waits for the trainee once the mentor has said or changed something.
  for (const r of (await reviewsFor(db, { profileId })).filter(
    (r) => r.status === 'open' && (r.comment.trim() || corrected.has(r.attemptId)),
  )) {
    const a = await getAttempt(db, r.attemptId);
    const e = corrected.get(a.id);
    waiting.push({
      attemptId: a.id,
      title: a.scenarioTitle,
      lang: a.lang,
      mentor: r.mentor,
      updatedAt: r.updatedAt,
      total: e?.scores.total ?? a.scores?.total ?? 0,
      passed: e ? e.passed : a.passed === true,
    });
  }
  return { unfinished, scenarios, recent, proficiency, weakest, waiting };
}
