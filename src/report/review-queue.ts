/**
 * The mentor's review queue: model findings below the engine's confidence bar wait for a mentor, who confirms one
 * (an `add` of its rule on its line: it then counts) or dismisses it (an `overrule`). These are the ordinary
 * corrections, so the audit trail and the effective verdict need nothing new; this module only names what each did.
 */
import type { Finding } from '../scoring/types.ts';
import { applyOverride, awaitsReview, type CorrectionAction, type OverrideInput } from './overrides.ts';
import type { ScoredTurn } from './types.ts';

/** What one correction did: an ordinary correction, or the confirmation or dismissal of a finding awaiting review. */
export type CorrectionKind = CorrectionAction | 'confirm' | 'dismiss';

/** A finding awaiting review with the scored trainee line it is on (the numbering corrections use). */
export interface QueuedFinding {
  turnIndex: number;
  finding: Finding;
}

/** The findings still awaiting review once the corrections are applied, in call order. */
export function reviewQueue(turns: readonly Pick<ScoredTurn, 'assessment'>[]): QueuedFinding[] {
  return turns.flatMap((t, turnIndex) =>
    t.assessment.findings.filter(awaitsReview).map((finding) => ({ turnIndex, finding })),
  );
}

/**
 * What each correction did, in the order given (the order they apply in): a correction of a rule that had a finding
 * awaiting review on its line at that moment confirms (add) or dismisses (overrule) it. Corrections naming a line
 * the call does not have are plain overrules or adds.
 */
export function correctionKinds(
  turns: readonly Pick<ScoredTurn, 'assessment'>[],
  overrides: readonly OverrideInput[],
): CorrectionKind[] {
  const findings = turns.map((t) => t.assessment.findings);
  return overrides.map((o) => {
    const current = findings[o.turnIndex];
    if (!current) return o.action;
    const queued = current.some((f) => f.rule === o.rule && awaitsReview(f));
    findings[o.turnIndex] = applyOverride(current, o);
    if (queued && o.action === 'add') return 'confirm';
    return queued && o.action === 'overrule' ? 'dismiss' : o.action;
  });
}
