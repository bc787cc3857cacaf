/** Scores a finished call from its turns, ending and record checks: a pure function of the findings. */
import { scoreOf } from '../scoring/score.ts';
import type { CourseStage, OutcomeCode } from '../scenarios/ir.ts';
import { blockingFindings, judge } from './pass-policy.ts';
import type { AttemptReport, MissedElement, ReportInput, ScoredTurn } from './types.ts';

/** Weights of the total; compliance leads because a compliant call is the job's minimum. */
export const WEIGHTS = { compliance: 0.35, script: 0.25, tone: 0.15, outcome: 0.15, record: 0.1 } as const;

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

/** Builds the attempt's report: per-dimension scores, total, the course policy's verdict with its reasons, what was missed. */
export function attemptReport(input: ReportInput): AttemptReport {
  const findings = input.turns.flatMap((t, turn) => t.assessment.findings.map((f) => ({ ...f, turn })));
  const compliance = scoreOf(findings);

  const credited = new Set((input.credited ?? []).map((c) => `${c.turn}:${c.element}`));
  const missed = missedElements(input.turns).filter((m) => !credited.has(`${m.turn}:${m.element}`));
  const expectedCount = input.turns.reduce((n, t) => n + t.expected.length, 0);
  const script = scriptScore(expectedCount, missed.length);
  const tone = input.turns.length === 0 ? 0 : Math.round(avg(input.turns.map((t) => t.assessment.tone.score)));
  const outcome = outcomeScore(input.outcome?.code ?? null, input.course);
  const checks = input.recordChecks;
  const record = checks.length === 0 ? 0 : Math.round((100 * checks.filter((c) => c.ok).length) / checks.length);
  // A drill asks for no after-call record: its total is weighed over the other dimensions only.
  const recordWeight = input.course === 'drill' ? 0 : WEIGHTS.record;
  const weighted =
    (compliance.score * WEIGHTS.compliance +
      script * WEIGHTS.script +
      tone * WEIGHTS.tone +
      outcome * WEIGHTS.outcome +
      record * recordWeight) /
    (1 - WEIGHTS.record + recordWeight);
  const scores = { compliance: compliance.score, script, tone, outcome, record, total: Math.round(weighted) };
  const verdict = judge(input.policy, scores, findings, input.outcome?.code ?? null, input.turns.length);
  return {
    scores: { ...scores, total: verdict.total },
    passed: verdict.passed,
    reasons: verdict.reasons,
    blocker: blockingFindings(input.policy, findings)[0] ?? null,
    missed,
    expected: expectedCount,
    outcome: input.outcome,
  };
}

/**
 * The expected elements no line of the call covered by the time they were expected, each with the line (`turn`) and
 * node that expected it. An element said earlier in the call counts: the trainee is not asked to repeat a purpose or a
 * name already given.
 */
export function missedElements(turns: readonly ScoredTurn[]): MissedElement[] {
  const said = new Set<string>();
  const missed: MissedElement[] = [];
  turns.forEach((t, turn) => {
    for (const e of [...t.assessment.elements, ...t.assessment.moves.map((m) => m.move)]) said.add(e);
    for (const element of t.expected) if (!said.has(element)) missed.push({ turn, nodeId: t.nodeId, element });
  });
  return missed;
}

/** The script score: the share of expected elements covered (100 when a call expected none). */
export function scriptScore(expected: number, missed: number): number {
  return expected === 0 ? 100 : Math.round((100 * (expected - missed)) / expected);
}

function avg(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
