import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/machines/index.ts';
import { attemptReport } from '../../src/report/attempt-report.ts';
import type { ScoredTurn } from '../../src/report/types.ts';
import { passPolicy } from '../../src/state/courses.ts';
import { differs, rescoreCall } from '../../src/state/rescore.ts';
import type { Attempt, Turn } from '../../src/storage/index.ts';
import { contentEngine, contentScenario } from '../machines/content.ts';

const OPENING = '您好，我是华信银行信用卡中心账务管理部的工作人员，我姓王，工号3021。请问您是张伟先生本人吗？';
const THREAT = '你再不还钱，后果自负！我们知道你家住哪。';

/** Plays the lines as the practice screen does and keeps what storage would: the turns and the attempt's verdict. */
function played(lines: string[], seed = 7) {
  const scenario = contentScenario('zh-first-contact-tight-money');
  const engine = contentEngine();
  const session = createSession(scenario, { engine, seed, mode: 'practice' });
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const turns: Turn[] = [];
  const scored: ScoredTurn[] = [];
  const add = (speaker: Turn['speaker'], text: string, assessment: Turn['assessment']) =>
    turns.push({
      attemptId: 'a1',
      index: turns.length,
      speaker,
      text,
      assessment,
      personaState: null,
      stage: 'opening',
      at: turns.length,
    });
  add('persona', session.reply!.text, null);
  for (const text of lines) {
    if (session.state.ended) break;
    const nodeId = session.state.node;
    const step = session.say(text);
    add('trainee', text, step.assessment);
    scored.push({ text, nodeId, expected: nodes.get(nodeId)?.expect ?? [], assessment: step.assessment! });
    if (step.reply) add('persona', step.reply.text, null);
  }
  if (!session.state.ended) session.hangUp();
  const report = attemptReport({
    course: scenario.course,
    policy: passPolicy(scenario.course),
    turns: scored,
    outcome: session.state.outcome,
    recordChecks: [],
  });
  const attempt: Attempt = {
    id: 'a1',
    profileId: 'p1',
    scenarioId: scenario.id,
    scenarioTitle: scenario.title,
    lang: 'zh',
    mode: 'practice',
    seed,
    status: 'completed',
    startedAt: Date.UTC(2026, 11, 7),
    endedAt: Date.UTC(2026, 11, 7, 0, 5),
    outcome: session.state.outcome?.code ?? null,
    scores: report.scores,
    passed: report.passed,
    blockerRule: report.blocker?.rule ?? null,
    snapshot: null,
    findings: null,
  };
  return { scenario, engine, attempt, turns };
}

describe('re-scoring an imported call from its lines', { timeout: 60_000 }, () => {
  it('gives the verdict the call got when it was played, so an honest call is not flagged', () => {
    const { scenario, engine, attempt, turns } = played([OPENING, THREAT]);
    expect(attempt.passed).toBe(false);
    const rescored = rescoreCall(scenario, engine, attempt, turns, null, null);
    expect(rescored).toEqual({ total: attempt.scores!.total, passed: false });
    expect(differs(attempt, rescored)).toBe(false);
  });

  it('flags a call whose stored score and verdict were edited to 100 and passed', () => {
    const { scenario, engine, attempt, turns } = played([OPENING, THREAT]);
    const honest = attempt.scores!.total;
    const forged: Attempt = { ...attempt, scores: { ...attempt.scores!, total: 100 }, passed: true, blockerRule: null };
    const rescored = rescoreCall(scenario, engine, forged, turns, null, null);
    expect(rescored).toEqual({ total: honest, passed: false });
    expect(differs(forged, rescored)).toBe(true);
    // Only the verdict edited, the score left alone: still flagged.
    expect(differs({ ...attempt, passed: true }, rescored)).toBe(true);
  });

  it('judges the lines, not the stored findings: a line whose threat was erased from its assessment still fails', () => {
    const { scenario, engine, attempt, turns } = played([OPENING, THREAT]);
    const scrubbed = turns.map((t) => (t.assessment ? { ...t, assessment: { ...t.assessment, findings: [] } } : t));
    expect(rescoreCall(scenario, engine, attempt, scrubbed, null, null).passed).toBe(false);
  });
});
