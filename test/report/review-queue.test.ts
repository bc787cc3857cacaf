import { describe, expect, it } from 'vitest';
import { attemptReport } from '../../src/report/attempt-report.ts';
import { markKind } from '../../src/report/highlight.ts';
import {
  applyOverride,
  applyOverrides,
  awaitsReview,
  reviseScores,
  type OverrideInput,
} from '../../src/report/overrides.ts';
import { correctionKinds, reviewQueue } from '../../src/report/review-queue.ts';
import type { ReportInput, ScoredTurn } from '../../src/report/types.ts';
import type { Assessment, Finding } from '../../src/scoring/types.ts';
import { LEGACY_POLICY } from '../../src/report/pass-policy.ts';

const assessment = (findings: Finding[] = []): Assessment => ({
  findings,
  tone: { label: 'neutral', score: 70, reasons: [] },
  moves: [],
  elements: [],
});
const rule: Finding = {
  rule: 'cn-third-party-disclosure',
  category: 'third_party',
  severity: 'critical',
  start: 0,
  end: 4,
  quote: '欠款逾期',
  message: '向第三方透露欠款',
  better: '请他方便时回电',
  sources: [{ clause: '第 8 条', url: 'https://example.test', status: 'V' }],
};
/** A model-only finding below the confidence bar: shown, queued, not counted. */
const queued: Finding = {
  rule: 'cn-violence-threat',
  category: 'threat',
  severity: 'critical',
  start: 2,
  end: 6,
  quote: '后果自负',
  message: '威胁债务人（模型判断，置信度 72%）',
  better: '请您尽快安排还款',
  sources: [],
  origin: 'model',
  confidence: 0.72,
  review: true,
};
const confident: Finding = { ...queued, confidence: 0.91, review: undefined };
delete confident.review;

function input(findings: Finding[]): ReportInput {
  const turns: ScoredTurn[] = [
    { text: '您好，我是华信银行信用卡中心的小王', nodeId: 'opening', expected: [], assessment: assessment() },
    { text: '你再后果自负', nodeId: 'purpose', expected: [], assessment: assessment(findings) },
  ];
  return {
    course: 'first_contact',
    policy: LEGACY_POLICY,
    turns,
    outcome: { code: 'ptp', amount: 500, date: '+3d' },
    recordChecks: [{ field: 'resultCode', ok: true, expected: 'ptp', actual: 'ptp' }],
  };
}
const correction = (action: OverrideInput['action'], over: Partial<OverrideInput> = {}): OverrideInput => ({
  turnIndex: 1,
  action,
  rule: queued.rule,
  category: 'threat',
  severity: 'critical',
  reason: '确实是威胁',
  ...over,
});

describe('findings awaiting review', () => {
  it('never block a call in the report, however severe; a confident model finding does', () => {
    expect(awaitsReview(queued)).toBe(true);
    expect(awaitsReview(confident)).toBe(false);
    const waiting = attemptReport(input([queued]));
    expect(waiting.blocker).toBeNull();
    expect(waiting.passed).toBe(true);
    const counted = attemptReport(input([confident]));
    expect(counted.blocker?.rule).toBe('cn-violence-threat');
    expect(counted.passed).toBe(false);
  });

  it('never block in the revised verdict either', () => {
    const machine = attemptReport(input([queued])).scores;
    expect(reviseScores(machine, input([queued]).turns, LEGACY_POLICY, 'ptp')).toMatchObject({
      passed: true,
      blockerRule: null,
    });
  });

  it('are listed with their line until confirmed or dismissed', () => {
    expect(reviewQueue(input([rule, queued]).turns)).toEqual([{ turnIndex: 1, finding: queued }]);
    const turns = input([rule, queued]).turns;
    expect(reviewQueue(applyOverrides(turns, [correction('add')]))).toEqual([]);
    expect(reviewQueue(applyOverrides(turns, [correction('overrule')]))).toEqual([]);
  });
});

describe('confirming and dismissing with the ordinary corrections', () => {
  it('an add of the queued rule confirms it in place: span, explanation and sources kept, counted from now on', () => {
    const [kept, confirmed] = applyOverride([rule, queued], correction('add', { severity: 'major' }));
    expect(kept).toBe(rule);
    expect(confirmed).toEqual({ ...queued, severity: 'major', review: undefined });
    expect('review' in confirmed).toBe(false);
    expect(confirmed.quote).toBe('后果自负');
  });

  it('a confirmed critical finding fails the call exactly as a mentor-added one does', () => {
    const base = input([queued]);
    const machine = attemptReport(base);
    expect(machine.passed).toBe(true);
    const confirmed = reviseScores(
      machine.scores,
      applyOverrides(base.turns, [correction('add')]),
      LEGACY_POLICY,
      'ptp',
    );
    const added = reviseScores(
      machine.scores,
      applyOverrides(input([]).turns, [correction('add')]),
      LEGACY_POLICY,
      'ptp',
    );
    // The same verdict; only the reason's explanation differs (the model's own, or the mentor's reason).
    const { reasons: confirmedReasons, ...confirmedVerdict } = confirmed;
    const { reasons: addedReasons, ...addedVerdict } = added;
    expect(confirmedVerdict).toEqual(addedVerdict);
    const withoutMessage = (rs: typeof confirmedReasons) =>
      rs.map((r) => (r.kind === 'blocker' ? { ...r, message: '' } : r));
    expect(withoutMessage(confirmedReasons)).toEqual(withoutMessage(addedReasons));
    expect(confirmed).toMatchObject({ passed: false, blockerRule: 'cn-violence-threat' });
  });

  it('an add of another rule still appends a mentor finding, and the queued one keeps waiting', () => {
    const out = applyOverride(
      [queued],
      correction('add', { rule: 'gp-pressure', category: 'misrepresentation', severity: 'major' }),
    );
    expect(out).toHaveLength(2);
    expect(out[0]).toBe(queued);
    expect(out[1]).toMatchObject({ rule: 'gp-pressure', message: '确实是威胁', start: 0, end: 0 });
  });

  it('names what each correction did, in the order they apply', () => {
    const turns = input([rule, queued]).turns;
    expect(
      correctionKinds(turns, [
        correction('add'),
        correction('overrule'),
        correction('add'),
        correction('overrule', { rule: rule.rule }),
      ]),
    ).toEqual(['confirm', 'overrule', 'add', 'overrule']);
    expect(correctionKinds(turns, [correction('overrule'), correction('add')])).toEqual(['dismiss', 'add']);
    expect(correctionKinds(turns, [correction('add', { turnIndex: 0 })])).toEqual(['add']);
    expect(correctionKinds(turns, [correction('add', { turnIndex: 9 })])).toEqual(['add']);
  });
});

describe('markKind', () => {
  it('draws the strongest finding covering a segment', () => {
    expect(markKind([queued])).toBe('review');
    expect(markKind([queued, confident])).toBe('model');
    expect(markKind([queued, rule])).toBe('rule');
  });
});
