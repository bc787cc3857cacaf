import { describe, expect, it } from 'vitest';
import { attemptReport, outcomeScore } from '../../src/report/attempt-report.ts';
import { checkRecord, resolveDate } from '../../src/report/record-check.ts';
import { closeness, scoreDrill } from '../../src/report/drill.ts';
import type { Assessment, Finding } from '../../src/scoring/types.ts';
import { LEGACY_POLICY } from '../../src/report/pass-policy.ts';

const assessment = (over: Partial<Assessment> = {}): Assessment => ({
  findings: [],
  tone: { label: 'polite', score: 80, reasons: [] },
  moves: [],
  elements: [],
  ...over,
});
const threat: Finding = {
  rule: 'cn-violence-threat',
  category: 'threat',
  severity: 'critical',
  start: 0,
  end: 4,
  quote: '后果自负',
  message: '',
  better: '',
  sources: [],
};
const allChecksOk = [{ field: 'resultCode' as const, ok: true, expected: 'ptp', actual: 'ptp' }];

describe('attemptReport', () => {
  it('passes a clean call that covered what each node expected and reached a promise', () => {
    const r = attemptReport({
      course: 'first_contact',
      policy: LEGACY_POLICY,
      turns: [
        {
          text: 'a',
          nodeId: 'opening',
          expected: ['greet', 'surname'],
          assessment: assessment({
            elements: ['surname'],
            moves: [{ move: 'greet', start: 0, end: 1, evidence: '您好' }],
          }),
        },
      ],
      outcome: { code: 'ptp', amount: 1286, date: '+3d' },
      recordChecks: allChecksOk,
    });
    expect(r.passed).toBe(true);
    expect(r.blocker).toBeNull();
    expect(r.scores).toMatchObject({ compliance: 100, script: 100, tone: 80, outcome: 100, record: 100 });
  });

  it('weighs a drill, which asks for no record, over the other dimensions only', () => {
    const turns = [
      { text: 'a', nodeId: 'opening', expected: ['surname'], assessment: assessment({ elements: ['surname'] }) },
    ];
    const outcome = { code: 'drill_complete' as const, amount: null, date: null };
    const drill = attemptReport({ course: 'drill', policy: LEGACY_POLICY, turns, outcome, recordChecks: [] });
    const call = attemptReport({ course: 'first_contact', policy: LEGACY_POLICY, turns, outcome, recordChecks: [] });
    expect(drill.scores.record).toBe(0);
    expect(drill.scores.total).toBeGreaterThan(call.scores.total);
    const { compliance, script, tone, outcome: o } = drill.scores;
    expect(drill.scores.total).toBe(Math.round((compliance * 0.35 + script * 0.25 + tone * 0.15 + o * 0.15) / 0.9));
  });

  it('fails the call on one critical finding however good the rest was, naming the blocker', () => {
    const r = attemptReport({
      course: 'first_contact',
      policy: LEGACY_POLICY,
      turns: [
        { text: 'x', nodeId: 'n1', expected: [], assessment: assessment() },
        { text: '后果自负', nodeId: 'n2', expected: [], assessment: assessment({ findings: [threat] }) },
      ],
      outcome: { code: 'ptp', amount: 100, date: '+1d' },
      recordChecks: allChecksOk,
    });
    expect(r.passed).toBe(false);
    expect(r.blocker).toMatchObject({ rule: 'cn-violence-threat', turn: 1 });
    expect(r.scores.total).toBeLessThan(LEGACY_POLICY.pass_mark);
  });

  it('lists expected elements the trainee never covered and lowers the script score', () => {
    const r = attemptReport({
      course: 'first_contact',
      policy: LEGACY_POLICY,
      turns: [
        {
          text: 'a',
          nodeId: 'opening',
          expected: ['greet', 'staff_number'],
          assessment: assessment({ elements: ['greet'] }),
        },
      ],
      outcome: null,
      recordChecks: [],
    });
    expect(r.missed).toEqual([{ turn: 0, nodeId: 'opening', element: 'staff_number' }]);
    expect(r.scores.script).toBe(50);
    expect(r.scores.outcome).toBe(0);
  });

  it('rates a logged complaint as the goal only on inbound service calls', () => {
    expect(outcomeScore('complaint', 'inbound_service')).toBe(100);
    expect(outcomeScore('complaint', 'first_contact')).toBe(0);
  });
});

describe('checkRecord', () => {
  it('accepts a record that matches the promise made in the call', () => {
    const checks = checkRecord(
      {
        resultCode: 'ptp',
        promiseAmount: 1286,
        promiseDate: '2026-11-25',
        nextAction: '到期日跟进',
        notes: '客户停工，承诺25日还最低还款',
      },
      { code: 'ptp', amount: 1286, date: '+3d' },
      '2026-11-22',
    );
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('flags a wrong result code, amount, date and empty notes', () => {
    const checks = checkRecord(
      { resultCode: 'refused', promiseAmount: 1000, promiseDate: '2026-11-30', nextAction: '', notes: '' },
      { code: 'ptp', amount: 1286, date: '2026-11-25' },
      '2026-11-22',
    );
    expect(checks.filter((c) => !c.ok).map((c) => c.field)).toEqual([
      'resultCode',
      'promiseAmount',
      'promiseDate',
      'nextAction',
      'notes',
    ]);
  });

  it('resolves relative promise dates against the call day, across month ends', () => {
    expect(resolveDate('+10d', '2026-11-25')).toBe('2026-12-05');
    expect(resolveDate('2026-12-01', '2026-11-25')).toBe('2026-12-01');
  });
});

describe('scoreDrill', () => {
  const model = '您好，我是XX银行信用卡中心账务管理部的工作人员，我姓王，工号3021。请问您是张伟先生本人吗？';

  it('gives full marks for a word-perfect recital with every element, and reports typing speed', () => {
    const r = scoreDrill({
      text: model,
      model,
      required: ['greet', 'surname'],
      covered: ['greet', 'surname'],
      typingMs: 60000,
    });
    expect(r.score).toBe(100);
    expect(r.charsPerMinute).toBeGreaterThanOrEqual(40);
    expect(r.meetsSpeed).toBe(true);
  });

  it('names missing elements and scores a partial recital lower', () => {
    const r = scoreDrill({
      text: '您好，我是银行的，请问是张伟吗',
      model,
      required: ['greet', 'staff_number'],
      covered: ['greet'],
      typingMs: 120000,
    });
    expect(r.missing).toEqual(['staff_number']);
    expect(r.score).toBeLessThan(70);
    expect(r.meetsSpeed).toBe(false);
  });

  it('claims no typing speed for a pasted line or one faster than anyone types', () => {
    const base = { text: model, model, required: [], covered: [], typingMs: 60000 };
    expect(scoreDrill(base).charsPerMinute).toBe([...model].filter((c) => /[\p{L}\p{N}]/u.test(c)).length);
    expect(scoreDrill({ ...base, pasted: true })).toMatchObject({ charsPerMinute: null, meetsSpeed: false });
    expect(scoreDrill({ ...base, typingMs: 1000 })).toMatchObject({ charsPerMinute: null, meetsSpeed: false });
    expect(scoreDrill({ ...base, typingMs: 0 })).toMatchObject({ charsPerMinute: null, meetsSpeed: false });
  });

  it('measures closeness on characters, ignoring punctuation', () => {
    expect(closeness('我姓王，工号3021', '我姓王 工号 3021')).toBe(1);
    expect(closeness('abc', 'xyz')).toBe(0);
  });
});
