/**
 * Mentor review of a finished call: corrections to its findings as an append-only audit trail, the scores they lead
 * to, and the trainee's answer. The only writer of `reviews` and `overrides`; the attempt's machine scores stay as is.
 */
import { scriptScore } from '../report/attempt-report.ts';
import { chainEntry, checkChain, headOf, type AuditProblem } from '../security/audit-chain.ts';
import { keyFingerprint, type SigningKey } from '../security/signature.ts';
import { applyOverrides, creditedElements, reviseScores } from '../report/overrides.ts';
import { LEGACY_POLICY, type FailReason } from '../report/pass-policy.ts';
import type { ScoredTurn } from '../report/types.ts';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../scoring/types.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';
import { newId } from './ids.ts';
import { MENTOR_KEY } from './mentor-pin.ts';
import { summarizeFindings } from './summary.ts';
import type { Attempt, FindingSummary, Override, Review, Scores } from './types.ts';
import type { WrappedMentorKey } from '../security/mentor-key.ts';

export { changeMentorPin, checkMentorPin, getMentorKey, getMentorPin, setMentorPin, unlockMentor } from './mentor-pin.ts';

interface CorrectionBase {
  attemptId: string;
  /** Index among the call's scored trainee lines, in order (persona lines not counted); see `applyOverrides`. */
  turnIndex: number;
  rule: string;
  /** Why: required, shown to the trainee and kept in the audit trail. */
  reason: string;
  /** The mentor's name as they signed in to mentor mode. */
  by: string;
  /** The unlocked mentor key the correction is signed with; without it the audit trail shows it as unsigned. */
  signer?: SigningKey | null;
}
export type OverruleInput = CorrectionBase;
export interface AddFindingInput extends CorrectionBase {
  category: Category;
  severity: Severity;
}
export interface NarrowFindingInput extends CorrectionBase {
  /** The severity the finding keeps from now on. */
  severity: Severity;
  /** The words of the line the finding should cover instead (absent or '': the span stays). */
  quote?: string;
}
/** Credits an element the report said was missed on line `turnIndex`; `rule` is the element's id. */
export type CreditElementInput = CorrectionBase;

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

const required = (value: string, what: string) => {
  if (!value.trim()) throw new StorageError('invalid', `${what} must not be empty`);
};

async function completed(db: CallDojoDb, attemptId: string): Promise<Attempt & { scores: Scores }> {
  const a = await db.attempts.get(attemptId);
  if (!a) throw new StorageError('not_found', `attempt ${attemptId}`);
  if (a.status !== 'completed' || !a.scores) throw new StorageError('invalid', `attempt ${attemptId} is ${a.status}; only finished calls are reviewed`);
  return a as Attempt & { scores: Scores };
}

/** The call's scored trainee lines (what `turnIndex` counts); node and expectations are not needed for findings. */
async function scoredTurns(db: CallDojoDb, attemptId: string): Promise<ScoredTurn[]> {
  const turns = await db.turns.where('attemptId').equals(attemptId).sortBy('index');
  return turns.flatMap((t) => (t.speaker === 'trainee' && t.assessment ? [{ text: t.text, nodeId: '', expected: [], assessment: t.assessment }] : []));
}

/** The attempt's corrections in the order they were made (the order they apply in). */
export function listOverrides(db: CallDojoDb, attemptId: string): Promise<Override[]> {
  return guard(async () => (await db.overrides.where('attemptId').equals(attemptId).toArray()).sort((a, b) => a.at - b.at));
}

function verdict(attempt: Attempt & { scores: Scores }, turns: ScoredTurn[], overrides: readonly Override[]): EffectiveScores {
  const machine = attempt.scores;
  const machinePassed = attempt.passed === true;
  const policy = attempt.policy ?? LEGACY_POLICY;
  if (overrides.length === 0) {
    const findings = attempt.findings ?? summarizeFindings(turns);
    const { reasons } = reviseScores(machine, turns, policy, attempt.outcome);
    return { machine, machinePassed, scores: machine, passed: machinePassed, blockerRule: attempt.blockerRule, reasons, overrides: 0, untrusted: 0, findings };
  }
  const corrected = applyOverrides(turns, overrides);
  const revised = reviseScores(machine, corrected, policy, attempt.outcome, scriptAfterCredits(attempt, overrides));
  return { machine, machinePassed, ...revised, overrides: overrides.length, untrusted: 0, findings: summarizeFindings(corrected) };
}

/** The script score once credited elements no longer count as missed (the machine's when nothing was credited). */
function scriptAfterCredits(attempt: Attempt & { scores: Scores }, overrides: readonly Override[]): number {
  const credited = new Set(creditedElements(overrides).map((c) => `${c.turn}:${c.element}`));
  if (credited.size === 0 || !attempt.missed || attempt.expected === undefined) return attempt.scores.script;
  return scriptScore(attempt.expected, attempt.missed.filter((m) => !credited.has(`${m.turn}:${m.element}`)).length);
}

/** Audit problems that keep a correction from counting: all but a removed tail (the entries left are intact). */
const DISQUALIFYING: ReadonlySet<AuditProblem['kind']> = new Set(['edited', 'removed_before', 'unsigned', 'bad_signature', 'other_signer', 'unchained']);

/**
 * The corrections that count: those whose audit entry is intact and signed by this PC's mentor key. Anyone with the
 * browser's developer tools can add an override row; only the mentor's PIN opens the key that signs one.
 */
export async function trustedCorrections(overrides: readonly Override[], head: string | undefined, mentorKey: WrappedMentorKey | null): Promise<{ trusted: Override[]; problems: AuditProblem[] }> {
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
    const [attempt, turns, overrides, head, key] = await db.transaction('r', [db.attempts, db.turns, db.overrides, db.reviews, db.settings], async () => [
      await completed(db, attemptId),
      await scoredTurns(db, attemptId),
      await listOverrides(db, attemptId),
      (await db.reviews.where('attemptId').equals(attemptId).toArray()).sort((a, b) => a.createdAt - b.createdAt).at(-1)?.auditHead,
      ((await db.settings.get(MENTOR_KEY))?.value as WrappedMentorKey | undefined) ?? null,
    ] as const);
    if (overrides.length === 0) return verdict(attempt, turns, overrides);
    const { trusted } = await trustedCorrections(overrides, head, key);
    return { ...verdict(attempt, turns, trusted), untrusted: overrides.length - trusted.length };
  });
}

/** The attempt's review, or a new one not yet stored (`fresh`), for `mentor`. */
async function reviewFor(db: CallDojoDb, attemptId: string, mentor: string): Promise<{ review: Review; fresh: boolean }> {
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

type Correction = Pick<Override, 'action' | 'rule' | 'category' | 'severity' | 'quote' | 'start' | 'end'>;

/**
 * Appends one correction with the scores before and after it, chained to the attempt's earlier corrections and signed
 * (see src/security/audit-chain.ts); a review the trainee already answered reopens. The row is built in one
 * transaction, hashed and signed outside it (IndexedDB commits a transaction left waiting on WebCrypto), and written
 * in a second one only if no other correction was added meanwhile.
 */
function correct(
  db: CallDojoDb,
  input: CorrectionBase,
  pick: (line: ScoredTurn, attempt: Attempt, earlier: readonly Override[]) => Correction,
): Promise<Override> {
  return guard(async () => {
    const { row, prev, review, fresh } = await db.transaction('r', [db.attempts, db.turns, db.reviews, db.overrides], async () => {
      required(input.reason, 'the reason');
      required(input.rule, 'the rule');
      const attempt = await completed(db, input.attemptId);
      const { review, fresh } = await reviewFor(db, input.attemptId, input.by);
      const turns = await scoredTurns(db, input.attemptId);
      const earlier = await listOverrides(db, input.attemptId);
      const now = applyOverrides(turns, earlier);
      const line = now[input.turnIndex];
      if (!Number.isInteger(input.turnIndex) || !line) {
        throw new StorageError('invalid', `the call has ${turns.length} trainee lines; there is no line ${input.turnIndex}`);
      }
      const base = {
        id: newId(), attemptId: input.attemptId, reviewId: review.id, turnIndex: input.turnIndex, rule: input.rule.trim(),
        reason: input.reason.trim(), by: input.by.trim(),
        // Strictly after the previous correction, so the order they apply in never depends on a clock tie.
        at: Math.max(Date.now(), (earlier.at(-1)?.at ?? 0) + 1),
      };
      const row: Override = { ...base, ...pick(line, attempt, earlier), scoresBefore: verdict(attempt, turns, earlier).scores, scoresAfter: attempt.scores };
      row.scoresAfter = verdict(attempt, turns, [...earlier, row]).scores;
      return { row, prev: headOf(earlier), review, fresh };
    });
    const chained = await chainEntry(row, prev, input.signer ?? null);
    // The review (when this is the first correction), the correction and the review's new head: together or not at all.
    await db.transaction('rw', [db.reviews, db.overrides], async () => {
      const stale = fresh ? (await db.reviews.where('attemptId').equals(input.attemptId).count()) > 0 : false;
      if (stale || headOf(await listOverrides(db, input.attemptId)) !== prev) {
        throw new StorageError('version_conflict', 'another correction was saved to this call meanwhile; reload the call and try again');
      }
      if (fresh) await db.reviews.add(review);
      await db.overrides.add(chained);
      await db.reviews.update(review.id, { status: 'open', updatedAt: row.at, auditHead: chained.chain.hash });
    });
    return chained;
  });
}

/** Overrules a finding the engine got wrong (a false positive): every finding of `rule` on that line stops counting. */
export function overruleFinding(db: CallDojoDb, input: OverruleInput): Promise<Override> {
  return correct(db, input, ({ assessment: { findings } }) => {
    const f = findings.find((x) => x.rule === input.rule.trim());
    if (!f) throw new StorageError('invalid', `trainee line ${input.turnIndex} has no finding of rule ${input.rule} to overrule`);
    return { action: 'overrule', rule: f.rule, category: f.category, severity: f.severity };
  });
}

/** Adds a finding the engine missed; a finding of a severity the course's policy blocks fails the call. */
export function addFinding(db: CallDojoDb, input: AddFindingInput): Promise<Override> {
  return correct(db, input, () => {
    if (!CATEGORIES.includes(input.category)) throw new StorageError('invalid', `unknown category ${input.category}`);
    if (!SEVERITIES.includes(input.severity)) throw new StorageError('invalid', `unknown severity ${input.severity}`);
    return { action: 'add', rule: input.rule.trim(), category: input.category, severity: input.severity };
  });
}

/**
 * Narrows a finding that stands but was judged too harshly or too widely: every finding of `rule` on the line takes the
 * mentor's severity and, when `quote` is given, covers those words of the line instead.
 */
export function narrowFinding(db: CallDojoDb, input: NarrowFindingInput): Promise<Override> {
  return correct(db, input, ({ text, assessment: { findings } }) => {
    const f = findings.find((x) => x.rule === input.rule.trim());
    if (!f) throw new StorageError('invalid', `trainee line ${input.turnIndex} has no finding of rule ${input.rule} to narrow`);
    if (!SEVERITIES.includes(input.severity)) throw new StorageError('invalid', `unknown severity ${input.severity}`);
    const quote = input.quote?.trim() ?? '';
    if (!quote) return { action: 'narrow', rule: f.rule, category: f.category, severity: input.severity };
    const start = text.indexOf(quote);
    if (start < 0) throw new StorageError('invalid', `the words “${quote}” are not in trainee line ${input.turnIndex}`);
    return { action: 'narrow', rule: f.rule, category: f.category, severity: input.severity, quote, start, end: start + quote.length };
  });
}

/** Credits an element the report listed as missed on that line: the trainee did cover it, so the script score recounts. */
export function creditElement(db: CallDojoDb, input: CreditElementInput): Promise<Override> {
  return correct(db, input, (_line, attempt, earlier) => {
    const element = input.rule.trim();
    if (!attempt.missed || attempt.expected === undefined) {
      throw new StorageError('invalid', `attempt ${attempt.id} was stored before missed elements were kept; it has none to credit`);
    }
    if (!attempt.missed.some((m) => m.turn === input.turnIndex && m.element === element)) {
      throw new StorageError('invalid', `trainee line ${input.turnIndex} has no missed element ${element} to credit`);
    }
    if (creditedElements(earlier).some((c) => c.turn === input.turnIndex && c.element === element)) {
      throw new StorageError('invalid', `element ${element} on trainee line ${input.turnIndex} is already credited`);
    }
    return { action: 'credit', rule: element, category: 'script', severity: 'minor' };
  });
}

export { acknowledgeReview, commentReview, disputeReview, reviewsFor } from './review-replies.ts';
