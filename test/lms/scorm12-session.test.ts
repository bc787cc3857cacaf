import { Scorm12API } from 'scorm-again';
import { afterEach, describe, expect, it } from 'vitest';
import { findScorm12Api, Scorm12Session, type Scorm12Api } from '../../src/lms/scorm12.ts';
import { emitAttemptEvent } from '../../src/state/attempt-events.ts';
import type { AttemptReport } from '../../src/report/types.ts';
import type { Scenario } from '../../src/scenarios/ir.ts';

const scenario = { id: 'zh-x' } as Scenario;
const report = (passed: boolean, total: number) => ({ passed, scores: { total } }) as AttemptReport;
let sessions: Scorm12Session[] = [];
afterEach(() => {
  for (const s of sessions) s.finish();
  sessions = [];
});

function start(now: () => number, lessonMode?: 'browse' | 'review' | 'normal') {
  const api = new Scorm12API({ logLevel: 5, autocommit: false });
  if (lessonMode) api.loadFromJSON({ core: { lesson_mode: lessonMode } });
  const session = new Scorm12Session(api as unknown as Scorm12Api, now);
  sessions.push(session);
  return { api, session, data: () => JSON.parse(JSON.stringify(api.cmi)) };
}

describe('the SCORM 1.2 SCO session', () => {
  it('marks the lesson incomplete, one interaction per line, then passed with the score and the session time', () => {
    let t = 1_000_000;
    const { api, session, data } = start(() => t);
    expect(api.LMSGetValue('cmi.core.lesson_status')).toBe('incomplete');
    emitAttemptEvent({ kind: 'started', attemptId: 'a', scenario, mode: 'exam', at: t });
    t += 6_000;
    emitAttemptEvent({
      kind: 'turn',
      attemptId: 'a',
      index: 0,
      nodeId: 'opening',
      text: '您好',
      choice: null,
      assessment: { findings: [], tone: {} as never, moves: [], elements: [] },
      at: t,
    });
    t += 2_500;
    emitAttemptEvent({
      kind: 'turn',
      attemptId: 'a',
      index: 1,
      nodeId: 'purpose',
      text: 'b',
      choice: 1,
      assessment: { findings: [], tone: {} as never, moves: [], elements: [] },
      at: t,
    });
    emitAttemptEvent({ kind: 'completed', attemptId: 'a', scenario, mode: 'exam', report: report(true, 81), at: t });
    t += 1_500;
    session.finish();
    const cmi = data();
    expect(cmi.core.lesson_status).toBe('passed');
    expect(cmi.core.score).toEqual({ raw: '81', min: '0', max: '100' });
    expect(
      Object.values(cmi.interactions).map((i: any) => [i.id, i.type, i.student_response, i.result, i.latency]),
    ).toEqual([
      ['turn-1-opening', 'fill-in', '您好', 'correct', '00:00:06'],
      ['turn-2-purpose', 'choice', 'b', 'correct', '00:00:02.5'],
    ]);
    expect(cmi.core.session_time).toBe('00:00:10');
    expect(api.isTerminated()).toBe(true);
  });

  it('reports a failed call as failed, and finishes once', () => {
    const { session, data } = start(() => 0);
    emitAttemptEvent({ kind: 'completed', attemptId: 'a', scenario, mode: 'exam', report: report(false, 59), at: 0 });
    session.finish();
    session.finish();
    expect(data().core.lesson_status).toBe('failed');
    expect(data().core.score.raw).toBe('59');
  });

  it('records no verdict, score or interaction in browse and review lesson modes; browse marks the lesson browsed', () => {
    for (const mode of ['browse', 'review'] as const) {
      const { session, data } = start(() => 0, mode);
      expect(session.reportsVerdict).toBe(false);
      emitAttemptEvent({
        kind: 'turn',
        attemptId: 'a',
        index: 0,
        nodeId: 'opening',
        text: 'x',
        choice: null,
        assessment: { findings: [], tone: {} as never, moves: [], elements: [] },
        at: 0,
      });
      emitAttemptEvent({ kind: 'completed', attemptId: 'a', scenario, mode: 'exam', report: report(true, 90), at: 0 });
      session.finish();
      expect(data().core.lesson_mode).toBe(mode);
      expect(data().core.lesson_status).toBe(mode === 'browse' ? 'browsed' : 'not attempted');
      expect(data().core.score.raw).toBe('');
      expect(Object.keys(data().interactions)).toEqual([]);
    }
    expect(start(() => 0, 'normal').session.reportsVerdict).toBe(true);
  });

  it('finds the API on a parent window, climbing at most 7 levels, then on the opener', () => {
    const api = {} as Scorm12Api;
    const chain = (depth: number, top: object) => {
      let w: any = top;
      for (let i = 0; i < depth; i++) {
        const child: any = {};
        child.parent = w;
        w = child;
      }
      return w;
    };
    const top: any = { API: api };
    top.parent = top;
    expect(findScorm12Api(chain(7, top))).toBe(api);
    expect(findScorm12Api(chain(8, top))).toBeNull();
    const lonely: any = {};
    lonely.parent = lonely;
    lonely.opener = chain(2, top);
    expect(findScorm12Api(lonely)).toBe(api);
  });
});
