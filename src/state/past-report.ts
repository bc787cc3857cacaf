/** Rebuilds the report of a finished call from what storage kept, for re-reading it from the progress page. */
import { attemptReport } from '../report/attempt-report.ts';
import { applyOverrides, creditedElements, type OverrideInput } from '../report/overrides.ts';
import { LEGACY_POLICY } from '../report/pass-policy.ts';
import type { AttemptReport, RecordCheck, ScoredTurn } from '../report/types.ts';
import type { Scenario } from '../scenarios/ir.ts';
import type { Attempt, CallRecord, Turn } from '../storage/index.ts';
import type { TranscriptEntry } from './practice-types.ts';
import { transcriptFromTurns } from './transcript.ts';

export interface PastReport {
  attempt: Attempt;
  scenario: Scenario;
  transcript: TranscriptEntry[];
  report: AttemptReport;
  checks: RecordCheck[];
}

/**
 * The report as the trainee saw it: stored scores and verdict are kept as given (rule packs may have changed since);
 * the blocker, the highlighted findings and the missed elements come from the stored lines.
 */
export function buildPastReport(
  attempt: Attempt,
  turns: readonly Turn[],
  record: CallRecord | null,
  scenario: Scenario,
): PastReport {
  const transcript = transcriptFromTurns(turns);
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const scored: ScoredTurn[] = transcript.flatMap((e) =>
    e.speaker === 'trainee' && e.assessment
      ? [{ text: e.text, nodeId: e.nodeId, expected: nodes.get(e.nodeId)?.expect ?? [], assessment: e.assessment }]
      : [],
  );
  const checks = record?.checks ?? [];
  const outcome = attempt.outcome
    ? { code: attempt.outcome, amount: record?.promiseAmount ?? null, date: record?.promiseDate ?? null }
    : null;
  const rebuilt = attemptReport({
    course: scenario.course,
    policy: attempt.policy ?? LEGACY_POLICY,
    turns: scored,
    outcome,
    recordChecks: checks,
  });
  const findings = scored.flatMap((t, turn) => t.assessment.findings.map((f) => ({ ...f, turn })));
  const blocker = attempt.blockerRule ? (findings.find((f) => f.rule === attempt.blockerRule) ?? null) : null;
  const report: AttemptReport = {
    ...rebuilt,
    scores: attempt.scores ?? rebuilt.scores,
    passed: attempt.passed === true,
    // The stored verdict stands; its reasons are those the stored policy gives the stored lines.
    reasons: attempt.passed === true ? [] : rebuilt.reasons,
    blocker,
  };
  return { attempt, scenario, transcript, report, checks };
}

/**
 * The past report with a mentor's corrections applied to its lines: findings overruled, added or narrowed as the
 * mentor left them, and credited elements no longer listed as missed. The verdict stays the machine's (the report
 * shows the mentor's beside it); with no corrections the report is returned as it is.
 */
export function correctedPastReport(past: PastReport, overrides: readonly OverrideInput[]): PastReport {
  if (overrides.length === 0) return past;
  const trainee = past.transcript.flatMap((e, i) =>
    e.speaker === 'trainee' && e.assessment
      ? [{ i, turn: { text: e.text, nodeId: e.nodeId, expected: [], assessment: e.assessment } }]
      : [],
  );
  const corrected = applyOverrides(
    trainee.map((t) => t.turn),
    overrides,
  );
  const transcript = [...past.transcript];
  trainee.forEach(({ i }, k) => (transcript[i] = { ...transcript[i], assessment: corrected[k].assessment }));
  const credited = new Set(creditedElements(overrides).map((c) => `${c.turn}:${c.element}`));
  const missed = past.report.missed.filter((m) => !credited.has(`${m.turn}:${m.element}`));
  return { ...past, transcript, report: { ...past.report, missed } };
}
