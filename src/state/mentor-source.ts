/**
 * What the mentor views read, and how they stay live. A live query only re-runs when it saw every read it depends on,
 * and Dexie loses track of reads made after the first `await` of a nested async function (observed here: the view
 * never updated after an overrule). So each view follows a flat trigger (table reads with no `await`) and reloads its
 * data with ordinary async functions whenever the trigger fires. The triggers' table reads live in
 * src/storage/mentor-reads.ts (only storage touches tables); every write goes through storage repositories,
 * settings included (`getSetting`/`putSetting`).
 */
import { checkChain } from '../security/audit-chain.ts';
import { canonicalJson } from '../security/canonical.ts';
import { keyFingerprint, signText, verifyText, type Signature, type SigningKey } from '../security/signature.ts';
import {
  cohortTables,
  effectiveScores,
  getAttempt,
  getMentorKey,
  getProfile,
  getRecord,
  getSetting,
  listOverrides,
  listTurns,
  putSetting,
  reviewsFor,
  type Attempt,
  type CallDojoDb,
  type EffectiveScores,
  type Override,
  type Profile,
  type Review,
  type StorageError,
} from '../storage/index.ts';

export { follow } from './follow.ts';
export { cohortTables, reviewTrigger } from '../storage/index.ts';
import { correctionKinds, type CorrectionKind } from '../report/review-queue.ts';
import type { ReadinessOptions } from './mentor-cohort.ts';
import type { AttemptReviewData, UnscoredCallData } from './mentor-review.ts';

/**
 * Everything the review of one call shows, read in one go so any change re-renders one consistent view. A call that
 * ended without its record or was abandoned is shown too (its lines and findings), without scores to correct.
 */
export async function loadReview(
  db: CallDojoDb,
  attemptId: string,
): Promise<AttemptReviewData | UnscoredCallData | null> {
  const attempt = await getAttempt(db, attemptId).catch((e: StorageError) =>
    e.kind === 'not_found' ? null : Promise.reject(e),
  );
  if (!attempt || attempt.status === 'in_progress') return null;
  if (attempt.status !== 'completed' || !attempt.scores) {
    const [profile, turns] = await Promise.all([getProfile(db, attempt.profileId), listTurns(db, attemptId)]);
    return { attempt, profile, turns, kind: 'unscored' };
  }
  const [profile, turns, record, overrides, effective, reviews, mentorKey] = await Promise.all([
    getProfile(db, attempt.profileId),
    listTurns(db, attemptId),
    getRecord(db, attemptId),
    listOverrides(db, attemptId),
    effectiveScores(db, attemptId),
    reviewsFor(db, { profileId: attempt.profileId }),
    getMentorKey(db),
  ]);
  const review = reviews.find((r) => r.attemptId === attemptId) ?? null;
  // The audit trail checked link by link: a removed, edited or unsigned correction is shown to the mentor.
  const audit = await checkChain(
    overrides,
    review?.auditHead,
    mentorKey && (await keyFingerprint(mentorKey.publicKey)),
  );
  return { attempt, profile, turns, record, overrides, effective, review, audit, kind: 'scored' };
}

export interface ReviewNotice {
  review: Review;
  overrides: Override[];
  effective: EffectiveScores;
  /** What each correction did, by override id: a confirmed or dismissed model finding reads as such. */
  kinds: Record<string, CorrectionKind>;
}

/** The review of a trainee's own call, or null; filtered by their profile so another trainee's review never shows. */
export async function loadNotice(db: CallDojoDb, attemptId: string, profileId: string): Promise<ReviewNotice | null> {
  const review = (await reviewsFor(db, { profileId })).find((r) => r.attemptId === attemptId);
  if (!review) return null;
  const [overrides, effective, turns] = await Promise.all([
    listOverrides(db, attemptId),
    effectiveScores(db, attemptId),
    listTurns(db, attemptId),
  ]);
  const scored = turns.flatMap((t) => (t.speaker === 'trainee' && t.assessment ? [{ assessment: t.assessment }] : []));
  const kinds = correctionKinds(scored, overrides);
  return { review, overrides, effective, kinds: Object.fromEntries(overrides.map((o, i) => [o.id, kinds[i]])) };
}

export interface CohortSource {
  profiles: Profile[];
  /** Finished calls, newest first; a reviewed call carries the verdict after the mentor's corrections. */
  attempts: Attempt[];
  /** Calls without scores that must stay in the mentor's view: ended without their record, or abandoned; newest first. */
  unscored: Attempt[];
  /** The latest review of each reviewed call, by attempt id. */
  reviews: Map<string, Review>;
}

/** The cohort from its tables; only the few calls a mentor corrected cost more than their attempt row. */
export async function loadCohort(
  db: CallDojoDb,
  [profiles, rows, overrides, reviews, unscored]: Awaited<ReturnType<typeof cohortTables>>,
): Promise<CohortSource> {
  const corrected = [...new Set(overrides.map((o) => o.attemptId))];
  const effective = new Map(
    await Promise.all(corrected.map(async (id) => [id, await effectiveScores(db, id)] as const)),
  );
  const attempts = rows
    .map((a) => {
      const e = effective.get(a.id);
      // A corrected call counts with the mentor's verdict everywhere, the heat map's finding counts included.
      return e ? { ...a, scores: e.scores, passed: e.passed, blockerRule: e.blockerRule, findings: e.findings } : a;
    })
    .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
  const latest = new Map<string, Review>();
  for (const r of reviews) if ((latest.get(r.attemptId)?.updatedAt ?? -1) < r.updatedAt) latest.set(r.attemptId, r);
  const byName = new Intl.Collator('zh');
  return {
    profiles: [...profiles].sort((a, b) => byName.compare(a.name, b.name)),
    attempts,
    reviews: latest,
    unscored: [...unscored].sort((a, b) => (b.endedAt ?? b.startedAt) - (a.endedAt ?? a.startedAt)),
  };
}

const READINESS_KEY = 'readiness';
export const DEFAULT_READINESS: ReadinessOptions = { required: [], lastN: 5 };

/** Readiness as the cohort view uses it; `unverified` when stored settings lacked this PC's mentor signature. */
export type LoadedReadiness = ReadinessOptions & { unverified?: true };

/**
 * The readiness settings stored on this PC, or the defaults. They decide who is "ready", so they count only when
 * signed with this PC's mentor key: settings changed any other way (the browser's developer tools) are ignored, and
 * the view says so.
 */
export async function loadReadiness(db: CallDojoDb): Promise<LoadedReadiness> {
  const [v, mentorKey] = await Promise.all([
    getSetting(db, READINESS_KEY) as Promise<(Partial<ReadinessOptions> & { signature?: Signature }) | undefined>,
    getMentorKey(db),
  ]);
  if (!v) return DEFAULT_READINESS;
  const options: ReadinessOptions = {
    required: Array.isArray(v.required)
      ? v.required.filter((s): s is string => typeof s === 'string')
      : DEFAULT_READINESS.required,
    lastN: Number.isInteger(v.lastN) && (v.lastN as number) > 0 ? (v.lastN as number) : DEFAULT_READINESS.lastN,
  };
  const signed =
    v.signature !== undefined &&
    mentorKey !== null &&
    (await verifyText(canonicalJson(options), v.signature)).ok &&
    (await keyFingerprint(v.signature.publicKey)) === (await keyFingerprint(mentorKey.publicKey));
  return signed ? options : { ...DEFAULT_READINESS, unverified: true };
}

/**
 * Saves the readiness settings signed with the unlocked mentor key; N is rounded to a whole number of at least 1 and
 * returned as stored.
 */
export async function saveReadiness(
  db: CallDojoDb,
  options: ReadinessOptions,
  signer: SigningKey,
): Promise<ReadinessOptions> {
  const stored: ReadinessOptions = {
    required: [...new Set(options.required)],
    lastN: Math.max(1, Math.round(options.lastN) || 1),
  };
  await putSetting(db, READINESS_KEY, { ...stored, signature: await signText(signer, canonicalJson(stored)) });
  return stored;
}
