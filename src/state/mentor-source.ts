/**
 * What the cohort view reads: every profile, every finished call with the mentor's corrections applied to its
 * verdict, and the readiness settings. Read-only table scans through the app's database handle (the state layer
 * never imports Dexie); writes go through storage repositories.
 */
import { effectiveScores, listProfiles, reviewsFor, type Attempt, type CallDojoDb, type Profile, type Review } from '../storage/index.ts';
import type { ReadinessOptions } from './mentor-cohort.ts';

export interface CohortSource {
  profiles: Profile[];
  /** Finished calls, newest first; a reviewed call carries the verdict after the mentor's corrections. */
  attempts: Attempt[];
  /** The latest review of each reviewed call, by attempt id. */
  reviews: Map<string, Review>;
}

/** Loads the cohort; only the few calls a mentor corrected cost more than their attempt row. */
export async function loadCohort(db: CallDojoDb): Promise<CohortSource> {
  const [profiles, rows, corrected, reviews] = await Promise.all([
    listProfiles(db),
    db.attempts.where('status').equals('completed').toArray(),
    db.overrides.orderBy('attemptId').uniqueKeys(),
    reviewsFor(db),
  ]);
  const effective = new Map(await Promise.all(corrected.map(async (id) => [String(id), await effectiveScores(db, String(id))] as const)));
  const attempts = rows
    .map((a) => {
      const e = effective.get(a.id);
      return e ? { ...a, scores: e.scores, passed: e.passed, blockerRule: e.blockerRule } : a;
    })
    .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
  const latest = new Map<string, Review>();
  for (const r of reviews) if (!latest.has(r.attemptId)) latest.set(r.attemptId, r); // reviewsFor: newest first
  return { profiles, attempts, reviews: latest };
}

const READINESS_KEY = 'readiness';
export const DEFAULT_READINESS: ReadinessOptions = { required: [], lastN: 5 };

/** The readiness settings stored on this PC, or the defaults. */
export async function loadReadiness(db: CallDojoDb): Promise<ReadinessOptions> {
  const v = (await db.settings.get(READINESS_KEY))?.value as Partial<ReadinessOptions> | undefined;
  return {
    required: Array.isArray(v?.required) ? v.required.filter((s): s is string => typeof s === 'string') : DEFAULT_READINESS.required,
    lastN: Number.isInteger(v?.lastN) && (v!.lastN as number) > 0 ? (v!.lastN as number) : DEFAULT_READINESS.lastN,
  };
}

/** Saves the readiness settings; N is rounded to a whole number of at least 1 and returned as stored. */
export async function saveReadiness(db: CallDojoDb, options: ReadinessOptions): Promise<ReadinessOptions> {
  const stored = { required: [...new Set(options.required)], lastN: Math.max(1, Math.round(options.lastN) || 1) };
  await db.settings.put({ key: READINESS_KEY, value: stored });
  return stored;
}
