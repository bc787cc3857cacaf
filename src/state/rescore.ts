/**
 * Re-scoring an imported call from its lines: an export carries transcripts, not verdicts. The receiving PC replays
 * the trainee's lines through the same call machine and engine the practice screen uses (same scenario and seed, so
 * the persona answers as it did), scores the call with this PC's pass policy for its course, and compares the result
 * with the score and verdict stored in the file. A file edited to read "100, passed" is caught here, whatever key
 * signed it.
 */
import { createSession } from '../machines/index.ts';
import { attemptReport } from '../report/attempt-report.ts';
import { checkRecord } from '../report/record-check.ts';
import type { ScoredTurn } from '../report/types.ts';
import type { Scenario } from '../scenarios/ir.ts';
import type { ScoringEngine } from '../scoring/types.ts';
import type { Attempt, CallRecord, Profile, Turn } from '../storage/index.ts';
import { passPolicy } from './courses.ts';

export interface Rescored {
  total: number;
  passed: boolean;
}

/** A finished call's score and verdict as this PC's engine gives them for its lines, record and course. */
export function rescoreCall(
  scenario: Scenario,
  engine: ScoringEngine,
  attempt: Attempt,
  turns: readonly Turn[],
  record: CallRecord | null,
  profile: Profile | null,
): Rescored {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const trainee = profile ? { name: profile.name, staffNo: profile.staffNo } : undefined;
  const lines = [...turns].sort((a, b) => a.index - b.index).filter((t) => t.speaker === 'trainee');
  const start = () => createSession(scenario, { engine, seed: attempt.seed, mode: attempt.mode, trainee });
  let session = start();
  const scored: ScoredTurn[] = [];
  for (const line of lines) {
    // A drill line is a whole recital, said to a persona picking up afresh; a call goes on from where it was.
    if (scenario.course === 'drill' || session.state.ended) {
      if (scenario.course !== 'drill') break;
      session.stop();
      session = start();
    }
    const nodeId = session.state.node;
    const options = nodes.get(nodeId)?.options ?? [];
    const chosen = attempt.mode === 'guided' ? options.findIndex((o) => o.text === line.text) : -1;
    const step = chosen >= 0 ? session.choose(chosen) : session.say(line.text);
    if (step.assessment)
      scored.push({ text: line.text, nodeId, expected: nodes.get(nodeId)?.expect ?? [], assessment: step.assessment });
  }
  if (!session.state.ended && scenario.course !== 'drill') session.hangUp();
  const outcome = session.state.outcome ?? null;
  session.stop();
  const checks =
    record && scenario.course !== 'drill'
      ? checkRecord(record, outcome, new Date(attempt.startedAt).toISOString().slice(0, 10))
      : [];
  const report = attemptReport({
    course: scenario.course,
    policy: passPolicy(scenario.course),
    turns: scored,
    outcome,
    recordChecks: checks,
  });
  return { total: report.scores.total, passed: report.passed };
}

/** True when the stored score or verdict is not what re-scoring gives. */
export function differs(attempt: Attempt, rescored: Rescored): boolean {
  return attempt.scores?.total !== rescored.total || (attempt.passed === true) !== rescored.passed;
}
