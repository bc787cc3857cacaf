import { describe, expect, it } from 'vitest';
import { attemptReport, missedElements } from '../../src/report/attempt-report.ts';
import { reviseScores } from '../../src/report/overrides.ts';
import type { PassPolicy } from '../../src/scenarios/ir.ts';
import type { Assessment, Finding } from '../../src/scoring/types.ts';
import type { ReportInput, ScoredTurn } from '../../src/report/types.ts';

const POLICY: PassPolicy = {
  blocking: ['critical', 'major'],
  pass_mark: 60,
  minimums: { compliance: 60 },
  failing_endings: ['hung_up', 'complaint'],
};
const assessment = (over: Partial<Assessment> = {}): Assessment => ({
  findings: [],
  tone: { label: 'polite', score: 80, reasons: [] },
  moves: [],
  elements: [],
  ...over,
});
const leak: Finding = {
  rule: 'cn-disclose-before-verify',
  category: 'premature_disclosure',
  severity: 'major',
  start: 0,
  end: 6,
  quote: '欠了三万多',
  message: '核实身份前透露了欠款。',
  better: '',
  sources: [],
};
const rude: Finding = { ...leak, rule: 'tone-rude', category: 'tone', severity: 'major', quote: '烦不烦' };
const turn = (text: string, over: Partial<Assessment> = {}, expected: string[] = []): ScoredTurn => ({
  text,
  nodeId: `n-${text}`,
  expected,
  assessment: assessment(over),
});
const input = (
  turns: ScoredTurn[],
  code: ReportInput['outcome'] extends infer O ? (O extends { code: infer C } ? C : never) : never,
  policy = POLICY,
): ReportInput => ({
  course: 'first_contact',
  policy,
  turns,
  outcome: { code, amount: null, date: null },
  recordChecks: [{ field: 'resultCode', ok: true, expected: code, actual: code }],
});

describe('the pass policy', () => {
  it('fails a call that told an unverified listener the debt (a major finding) and says which line and rule', () => {
    const r = attemptReport(input([turn('您好'), turn('你欠了三万多', { findings: [leak] })], 'ptp'));
    expect(r.passed).toBe(false);
    expect(r.reasons).toEqual([
      {
        kind: 'blocker',
        rule: 'cn-disclose-before-verify',
        category: 'premature_disclosure',
        severity: 'major',
        turn: 1,
        message: leak.message,
      },
    ]);
    expect(r.scores.total).toBeLessThan(60);
  });

  it('lets the same call pass under a policy where only critical findings block', () => {
    expect(
      attemptReport(
        input([turn('您好'), turn('你欠了三万多', { findings: [leak] })], 'ptp', { ...POLICY, blocking: ['critical'] }),
      ).passed,
    ).toBe(true);
  });

  it('never blocks on coaching categories or on a model finding awaiting review', () => {
    const r = attemptReport(input([turn('a', { findings: [rude, { ...leak, review: true }] })], 'ptp'));
    expect(r.reasons.filter((x) => x.kind === 'blocker')).toEqual([]);
  });

  it("fails a call the customer ended by hanging up after the trainee's last line", () => {
    const r = attemptReport(input([turn('您好'), turn('你烦不烦')], 'hung_up'));
    expect(r.passed).toBe(false);
    expect(r.reasons).toContainEqual({ kind: 'ending', code: 'hung_up', turn: 1 });
  });

  it('accepts an ending the course does not list (a logged complaint on a service line)', () => {
    const r = attemptReport({
      ...input([turn('您好')], 'complaint', { ...POLICY, failing_endings: ['hung_up'] }),
      course: 'inbound_service',
    });
    expect(r.reasons.some((x) => x.kind === 'ending')).toBe(false);
  });

  it('names every dimension under its minimum', () => {
    const r = attemptReport(
      input([turn('a', { tone: { label: 'rude', score: 10, reasons: [] } })], 'ptp', {
        ...POLICY,
        minimums: { tone: 50, record: 50 },
      }),
    );
    expect(r.reasons).toEqual([{ kind: 'minimum', dimension: 'tone', score: 10, minimum: 50 }]);
    expect(r.passed).toBe(false);
  });

  it('gives the mentor-revised verdict the same reasons from stored scores', () => {
    const turns = [turn('您好'), turn('你欠了三万多', { findings: [leak] })];
    const full = attemptReport(input(turns, 'ptp'));
    const revised = reviseScores(full.scores, turns, POLICY, 'ptp');
    expect(revised).toMatchObject({ passed: false, blockerRule: 'cn-disclose-before-verify', reasons: full.reasons });
    expect(revised.scores.total).toBe(full.scores.total);
  });
});

describe('missed elements', () => {
  it('name the line and node that expected them, and do not ask again for what was already said', () => {
    const turns = [
      turn('我是华信银行的王敏', { elements: ['state_org'] }, ['greet', 'state_org']),
      turn('请问是张先生吗', {}, ['state_org', 'verify_identity']),
    ];
    expect(missedElements(turns)).toEqual([
      { turn: 0, nodeId: 'n-我是华信银行的王敏', element: 'greet' },
      { turn: 1, nodeId: 'n-请问是张先生吗', element: 'verify_identity' },
    ]);
  });
});
