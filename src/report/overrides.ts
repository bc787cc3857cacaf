/**
 * Mentor corrections applied to a scored call: overrule a finding the engine got wrong, add one it missed, narrow one
 * (its severity or the words it covers), or credit an element the report said was missed. Pure; the machine's own
 * findings and scores are never edited, the corrected view is derived from them each time.
 */
import { scoreOf } from '../scoring/score.ts';
import type { Category, Finding, Severity } from '../scoring/types.ts';
import type { OutcomeCode, PassPolicy } from '../scenarios/ir.ts';
import { WEIGHTS, attemptReport } from './attempt-report.ts';
import { blockingFindings, judge, type FailReason } from './pass-policy.ts';
import type { AttemptReport, AttemptScores, ReportInput, ScoredTurn } from './types.ts';

/**
 * One correction. `turnIndex` counts the trainee's scored lines in call order (0 = the first trainee line that has an
 * assessment), the same numbering as `AttemptReport.blocker.turn`; persona lines are not counted.
 */
export interface OverrideInput {
  turnIndex: number;
  action: CorrectionAction;
  /** The finding's rule; for `credit`, the id of the element credited. */
  rule: string;
  /** For `narrow`, the finding's new category and severity; for `credit`, `script` and `minor`. */
  category: Category;
  severity: Severity;
  reason: string;
  /** Words of the line the added or narrowed finding points at; '' (a finding about the whole line) when not given. */
  quote?: string;
  /** For `narrow`: the new span of the finding in the line (UTF-16 offsets), when the mentor narrowed its words. */
  start?: number;
  end?: number;
}

/**
 * `overrule`: the finding is wrong; `add`: the engine missed one; `narrow`: the finding stands with another severity or
 * over fewer words; `credit`: an element the report listed as missed was in fact covered.
 */
export const CORRECTION_ACTIONS = ['overrule', 'add', 'narrow', 'credit'] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];

/** A finding a mentor added: it has no offsets in the line, and its explanation is the mentor's reason. */
function addedFinding(o: OverrideInput): Finding {
  return {
    rule: o.rule,
    category: o.category,
    severity: o.severity,
    start: 0,
    end: 0,
    quote: o.quote ?? '',
    message: o.reason,
    better: '',
    sources: [],
  };
}

/** True for a model finding no mentor has confirmed or dismissed yet: it coaches but does not count. */
export function awaitsReview(f: Pick<Finding, 'review'>): boolean {
  return f.review === true;
}

/**
 * A confirmed review finding: the model's span, explanation and better line stay, the mentor's category and severity
 * apply, and it counts from now on like a mentor-added finding.
 */
function confirmedFinding(f: Finding, o: OverrideInput): Finding {
  const { review: _review, ...rest } = f;
  return { ...rest, category: o.category, severity: o.severity };
}

/**
 * One correction applied to one line's findings. An add of a rule that has a finding awaiting review on the line
 * confirms that finding instead of appending a second, span-less one (so the trainee keeps the highlighted words).
 */
export function applyOverride(findings: readonly Finding[], o: OverrideInput): Finding[] {
  switch (o.action) {
    case 'overrule':
      return findings.filter((f) => f.rule !== o.rule);
    case 'narrow':
      return findings.map((f) => (f.rule === o.rule ? narrowedFinding(f, o) : f));
    case 'credit':
      return [...findings];
    case 'add':
      if (findings.some((f) => f.rule === o.rule && awaitsReview(f))) {
        return findings.map((f) => (f.rule === o.rule && awaitsReview(f) ? confirmedFinding(f, o) : f));
      }
      return [...findings, addedFinding(o)];
    default: {
      const never: never = o.action;
      throw new TypeError(`unknown correction ${String(never)}`);
    }
  }
}

/** A finding a mentor narrowed: the mentor's severity, and the mentor's words of the line when a span was given. */
function narrowedFinding(f: Finding, o: OverrideInput): Finding {
  const span =
    o.start !== undefined && o.end !== undefined ? { start: o.start, end: o.end, quote: o.quote ?? f.quote } : {};
  return { ...f, severity: o.severity, ...span };
}

/** The elements mentors credited (`credit` corrections), as the report's missed-element evidence names them. */
export function creditedElements(overrides: readonly OverrideInput[]): { turn: number; element: string }[] {
  return overrides.filter((o) => o.action === 'credit').map((o) => ({ turn: o.turnIndex, element: o.rule }));
}

/**
 * The turns with the corrections applied in order (see `applyOverride`): an overrule removes every finding of that
 * rule on that turn (including one a mentor added or confirmed earlier), an add confirms a finding awaiting review or
 * appends one. Throws a RangeError for a turn that does not exist.
 */
export function applyOverrides(turns: readonly ScoredTurn[], overrides: readonly OverrideInput[]): ScoredTurn[] {
  const findings = turns.map((t) => t.assessment.findings);
  for (const o of overrides) {
    if (!Number.isInteger(o.turnIndex) || o.turnIndex < 0 || o.turnIndex >= turns.length) {
      throw new RangeError(`override of ${o.rule} names trainee line ${o.turnIndex}, but the call has ${turns.length}`);
    }
    findings[o.turnIndex] = applyOverride(findings[o.turnIndex], o);
  }
  return turns.map((t, i) =>
    findings[i] === t.assessment.findings ? t : { ...t, assessment: { ...t.assessment, findings: findings[i] } },
  );
}

/** The report a mentor's corrections lead to: `attemptReport` re-run over the corrected findings and credits. */
export function effectiveReport(input: ReportInput, overrides: readonly OverrideInput[]): AttemptReport {
  return attemptReport({
    ...input,
    turns: applyOverrides(input.turns, overrides),
    credited: [...(input.credited ?? []), ...creditedElements(overrides)],
  });
}

export interface RevisedVerdict {
  scores: AttemptScores;
  passed: boolean;
  /** Rule id of the first blocking finding left (not counting findings awaiting review), or null. */
  blockerRule: string | null;
  /** Why the corrected call fails (empty when it passes). */
  reasons: FailReason[];
}

/**
 * The same verdict `effectiveReport` gives, computed from the machine's stored scores instead of the scenario: only
 * compliance, the blocker, the total and pass depend on findings, so tone, outcome and record are kept as the trainee
 * was scored (even if the scenario's expected elements changed since); `script` is the machine's unless a mentor
 * credited missed elements (storage recounts it from the missed elements it kept).
 */
export function reviseScores(
  machine: AttemptScores,
  turns: readonly ScoredTurn[],
  policy: PassPolicy,
  ending: OutcomeCode | null,
  script: number = machine.script,
): RevisedVerdict {
  const findings = turns.flatMap((t, turn) => t.assessment.findings.map((f) => ({ ...f, turn })));
  const compliance = scoreOf(findings).score;
  const weighted =
    compliance * WEIGHTS.compliance +
    script * WEIGHTS.script +
    machine.tone * WEIGHTS.tone +
    machine.outcome * WEIGHTS.outcome +
    machine.record * WEIGHTS.record;
  const scores = { ...machine, compliance, script, total: Math.round(weighted) };
  const verdict = judge(policy, scores, findings, ending, turns.length);
  const blocker = blockingFindings(policy, findings)[0];
  return {
    scores: { ...scores, total: verdict.total },
    passed: verdict.passed,
    blockerRule: blocker?.rule ?? null,
    reasons: verdict.reasons,
  };
}
