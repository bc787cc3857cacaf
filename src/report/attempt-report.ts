/** Scores a finished call from its turns, ending and record checks: a pure function of the findings. */
import { isViolation, scoreOf } from '../scoring/score.ts';
import type { Finding } from '../scoring/types.ts';
import type { CourseStage, OutcomeCode } from '../scenarios/ir.ts';
import type { AttemptReport, ReportInput } from './types.ts';

/** Weights of the total; compliance leads because a compliant call is the job's minimum. */
export const WEIGHTS = { compliance: 0.35, script: 0.25, tone: 0.15, outcome: 0.15, record: 0.1 } as const;
export const PASS_MARK = 60;

/** How good an ending is for the trainee, by course: a logged complaint is the goal of an inbound complaint call. */
export function outcomeScore(code: OutcomeCode | null, course: CourseStage): number {
  if (code === null) return 0;
  if (code === 'complaint') return course === 'inbound_service' ? 100 : 0;
  const table: Record<Exclude<OutcomeCode, 'complaint'>, number> = {
    ptp: 100,
    third_party_message: 100,
    card_blocked: 100,
    dispute_logged: 100,
    drill_complete: 100,
    transferred: 90,
    callback_scheduled: 80,
    wrong_number: 80,
    refused: 50,
    hung_up: 10,
  };
  return table[code];
}

/** Builds the attempt's report: blocker, per-dimension scores, total, pass/fail and what was missed. */
export function attemptReport(input: ReportInput): AttemptReport {
  const findings = input.turns.flatMap((t, turn) => t.assessment.findings.map((f) => ({ ...f, turn })));
  const compliance = scoreOf(findings);
  const blocker = blockingFindings(findings)[0] ?? null;

  const missed: AttemptReport['missed'] = [];
  let expectedCount = 0;
  for (const t of input.turns) {
    const covered = new Set([...t.assessment.elements, ...t.assessment.moves.map((m) => m.move)]);
    for (const element of t.expected) {
      expectedCount++;
      if (!covered.has(element)) missed.push({ nodeId: t.nodeId, element });
    }
  }
  const script = expectedCount === 0 ? 100 : Math.round((100 * (expectedCount - missed.length)) / expectedCount);
  const tone = input.turns.length === 0 ? 0 : Math.round(avg(input.turns.map((t) => t.assessment.tone.score)));
  const outcome = outcomeScore(input.outcome?.code ?? null, input.course);
  const checks = input.recordChecks;
  const record = checks.length === 0 ? 0 : Math.round((100 * checks.filter((c) => c.ok).length) / checks.length);
  const weighted =
    compliance.score * WEIGHTS.compliance +
    script * WEIGHTS.script +
    tone * WEIGHTS.tone +
    outcome * WEIGHTS.outcome +
    record * WEIGHTS.record;
  const total = blocker ? Math.min(Math.round(weighted), PASS_MARK - 1) : Math.round(weighted);
  return {
    scores: { compliance: compliance.score, script, tone, outcome, record, total },
    passed: !blocker && total >= PASS_MARK,
    blocker,
    missed,
    outcome: input.outcome,
  };
}

/** The findings that fail a call whatever else was good, in call order; the report's `blocker` is the first. */
export function blockingFindings<F extends Pick<Finding, 'category' | 'severity' | 'review'>>(findings: readonly F[]): F[] {
  // A model finding awaiting a mentor's review never blocks: `scoreOf` does not count it as critical either.
  return findings.filter((f) => f.severity === 'critical' && isViolation(f) && !f.review);
}

function avg(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
