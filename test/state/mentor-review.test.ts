import { describe, expect, it } from 'vitest';
import type { Assessment, Finding } from '../../src/scoring/types.ts';
import {
  awaitingCount,
  awaitingOn,
  buildAttemptReview,
  listedAttempts,
  overrulableRules,
  type AttemptReviewData,
} from '../../src/state/mentor-review.ts';
import type { Override, Turn } from '../../src/storage/index.ts';
import { summarizeFindings } from '../../src/storage/summary.ts';

const assessment = (findings: Finding[]): Assessment => ({
  findings,
  tone: { label: 'neutral', score: 60, reasons: [] },
  moves: [],
  elements: [],
});
const rule: Finding = {
  rule: 'gp-pressure',
  category: 'misrepresentation',
  severity: 'major',
  start: 0,
  end: 2,
  quote: '马上',
  message: 'm',
  better: 'b',
  sources: [],
};
const queued: Finding = {
  rule: 'cn-violence-threat',
  category: 'threat',
  severity: 'critical',
  start: 2,
  end: 6,
  quote: '后果自负',
  message: 'm',
  better: 'b',
  sources: [],
  origin: 'model',
  confidence: 0.7,
  review: true,
};
const turn = (index: number, findings: Finding[]): Turn =>
  ({
    attemptId: 'a',
    index,
    speaker: 'trainee',
    text: '马上后果自负',
    assessment: assessment(findings),
  }) as unknown as Turn;
const override = (id: string, action: Override['action'], at: number): Override =>
  ({
    id,
    attemptId: 'a',
    reviewId: 'r',
    turnIndex: 0,
    action,
    rule: queued.rule,
    category: 'threat',
    severity: 'critical',
    reason: '理由',
    by: '李老师',
    at,
  }) as Override;
const data = (overrides: Override[], missed: { turn: number; nodeId: string; element: string }[] = []) =>
  ({ attempt: { missed }, turns: [turn(0, [rule, queued])], overrides }) as unknown as AttemptReviewData;

describe('the review view of missed elements', () => {
  it('offers each missed element of a line for credit until a mentor credits it', () => {
    const missed = [
      { turn: 0, nodeId: 'n0', element: 'purpose' },
      { turn: 0, nodeId: 'n0', element: 'staff_number' },
    ];
    expect(buildAttemptReview(data([], missed)).lines[0].missed).toEqual(['purpose', 'staff_number']);
    const credit = {
      ...override('o1', 'credit', 1),
      rule: 'purpose',
      category: 'script',
      severity: 'minor',
    } as Override;
    const after = buildAttemptReview(data([credit], missed));
    expect(after.lines[0].missed).toEqual(['staff_number']);
    expect(after.lines[0].corrections).toEqual([{ override: credit, kind: 'credit', original: null }]);
    expect(after.lines[0].findings).toEqual([rule, queued]);
  });
});

describe('the review view of findings awaiting review', () => {
  it('queues them, offers a decision instead of an overrule, and names each correction', () => {
    const before = buildAttemptReview(data([]));
    expect(before.queue).toEqual([{ turnIndex: 0, finding: queued }]);
    expect(awaitingOn(before.lines[0])).toEqual([queued]);
    expect(overrulableRules(before.lines[0]).map((f) => f.rule)).toEqual(['gp-pressure']);

    const after = buildAttemptReview(data([override('o1', 'add', 1)]));
    expect(after.queue).toEqual([]);
    expect(after.kinds).toEqual({ o1: 'confirm' });
    expect(after.lines[0].corrections).toEqual([
      { override: override('o1', 'add', 1), kind: 'confirm', original: queued },
    ]);
    expect(overrulableRules(after.lines[0]).map((f) => f.rule)).toEqual(['gp-pressure', 'cn-violence-threat']);

    expect(buildAttemptReview(data([override('o2', 'overrule', 1)])).kinds).toEqual({ o2: 'dismiss' });
  });

  it('counts them per call in the finding summary and filters the attempt list on them', () => {
    const summary = summarizeFindings([turn(0, [rule, queued])]);
    expect(summary.awaitingReview).toBe(1);
    expect('awaitingReview' in summarizeFindings([turn(0, [rule])])).toBe(false);
    const attempts = [
      { id: '1', profileId: 'p', findings: summary },
      { id: '2', profileId: 'q', findings: summarizeFindings([turn(0, [rule])]) },
      { id: '3', profileId: 'p', findings: null },
    ];
    expect(attempts.map(awaitingCount)).toEqual([1, 0, 0]);
    expect(listedAttempts(attempts, '', false).map((a) => a.id)).toEqual(['1', '2', '3']);
    expect(listedAttempts(attempts, '', true).map((a) => a.id)).toEqual(['1']);
    expect(listedAttempts(attempts, 'q', true)).toEqual([]);
    expect(listedAttempts(attempts, 'p', false).map((a) => a.id)).toEqual(['1', '3']);
  });
});
