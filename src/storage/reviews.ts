/**
 * Mentor review of a finished call: the scores its corrections (corrections.ts, an append-only audit trail) lead to,
 * and the review itself. The only writer of `reviews` besides corrections.ts; the attempt's machine scores stay as is.
 */
import { scriptScore } from '../report/attempt-report.ts';
import { checkChain, type AuditProblem } from '../security/audit-chain.ts';
import { keyFingerprint } from '../security/signature.ts';
import { applyOverrides, creditedElements, reviseScores } from '../report/overrides.ts';
import { LEGACY_POLICY, type FailReason } from '../report/pass-policy.ts';
import type { ScoredTurn } from '../report/types.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';
import { newId } from './ids.ts';
import { MENTOR_KEY } from './mentor-pin.ts';
import { summarizeFindings } from './summary.ts';
import type { Attempt, FindingSummary, Override, Review, Scores } from './types.ts';
import type { WrappedMentorKey } from '../security/mentor-key.ts';

export {
  changeMentorPin,
  checkMentorPin,
  getMentorKey,
  getMentorPin,
  setMentorPin,
  unlockMentor,
} from './mentor-pin.ts';

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
  /**
   * Corrections left out because their audit entry is not intact and signed by this PC's mentor key (edited,
   * unsigned, signed by another key, or recorded before signing): shown in the audit trail, never counted.
   */
  untrusted: number;
  /** The call's finding counts after the corrections, for heat maps that should not count overruled findings. */
  findings: FindingSummary;
}

export const required = (value: string, what: string) => {
  if (!value.trim()) throw new StorageError('invalid', `${what} must not be empty`);
};

export async function completed(db: CallDojoDb, attemptId: string): Promise<Attempt & { scores: Scores }> {
  const a = await db.attempts.get(attemptId);
  if (!a) throw new StorageError('not_found', `attempt ${attemptId}`);
  if (a.status !== 'completed' || !a.scores)
    throw new StorageError('invalid', `attempt ${attemptId} is ${a.status}; only finished calls are reviewed`);
  return a as Attempt & { scores: Scores };
}

/** The call's scored trainee lines (what `turnIndex` counts); node and expectations are not needed for findings. */
export async function scoredTurns(db: CallDojoDb, attemptId: string): Promise<ScoredTurn[]> {
  const turns = await db.turns.where('attemptId').equals(attemptId).sortBy('index');
  return turns.flatMap((t) =>
    t.speaker === 'trainee' && t.assessment
      ? [{ text: t.text, nodeId: '', expected: [], assessment: t.assessment }]
      : [],
  );
}

/** The attempt's corrections in the order they were made (the order they apply in). */
export function listOverrides(db: CallDojoDb, attemptId: string): Promise<Override[]> {
  return guard(async () =>
    (await db.overrides.where('attemptId').equals(attemptId).toArray()).sort((a, b) => a.at - b.at),
  );
}

export function verdict(
  attempt: Attempt & { scores: Scores },
  turns: ScoredTurn[],
  overrides: readonly Override[],
): EffectiveScores {
  const machine = attempt.scores;
  const machinePassed = attempt.passed === true;
  const policy = attempt.policy ?? LEGACY_POLICY;
  if (overrides.length === 0) {
    const findings = attempt.findings ?? summarizeFindings(turns);
    const { reasons } = reviseScores(machine, turns, policy, attempt.outcome);
    return {
      machine,
      machinePassed,
      scores: machine,
      passed: machinePassed,
      blockerRule: attempt.blockerRule,
      reasons,
      overrides: 0,
      untrusted: 0,
      findings,
    };
  }
  const corrected = applyOverrides(turns, overrides);
  const revised = reviseScores(machine, corrected, policy, attempt.outcome, scriptAfterCredits(attempt, overrides));
  return {
    machine,
    machinePassed,
    ...revised,
    overrides: overrides.length,
    untrusted: 0,
    findings: summarizeFindings(corrected),
  };
}

/** The script score once credited elements no longer count as missed (the machine's when nothing was credited). */
function scriptAfterCredits(attempt: Attempt & { scores: Scores }, overrides: readonly Override[]): number {
  const credited = new Set(creditedElements(overrides).map((c) => `${c.turn}:${c.element}`));
  if (credited.size === 0 || !attempt.missed || attempt.expected === undefined) return attempt.scores.script;
  return scriptScore(attempt.expected, attempt.missed.filter((m) => !credited.has(`${m.turn}:${m.element}`)).length);
}

/** Audit problems that keep a correction from counting: all but a removed tail (the entries left are intact). */
const DISQUALIFYING: ReadonlySet<AuditProblem['kind']> = new Set([
  'edited',
  'removed_before',
  'unsigned',
  'bad_signature',
  'other_signer',
  'unchained',
]);

/**
 * The corrections that count: those whose audit entry is intact and signed by this PC's mentor key. Anyone with the
 * browser's developer tools can add an override row; only the mentor's PIN opens the key that signs one.
 */
export async function trustedCorrections(
  overrides: readonly Override[],
  head: string | undefined,
  mentorKey: WrappedMentorKey | null,
): Promise<{ trusted: Override[]; problems: AuditProblem[] }> {
  const problems = await checkChain(overrides, head, mentorKey && (await keyFingerprint(mentorKey.publicKey)));
  const bad = new Set(problems.flatMap((p) => (p.kind !== 'tail_removed' && DISQUALIFYING.has(p.kind) ? [p.id] : [])));
  return { trusted: overrides.filter((o) => !bad.has(o.id)), problems };
}

/**
 * Machine scores with the mentor's trusted corrections applied (see `trustedCorrections`); the attempt row itself is
 * never changed. The rows are read in one transaction, the signatures checked after it (WebCrypto cannot run inside).
 */
export function effectiveScores(db: CallDojoDb, attemptId: string): Promise<EffectiveScores> {
  return guard(async () => {
    const [attempt, turns, overrides, head, key] = await db.transaction(
      'r',
      [db.attempts, db.turns, db.overrides, db.reviews, db.settings],
      async () =>
        [
          await completed(db, attemptId),
          await scoredTurns(db, attemptId),
          await listOverrides(db, attemptId),
          (await db.reviews.where('attemptId').equals(attemptId).toArray())
            .sort((a, b) => a.createdAt - b.createdAt)
            .at(-1)?.auditHead,
          ((await db.settings.get(MENTOR_KEY))?.value as WrappedMentorKey | undefined) ?? null,
        ] as const,
    );
    if (overrides.length === 0) return verdict(attempt, turns, overrides);
    // WebCrypto cannot run inside a live query's transaction: views follow a flat trigger and load with this outside.
    const { trusted } = await trustedCorrections(overrides, head, key);
    return { ...verdict(attempt, turns, trusted), untrusted: overrides.length - trusted.length };
  });
}

/** The attempt's review, or a new one not yet stored (`fresh`), for `mentor`. */
export async function reviewFor(
  db: CallDojoDb,
  attemptId: string,
  mentor: string,
): Promise<{ review: Review; fresh: boolean }> {
  required(mentor, 'the mentor name');
  await completed(db, attemptId);
  const existing = (await db.reviews.where('attemptId').equals(attemptId).toArray())
    .sort((a, b) => a.createdAt - b.createdAt)
    .at(-1);
  if (existing) return { review: existing, fresh: false };
  const now = Date.now();
  return {
    review: {
      id: newId(),
      attemptId,
      mentor: mentor.trim(),
      status: 'open',
      comment: '',
      traineeComment: null,
      createdAt: now,
      updatedAt: now,
    },
    fresh: true,
  };
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
