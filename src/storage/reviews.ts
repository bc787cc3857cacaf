/**
 * Mentor review of a finished call: the scores its corrections (corrections.ts, an append-only audit trail) lead to,
 * and the review itself. The only writer of `reviews` besides corrections.ts; the attempt's machine scores stay as is.
 */
import { scriptScore } from '../report/attempt-report.ts';
import { applyOverrides, creditedElements, reviseScores } from '../report/overrides.ts';
import { LEGACY_POLICY, type FailReason } from '../report/pass-policy.ts';
import type { ScoredTurn } from '../report/types.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';
import { newId } from './ids.ts';
import { summarizeFindings } from './summary.ts';
import type { Attempt, FindingSummary, Override, Review, Scores } from './types.ts';

export { changeMentorPin, checkMentorPin, getMentorKey, getMentorPin, setMentorPin, unlockMentor } from './mentor-pin.ts';

/** The scores a mentor's corrections lead to, beside the machine's. */
export interface EffectiveScores {
  machine: Scores;
  scores: Scores;
  passed: boolean;
  blockerRule: string | null;
  /** Why the call fails after the corrections (empty when it passes). */
  reasons: FailReason[];
  /** The machine's own verdict, before any correction. */
  machinePassed: boolean;
  /** How many corrections were applied (0: `scores` is the machine's). */
  overrides: number;
  /** The call's finding counts after the corrections, for heat maps that should not count overruled findings. */
  findings: FindingSummary;
}

export const required = (value: string, what: string) => {
  if (!value.trim()) throw new StorageError('invalid', `${what} must not be empty`);
};

export async function completed(db: CallDojoDb, attemptId: string): Promise<Attempt & { scores: Scores }> {
  const a = await db.attempts.get(attemptId);
  if (!a) throw new StorageError('not_found', `attempt ${attemptId}`);
  if (a.status !== 'completed' || !a.scores) throw new StorageError('invalid', `attempt ${attemptId} is ${a.status}; only finished calls are reviewed`);
  return a as Attempt & { scores: Scores };
}

/** The call's scored trainee lines (what `turnIndex` counts); node and expectations are not needed for findings. */
export async function scoredTurns(db: CallDojoDb, attemptId: string): Promise<ScoredTurn[]> {
  const turns = await db.turns.where('attemptId').equals(attemptId).sortBy('index');
  return turns.flatMap((t) => (t.speaker === 'trainee' && t.assessment ? [{ text: t.text, nodeId: '', expected: [], assessment: t.assessment }] : []));
}

/** The attempt's corrections in the order they were made (the order they apply in). */
export function listOverrides(db: CallDojoDb, attemptId: string): Promise<Override[]> {
  return guard(async () => (await db.overrides.where('attemptId').equals(attemptId).toArray()).sort((a, b) => a.at - b.at));
}

export function verdict(attempt: Attempt & { scores: Scores }, turns: ScoredTurn[], overrides: readonly Override[]): EffectiveScores {
  const machine = attempt.scores;
  const machinePassed = attempt.passed === true;
  const policy = attempt.policy ?? LEGACY_POLICY;
  if (overrides.length === 0) {
    const findings = attempt.findings ?? summarizeFindings(turns);
    const { reasons } = reviseScores(machine, turns, policy, attempt.outcome);
    return { machine, machinePassed, scores: machine, passed: machinePassed, blockerRule: attempt.blockerRule, reasons, overrides: 0, findings };
  }
  const corrected = applyOverrides(turns, overrides);
  const revised = reviseScores(machine, corrected, policy, attempt.outcome, scriptAfterCredits(attempt, overrides));
  return { machine, machinePassed, ...revised, overrides: overrides.length, findings: summarizeFindings(corrected) };
}

/** The script score once credited elements no longer count as missed (the machine's when nothing was credited). */
function scriptAfterCredits(attempt: Attempt & { scores: Scores }, overrides: readonly Override[]): number {
  const credited = new Set(creditedElements(overrides).map((c) => `${c.turn}:${c.element}`));
  if (credited.size === 0 || !attempt.missed || attempt.expected === undefined) return attempt.scores.script;
  return scriptScore(attempt.expected, attempt.missed.filter((m) => !credited.has(`${m.turn}:${m.element}`)).length);
}

/** Machine scores with the mentor's corrections applied; the attempt row itself is never changed. */
export function effectiveScores(db: CallDojoDb, attemptId: string): Promise<EffectiveScores> {
  return guard(() =>
    db.transaction('r', db.attempts, db.turns, db.overrides, async () =>
      verdict(await completed(db, attemptId), await scoredTurns(db, attemptId), await listOverrides(db, attemptId)),
    ),
  );
}

/** The attempt's review, or a new one not yet stored (`fresh`), for `mentor`. */
export async function reviewFor(db: CallDojoDb, attemptId: string, mentor: string): Promise<{ review: Review; fresh: boolean }> {
  required(mentor, 'the mentor name');
  await completed(db, attemptId);
  const existing = (await db.reviews.where('attemptId').equals(attemptId).toArray()).sort((a, b) => a.createdAt - b.createdAt).at(-1);
  if (existing) return { review: existing, fresh: false };
  const now = Date.now();
  return { review: { id: newId(), attemptId, mentor: mentor.trim(), status: 'open', comment: '', traineeComment: null, createdAt: now, updatedAt: now }, fresh: true };
}

async function reviewOf(db: CallDojoDb, attemptId: string, mentor: string): Promise<Review> {
  const { review, fresh } = await reviewFor(db, attemptId, mentor);
  if (fresh) await db.reviews.add(review);
  return review;
}

/** The attempt's review, created (open, by `mentor`) the first time a mentor opens the call. */
export function ensureReview(db: CallDojoDb, attemptId: string, mentor: string): Promise<Review> {
  return guard(() => db.transaction('rw', db.attempts, db.reviews, () => reviewOf(db, attemptId, mentor)));
}

export { acknowledgeReview, commentReview, disputeReview, reviewsFor } from './review-replies.ts';
export type { AddFindingInput, CreditElementInput, NarrowFindingInput, OverruleInput } from './corrections.ts';
// The correction writers live in corrections.ts, apart from the verdict that the first page's progress reads, so the
// LRS statement they queue loads only with the Review page.
