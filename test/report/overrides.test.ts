import { describe, expect, it } from 'vitest';
import { attemptReport } from '../../src/report/attempt-report.ts';
import { applyOverrides, effectiveReport, reviseScores, type OverrideInput } from '../../src/report/overrides.ts';
import type { ReportInput, ScoredTurn } from '../../src/report/types.ts';
import type { Assessment, Finding } from '../../src/scoring/types.ts';
import { LEGACY_POLICY } from '../../src/report/pass-policy.ts';

const assessment = (findings: Finding[] = [], toneScore = 80): Assessment => ({
  findings,
  tone: { label: 'polite', score: toneScore, reasons: [] },
  moves: [],
  elements: ['greet'],
});
const f = (rule: string, category: Finding['category'], severity: Finding['severity']): Finding => ({
  rule,
  category,
  severity,
  start: 0,
  end: 4,
  quote: '后果自负',
  message: 'm',
  better: 'b',
  sources: [],
});
const threat = f('cn-violence-threat', 'threat', 'critical');
const tooPushy = f('gp-pressure', 'misrepresentation', 'major');

/** A good call except for one threat on the second trainee line. */
function input(): ReportInput {
  const turns: ScoredTurn[] = [
    {
      text: '您好，我是华信银行信用卡中心的',
      nodeId: 'opening',
      expected: ['greet', 'institution'],
      assessment: assessment(),
    },
    { text: '后果自负', nodeId: 'purpose', expected: [], assessment: assessment([threat]) },
    { text: '那您三天内还款可以吗', nodeId: 'negotiation', expected: [], assessment: assessment([tooPushy], 60) },
  ];
  return {
    course: 'first_contact',
    policy: LEGACY_POLICY,
    turns,
    outcome: { code: 'ptp', amount: 500, date: '+3d' },
    recordChecks: [{ field: 'resultCode', ok: true, expected: 'ptp', actual: 'ptp' }],
  };
}

const overrule = (turnIndex: number, rule: string, over: Partial<OverrideInput> = {}): OverrideInput => ({
  turnIndex,
  action: 'overrule',
  rule,
  category: 'threat',
  severity: 'critical',
  reason: '客户原话，学员是在复述',
  ...over,
});

describe('applyOverrides', () => {
  it('removes an overruled finding from its turn only, leaving the input untouched', () => {
    const turns = input().turns;
    const out = applyOverrides(turns, [overrule(1, 'cn-violence-threat')]);
    expect(out[1].assessment.findings).toEqual([]);
    expect(out[2].assessment.findings).toEqual([tooPushy]);
    expect(turns[1].assessment.findings).toEqual([threat]);
    expect(out[0]).toBe(turns[0]);
  });

  it('appends an added finding with an empty quote unless one is given, its message being the reason', () => {
    const out = applyOverrides(input().turns, [
      {
        turnIndex: 0,
        action: 'add',
        rule: 'cn-no-staff-number',
        category: 'missing_disclosure',
        severity: 'major',
        reason: '没报工号',
      },
      {
        turnIndex: 2,
        action: 'add',
        rule: 'cn-vague',
        category: 'script',
        severity: 'minor',
        reason: '日期含糊',
        quote: '三天内',
      },
    ]);
    expect(out[0].assessment.findings).toEqual([
      {
        rule: 'cn-no-staff-number',
        category: 'missing_disclosure',
        severity: 'major',
        start: 0,
        end: 0,
        quote: '',
        message: '没报工号',
        better: '',
        sources: [],
      },
    ]);
    expect(out[2].assessment.findings.map((x) => [x.rule, x.quote])).toEqual([
      ['gp-pressure', '后果自负'],
      ['cn-vague', '三天内'],
    ]);
  });

  it('applies corrections in order: a finding added and later overruled is gone', () => {
    const add: OverrideInput = {
      turnIndex: 0,
      action: 'add',
      rule: 'x-added',
      category: 'abuse',
      severity: 'major',
      reason: 'r',
    };
    expect(applyOverrides(input().turns, [add, overrule(0, 'x-added')])[0].assessment.findings).toEqual([]);
  });

  it('refuses a correction on a trainee line the call does not have', () => {
    expect(() => applyOverrides(input().turns, [overrule(3, 'cn-violence-threat')])).toThrow(
      /trainee line 3, but the call has 3/,
    );
    expect(() => applyOverrides(input().turns, [overrule(-1, 'cn-violence-threat')])).toThrow(RangeError);
  });
});

describe('effectiveReport', () => {
  it('overruling the only critical finding flips fail to pass and raises the total', () => {
    const before = attemptReport(input());
    const after = effectiveReport(input(), [overrule(1, 'cn-violence-threat')]);
    expect(before.passed).toBe(false);
    expect(before.blocker?.rule).toBe('cn-violence-threat');
    expect(after.passed).toBe(true);
    expect(after.blocker).toBeNull();
    expect(after.scores.total).toBeGreaterThan(before.scores.total);
    expect(after.scores.total).toBeGreaterThanOrEqual(LEGACY_POLICY.pass_mark);
    expect(after.scores.compliance).toBe(80);
    // Only what depends on findings moves.
    expect({ ...after.scores, compliance: 0, total: 0 }).toEqual({ ...before.scores, compliance: 0, total: 0 });
  });

  it('adding a critical finding fails a call that passed, and it becomes the blocker', () => {
    const clean = effectiveReport(input(), [overrule(1, 'cn-violence-threat')]);
    const failed = effectiveReport(input(), [
      overrule(1, 'cn-violence-threat'),
      {
        turnIndex: 2,
        action: 'add',
        rule: 'cn-fake-lawyer',
        category: 'impersonation',
        severity: 'critical',
        reason: '冒充律师',
      },
    ]);
    expect(clean.passed).toBe(true);
    expect(failed.passed).toBe(false);
    expect(failed.blocker).toMatchObject({ rule: 'cn-fake-lawyer', turn: 2, message: '冒充律师' });
    expect(failed.scores.total).toBeLessThan(LEGACY_POLICY.pass_mark);
  });

  it('an added critical tone finding does not block the call (coaching categories never do)', () => {
    const r = effectiveReport(input(), [
      overrule(1, 'cn-violence-threat'),
      { turnIndex: 0, action: 'add', rule: 'tone-cold', category: 'tone', severity: 'critical', reason: '语气冷淡' },
    ]);
    expect(r.passed).toBe(true);
    expect(r.blocker).toBeNull();
  });
});

describe('reviseScores', () => {
  const cases: [string, OverrideInput[]][] = [
    ['no corrections', []],
    ['threat overruled', [overrule(1, 'cn-violence-threat')]],
    ['both overruled', [overrule(1, 'cn-violence-threat'), overrule(2, 'gp-pressure')]],
    [
      'critical added',
      [
        overrule(1, 'cn-violence-threat'),
        { turnIndex: 0, action: 'add', rule: 'p', category: 'privacy', severity: 'critical', reason: 'r' },
      ],
    ],
    [
      'minors added',
      [
        overrule(1, 'cn-violence-threat'),
        { turnIndex: 0, action: 'add', rule: 'q', category: 'contact_rules', severity: 'minor', reason: 'r' },
      ],
    ],
  ];
  it.each(cases)('from stored machine scores gives exactly what effectiveReport gives (%s)', (_name, overrides) => {
    const machine = attemptReport(input()).scores;
    const full = effectiveReport(input(), overrides);
    const revised = reviseScores(machine, applyOverrides(input().turns, overrides), LEGACY_POLICY, 'ptp');
    expect(revised).toEqual({
      scores: full.scores,
      passed: full.passed,
      blockerRule: full.blocker?.rule ?? null,
      reasons: full.reasons,
    });
  });
});
