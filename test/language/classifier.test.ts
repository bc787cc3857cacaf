/**
 * The on-device classifier: training is deterministic, a trained head generalises to unseen wording that shares its
 * n-grams, negation scope keeps a denial apart from the threat, evidence points at the clause and words that
 * decided, and a model of another format is refused.
 */
import { describe, expect, it } from 'vitest';
import {
  Classifier,
  clauseSpans,
  decodeFeatures,
  decodeWeights,
  encodeFeatures,
  encodeWeights,
  MODEL_FORMAT,
  type ModelData,
} from '../../src/language/classifier.ts';
import { featureSet, negationMask, spellingCues } from '../../src/language/features.ts';
import { normalize } from '../../src/language/normalize.ts';
import { codebook, trainModel } from '../../src/language/train.ts';
import { LEVELS } from '../../src/language/packing.ts';

const HEADS = ['cat:threat', 'tone:polite'];
const ctx = { party: 'debtor' as const, verified: true, stage: 'negotiation' };
const threat = [
  '你再不还钱我们就报警抓你',
  '不还就让警察上门抓人',
  '等着坐牢吧你',
  '我们马上报警让你坐牢',
  '警察明天就上门抓你',
  '你这是犯罪要坐牢的',
];
const polite = [
  '您好请问您方便说话吗',
  '谢谢您的配合祝您生活愉快',
  '麻烦您核对一下身份信息',
  '请您在周五前还款可以吗',
  '不好意思打扰您了',
  '我们不会上门也不会报警请您放心',
];
const examples = [
  ...threat.map((t) => ({ features: featureSet(normalize(t, 'zh').text, 'zh', ctx), targets: Uint8Array.of(1, 0) })),
  ...polite.map((t) => ({ features: featureSet(normalize(t, 'zh').text, 'zh', ctx), targets: Uint8Array.of(0, 1) })),
];
const options = { epochs: 30, learningRate: 0.3, minCount: 1 };
const model = trainModel('zh', HEADS, examples, options);
const clf = new Classifier(JSON.parse(JSON.stringify(model)) as ModelData);
const p = (text: string) => clf.score(normalize(text, 'zh').text, ctx).slice();

describe('trainModel', () => {
  it('is deterministic: the same examples give the same weights', () => {
    expect(trainModel('zh', HEADS, examples, options)).toEqual(model);
  });

  it('stores 4-bit codebook weights per head, packed, and reads them back exactly', () => {
    expect(model.format).toBe(MODEL_FORMAT);
    model.weights.forEach((packed, h) => {
      expect(model.levels[h]).toHaveLength(LEVELS);
      expect([...model.levels[h]].sort((a, b) => a - b)).toEqual(model.levels[h]);
      for (const [, q] of decodeWeights(packed)) expect(Math.abs(q)).toBeGreaterThanOrEqual(1);
      for (const [, q] of decodeWeights(packed)) expect(Math.abs(q)).toBeLessThanOrEqual(LEVELS);
    });
    // Gaps below 15 fit in the byte; longer ones (and the first index past 15) spill into a varint.
    const pairs: Array<[number, number]> = [
      [0, 5],
      [1, -8],
      [16, 8],
      [300, -1],
      [70000, 3],
      [70001, -2],
    ];
    expect(decodeWeights(encodeWeights(pairs))).toEqual(pairs);
    expect(() => encodeWeights([[0, 9]])).toThrow(/code/);
    expect(() => encodeWeights([[0, 0]])).toThrow(/code/);
    expect(() =>
      encodeWeights([
        [3, 1],
        [2, 1],
      ]),
    ).toThrow(/ascending/);
    expect([...decodeFeatures(encodeFeatures([0, 1, 123456789, 0xffffffff]))]).toEqual([0, 1, 123456789, 0xffffffff]);
  });

  it('fits each codebook to its weights: levels sit among the magnitudes they stand for', () => {
    const magnitudes = [0.1, 0.11, 0.12, 0.5, 0.52, 1, 1.1, 2, 2.2, 4, 4.4, 8, 9, 16, 18, 30];
    const levels = codebook(magnitudes);
    expect(levels).toHaveLength(LEVELS);
    expect(levels[0]).toBeGreaterThanOrEqual(0.1);
    expect(levels[0]).toBeLessThan(0.2);
    expect(levels[LEVELS - 1]).toBeGreaterThan(15);
    expect(codebook(magnitudes)).toEqual(levels);
  });
});

describe('Classifier', () => {
  it('scores unseen wording that shares the training lines’ grams', () => {
    expect(p('再拖下去警察会来抓你去坐牢')[0]).toBeGreaterThan(0.7);
    expect(p('您好，麻烦您确认一下，谢谢')[1]).toBeGreaterThan(0.7);
    expect(p('您好，麻烦您确认一下，谢谢')[0]).toBeLessThan(0.3);
  });

  it('reads features under a negation as negated', () => {
    const mask = negationMask('我们不会上门，明天就上门', 'zh');
    expect([...mask.slice(0, 4)]).toEqual([0, 0, 0, 0]);
    expect([...mask.slice(4, 6)]).toEqual([1, 1]);
    expect(mask[10]).toBe(0);
    // The condition's negation ends where its main clause starts.
    const cond = negationMask("if you don't pay we will arrest you", 'en');
    expect(cond["if you don't pay we will arrest you".indexOf('arrest')]).toBe(0);
  });

  it('points at the clause that decided and names its strongest words', () => {
    const text = normalize('您好，我们下周就报警抓你，谢谢', 'zh').text;
    clf.score(text, ctx);
    const ev = clf.evidence(text, ctx, [0]).get(0)!;
    expect(text.slice(ev.start, ev.end)).toBe('我们下周就报警抓你');
    expect(ev.cues.length).toBeGreaterThan(0);
    for (const cue of ev.cues) expect(text.slice(ev.start, ev.end)).toContain(cue);
  });

  it('refuses a model of another format', () => {
    expect(() => new Classifier({ ...model, format: 1 as unknown as typeof MODEL_FORMAT })).toThrow(/format/);
  });

  it('splits clauses at marks and trims spaces', () => {
    expect(clauseSpans(' a, b. c')).toEqual([
      { start: 1, end: 2 },
      { start: 4, end: 5 },
      { start: 7, end: 8 },
    ]);
  });

  it('notices shouting and stacked marks in the trainee’s own spelling', () => {
    expect(spellingCues('PAY IT NOW OR ELSE')).toHaveLength(1);
    expect(spellingCues('还不还？？')).toHaveLength(1);
    expect(spellingCues('Could you pay by Friday?')).toHaveLength(0);
  });
});
