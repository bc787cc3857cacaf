/**
 * Mentor corrections of a finished call: the only writer of `overrides`, appended as a hash-chained, signed audit
 * trail (see src/security/audit-chain.ts), each with an LRS comment statement when an LRS is configured (issue 16).
 * The verdict the corrections lead to is computed in reviews.ts.
 */
import { commentStatement } from '../lrs/statements.ts';
import { applyOverrides, creditedElements } from '../report/overrides.ts';
import type { ScoredTurn } from '../report/types.ts';
import { chainEntry, headOf } from '../security/audit-chain.ts';
import type { SigningKey } from '../security/signature.ts';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../scoring/types.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';
import { newId } from './ids.ts';
import { outboxEnv, queueStatements } from './outbox.ts';
import { completed, listOverrides, required, reviewFor, scoredTurns, verdict } from './reviews.ts';
import type { Attempt, Override } from './types.ts';
import { normalizeStaffNo } from './text.ts';

interface CorrectionBase {
  attemptId: string;
  /** Index among the call's scored trainee lines, in order (persona lines not counted); see `applyOverrides`. */
  turnIndex: number;
  rule: string;
  /** Why: required, shown to the trainee and kept in the audit trail. */
  reason: string;
  /** The mentor's name as they signed in to mentor mode. */
  by: string;
  /** The mentor's staff number, when they gave it: what an LRS is told instead of the name. */
  byStaffNo?: string;
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

/** The stored index of the call's `scored`-th scored trainee line (what its statement id names). */
async function storedIndex(db: CallDojoDb, attemptId: string, scored: number): Promise<number> {
  const turns = await db.turns.where('attemptId').equals(attemptId).sortBy('index');
  const line = turns.filter((t) => t.speaker === 'trainee' && t.assessment)[scored];
  if (!line) throw new StorageError('invalid', `the call has no trainee line ${scored}`);
  return line.index;
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
    const { row, prev, review, fresh } = await db.transaction(
      'r',
      [db.attempts, db.turns, db.reviews, db.overrides],
      async () => {
        required(input.reason, 'the reason');
        required(input.rule, 'the rule');
        const attempt = await completed(db, input.attemptId);
        const { review, fresh } = await reviewFor(db, input.attemptId, input.by);
        const turns = await scoredTurns(db, input.attemptId);
        const earlier = await listOverrides(db, input.attemptId);
        const now = applyOverrides(turns, earlier);
        const line = now[input.turnIndex];
        if (!Number.isInteger(input.turnIndex) || !line) {
          throw new StorageError(
            'invalid',
            `the call has ${turns.length} trainee lines; there is no line ${input.turnIndex}`,
          );
        }
        const base = {
          id: newId(),
          attemptId: input.attemptId,
          reviewId: review.id,
          turnIndex: input.turnIndex,
          rule: input.rule.trim(),
          reason: input.reason.trim(),
          by: input.by.trim(),
          ...(input.byStaffNo?.trim() ? { byStaffNo: normalizeStaffNo(input.byStaffNo) } : {}),
          // Strictly after the previous correction, so the order they apply in never depends on a clock tie.
          at: Math.max(Date.now(), (earlier.at(-1)?.at ?? 0) + 1),
        };
        const row: Override = {
          ...base,
          ...pick(line, attempt, earlier),
          scoresBefore: verdict(attempt, turns, earlier).scores,
          scoresAfter: attempt.scores,
        };
        row.scoresAfter = verdict(attempt, turns, [...earlier, row]).scores;
        return { row, prev: headOf(earlier), review, fresh };
      },
    );
    const chained = await chainEntry(row, prev, input.signer ?? null);
    // The review (when this is the first correction), the correction, the review's new head and (with an LRS) the
    // mentor's comment statement: together or not at all.
    await db.transaction(
      'rw',
      [db.reviews, db.overrides, db.attempts, db.turns, db.profiles, db.settings, db.outbox],
      async () => {
        const stale = fresh ? (await db.reviews.where('attemptId').equals(input.attemptId).count()) > 0 : false;
        if (stale || headOf(await listOverrides(db, input.attemptId)) !== prev) {
          throw new StorageError(
            'version_conflict',
            'another correction was saved to this call meanwhile; reload the call and try again',
          );
        }
        if (fresh) await db.reviews.add(review);
        await db.overrides.add(chained);
        await db.reviews.update(review.id, { status: 'open', updatedAt: row.at, auditHead: chained.chain.hash });
        const attempt = await completed(db, input.attemptId);
        const out = await outboxEnv(db, attempt.profileId);
        if (out)
          await queueStatements(db, out.to, [
            commentStatement(out.env, attempt, chained, await storedIndex(db, input.attemptId, input.turnIndex)),
          ]);
      },
    );
    return chained;
  });
}

/** Overrules a finding the engine got wrong (a false positive): every finding of `rule` on that line stops counting. */
export function overruleFinding(db: CallDojoDb, input: OverruleInput): Promise<Override> {
  return correct(db, input, ({ assessment: { findings } }) => {
    const f = findings.find((x) => x.rule === input.rule.trim());
    if (!f)
      throw new StorageError(
        'invalid',
        `trainee line ${input.turnIndex} has no finding of rule ${input.rule} to overrule`,
      );
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
    if (!f)
      throw new StorageError(
        'invalid',
        `trainee line ${input.turnIndex} has no finding of rule ${input.rule} to narrow`,
      );
    if (!SEVERITIES.includes(input.severity)) throw new StorageError('invalid', `unknown severity ${input.severity}`);
    const quote = input.quote?.trim() ?? '';
    if (!quote) return { action: 'narrow', rule: f.rule, category: f.category, severity: input.severity };
    const start = text.indexOf(quote);
    if (start < 0) throw new StorageError('invalid', `the words “${quote}” are not in trainee line ${input.turnIndex}`);
    return {
      action: 'narrow',
      rule: f.rule,
      category: f.category,
      severity: input.severity,
      quote,
      start,
      end: start + quote.length,
    };
  });
}

/** Credits an element the report listed as missed on that line: the trainee did cover it, so the script score recounts. */
export function creditElement(db: CallDojoDb, input: CreditElementInput): Promise<Override> {
  return correct(db, input, (_line, attempt, earlier) => {
    const element = input.rule.trim();
    if (!attempt.missed || attempt.expected === undefined) {
      throw new StorageError(
        'invalid',
        `attempt ${attempt.id} was stored before missed elements were kept; it has none to credit`,
      );
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
