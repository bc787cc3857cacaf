/**
 * The one place a course's pass policy (content/courses) is applied: which findings block, which minimums and endings
 * fail, and the reasons a failed call is given. The report, the mentor's revised verdict and `npm run play` all call it.
 */
import { isViolation } from '../scoring/score.ts';
import type { Category, Finding, Severity } from '../scoring/types.ts';
import { PASS_DIMENSIONS, type OutcomeCode, type PassDimension, type PassPolicy } from '../scenarios/ir.ts';
import type { AttemptScores } from './types.ts';

/** Why a call failed; the report lists every one, in this order: blockers, ending, minimums. */
export type FailReason =
  | { kind: 'blocker'; rule: string; category: Category; severity: Severity; turn: number; message: string }
  | { kind: 'ending'; code: OutcomeCode; turn: number }
  | { kind: 'minimum'; dimension: PassDimension | 'total'; score: number; minimum: number };

/**
 * How calls finished before pass policies were content: only a critical finding or a total under 60 failed. Calls
 * stored without a policy are revised by it, so a mentor's correction never judges an old call by newer rules.
 */
export const LEGACY_POLICY: PassPolicy = { blocking: ['critical'], pass_mark: 60, minimums: {}, failing_endings: [] };

/** The findings that fail a call under `policy`, in call order; a model finding awaiting review never blocks. */
export function blockingFindings<F extends Pick<Finding, 'category' | 'severity' | 'review'>>(
  policy: PassPolicy,
  findings: readonly F[],
): F[] {
  return findings.filter((f) => policy.blocking.includes(f.severity) && isViolation(f) && !f.review);
}

export interface Verdict {
  /** The total, held under the pass mark when a blocker or a failing ending fails the call. */
  total: number;
  passed: boolean;
  reasons: FailReason[];
}

/**
 * The verdict on a call: `scores` with the uncapped weighted total, `findings` numbered by trainee line, the ending
 * reached (null when none) and how many trainee lines were scored (the last of them brought the ending about).
 */
export function judge(
  policy: PassPolicy,
  scores: AttemptScores,
  findings: readonly (Finding & { turn: number })[],
  ending: OutcomeCode | null,
  lines: number,
): Verdict {
  const reasons: FailReason[] = blockingFindings(policy, findings).map((f) => ({
    kind: 'blocker',
    rule: f.rule,
    category: f.category,
    severity: f.severity,
    turn: f.turn,
    message: f.message,
  }));
  if (ending !== null && policy.failing_endings.includes(ending))
    reasons.push({ kind: 'ending', code: ending, turn: Math.max(0, lines - 1) });
  const capped = reasons.length > 0;
  if (!capped && scores.total < policy.pass_mark)
    reasons.push({ kind: 'minimum', dimension: 'total', score: scores.total, minimum: policy.pass_mark });
  for (const d of PASS_DIMENSIONS) {
    const minimum = policy.minimums[d];
    if (minimum !== undefined && scores[d] < minimum)
      reasons.push({ kind: 'minimum', dimension: d, score: scores[d], minimum });
  }
  return {
    total: capped ? Math.max(0, Math.min(scores.total, policy.pass_mark - 1)) : scores.total,
    passed: reasons.length === 0,
    reasons,
  };
}
