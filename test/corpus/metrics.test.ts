/** The evaluation's arithmetic on a hand-made set whose figures can be checked on paper. */
import { describe, expect, it } from 'vitest';
import type { CorpusLine } from '../../src/corpus/corpus.ts';
import { evaluate, headline, type Prediction } from '../../src/corpus/metrics.ts';

const line = (id: string, violations: string[], moves: string[], tone: CorpusLine['tone']): CorpusLine => ({
  id,
  lang: 'zh',
  text: id,
  context: { party: 'debtor', verified: true, stage: 'negotiation' },
  violations: violations as CorpusLine['violations'],
  moves,
  tone,
  source: 't',
  method: 'written',
  file: 'f',
  line: 1,
});

const lines = [
  line('a', ['threat'], ['threaten'], 'rude'),
  line('b', ['threat', 'abuse'], [], 'rude'),
  line('c', [], ['greet', 'verify_identity'], 'polite'),
  line('d', [], ['verify_identity'], 'neutral'),
];
const said: Record<string, Prediction> = {
  a: { violations: ['threat'], moves: ['threaten'], tone: 'rude' },
  b: { violations: ['abuse'], moves: [], tone: 'neutral' },
  c: { violations: ['privacy'], moves: ['greet'], tone: 'polite' },
  d: { violations: [], moves: ['verify_identity', 'close'], tone: 'neutral' },
};
const report = evaluate(lines, (l) => said[l.id], ['greet', 'verify_identity', 'threaten', 'close']);

describe('evaluate', () => {
  it('counts violations per category and micro-averaged', () => {
    expect(report.violations.byCategory.threat).toMatchObject({
      tp: 1,
      fp: 0,
      fn: 1,
      precision: 1,
      recall: 0.5,
      support: 2,
    });
    expect(report.violations.byCategory.privacy).toMatchObject({ tp: 0, fp: 1, fn: 0, support: 0 });
    expect(report.violations.micro).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(report.violations.micro.precision).toBeCloseTo(2 / 3);
  });

  it('reports the share of clean lines flagged', () => {
    expect(report.violations).toMatchObject({ cleanLines: 2, cleanFlagged: 1, cleanFalseFlagRate: 0.5 });
  });

  it('scores tone with a confusion table and moves micro-F1', () => {
    expect(report.tone.accuracy).toBe(0.75);
    expect(report.tone.confusion.rude).toEqual({ rude: 1, neutral: 1 });
    expect(report.moves.micro).toMatchObject({ tp: 3, fp: 1, fn: 1 });
    expect(report.moves.micro.f1).toBeCloseTo(0.75);
  });

  it('lists what was missed and falsely said', () => {
    expect(report.misses.map((m) => `${m.id} ${m.what}`)).toEqual([
      'b missed threat',
      'b tone rude→neutral',
      'c false privacy',
    ]);
  });

  it('flattens the figures a CI threshold can name', () => {
    const h = headline(report);
    expect(h.violation_recall).toBeCloseTo(2 / 3);
    expect(h['recall.threat']).toBe(0.5);
    expect(h).not.toHaveProperty('recall.privacy');
  });
});
