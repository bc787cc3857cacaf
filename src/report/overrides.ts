/**
 * Mentor corrections applied to a scored call: overrule a finding the engine got wrong, or add one it missed. Pure;
 * the machine's own findings and scores are never edited, the corrected view is derived from them each time.
 */
import { isViolation, scoreOf } from '../scoring/score.ts';
import type { Category, Finding, Severity } from '../scoring/types.ts';
import { PASS_MARK, WEIGHTS, attemptReport } from './attempt-report.ts';
import type { AttemptReport, AttemptScores, ReportInput, ScoredTurn } from './types.ts';

/**
 * One correction. `turnIndex` counts the trainee's scored lines in call order (0 = the first trainee line that has an
 * assessment), the same numbering as `AttemptReport.blocker.turn`; persona lines are not counted.
 */
export interface OverrideInput {
  turnIndex: number;
  action: 'overrule' | 'add';
  rule: string;
  category: Category;
  severity: Severity;
  reason: string;
  /** Words of the line the added finding points at; '' (a finding about the whole line) when not given. */
  quote?: string;
}

/** A finding a mentor added: it has no offsets in the line, and its explanation is the mentor's reason. */
function addedFinding(o: OverrideInput): Finding {
  return { rule: o.rule, category: o.category, severity: o.severity, start: 0, end: 0, quote: o.quote ?? '', message: o.reason, better: '', sources: [] };
}

/**
 * The turns with the corrections applied in order: an overrule removes every finding of that rule on that turn
 * (including one a mentor added earlier), an add appends a finding. Throws a RangeError for a turn that does not exist.
 */
export function applyOverrides(turns: readonly ScoredTurn[], overrides: readonly OverrideInput[]): ScoredTurn[] {
  const findings = turns.map((t) => t.assessment.findings);
  for (const o of overrides) {
    if (!Number.isInteger(o.turnIndex) || o.turnIndex < 0 || o.turnIndex >= turns.length) {
      throw new RangeError(`override of ${o.rule} names trainee line ${o.turnIndex}, but the call has ${turns.length}`);
    }
    const current = findings[o.turnIndex];
    findings[o.turnIndex] = o.action === 'overrule' ? current.filter((f) => f.rule !== o.rule) : [...current, addedFinding(o)];
  }
  return turns.map((t, i) => (findings[i] === t.assessment.findings ? t : { ...t, assessment: { ...t.assessment, findings: findings[i] } }));
}

/** The report a mentor's corrections lead to: `attemptReport` re-run over the corrected findings. */
export function effectiveReport(input: ReportInput, overrides: readonly OverrideInput[]): AttemptReport {
  return attemptReport({ ...input, turns: applyOverrides(input.turns, overrides) });
}

export interface RevisedVerdict {
  scores: AttemptScores;
  passed: boolean;
  /** Rule id of the first critical compliance finding left, or null. */
  blockerRule: string | null;
}

/**
 * The same verdict `effectiveReport` gives, computed from the machine's stored scores instead of the scenario: only
 * compliance, the blocker, the total and pass depend on findings, so script, tone, outcome and record are kept as the
 * trainee was scored (even if the scenario's expected elements changed since).
 */
export function reviseScores(machine: AttemptScores, turns: readonly ScoredTurn[]): RevisedVerdict {
  const findings = turns.flatMap((t) => t.assessment.findings);
  const compliance = scoreOf(findings).score;
  const blocker = findings.find((f) => f.severity === 'critical' && isViolation(f)) ?? null;
  const weighted =
    compliance * WEIGHTS.compliance +
    machine.script * WEIGHTS.script +
    machine.tone * WEIGHTS.tone +
    machine.outcome * WEIGHTS.outcome +
    machine.record * WEIGHTS.record;
  const total = blocker ? Math.min(Math.round(weighted), PASS_MARK - 1) : Math.round(weighted);
  return { scores: { ...machine, compliance, total }, passed: !blocker && total >= PASS_MARK, blockerRule: blocker?.rule ?? null };
}
