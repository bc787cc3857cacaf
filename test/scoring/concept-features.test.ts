/**
 * The classifiers read the lexicon's concepts as features: what a model learns from one form of a concept carries
 * to forms it never saw in training, a concept under negation reads differently from the concept asserted, and an
 * engine refuses a model whose concepts it cannot supply (it would silently read less than it learnt from).
 */
import { describe, expect, it } from 'vitest';
import { Classifier } from '../../src/language/classifier.ts';
import { conceptHash, featureSet, ruleMoveHash } from '../../src/language/features.ts';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { trainModel } from '../../src/language/train.ts';
import { createEngine, loadRulePacks, type ScoringContext } from '../../src/scoring/index.ts';

const CONCEPTS = `
concepts:
  police:
    zh: [警察, 派出所, 公安, 巡捕房]
    en: ['\\bpolice\\b', '\\bcops?\\b', '\\bsheriff\\b']
  money:
    zh: [钱, 欠款]
    en: ['\\bmoney\\b']
`;
const PACK = `
pack: t
jurisdiction: any
title: {zh: 测试, en: test}
rules: []
`;
const loaded = loadRulePacks([
  { file: 'concepts.yaml', text: CONCEPTS },
  { file: 'pack.yaml', text: PACK },
]);
const ctx: Partial<ScoringContext> = { party: 'debtor', verified: true, stage: 'negotiation' };
const engine = createEngine(loaded);

function fit(lang: 'zh' | 'en', lines: Array<[string, number]>) {
  const examples = lines.map(([text, y]) => {
    const x = engine.modelInput(text, lang, ctx);
    return { features: featureSet(x.text, lang, x.ctx, x.extra, x.marks), targets: Uint8Array.of(y) };
  });
  return {
    ...trainModel(lang, ['cat:threat'], examples, { epochs: 60, learningRate: 0.3, minCount: 1 }),
    concepts: ['money', 'police'],
  };
}

/** The threat probability a model trained on `lines` gives a line, read as the engine reads it. */
function threatScorer(lang: 'zh' | 'en', lines: Array<[string, number]>) {
  const clf = new Classifier(fit(lang, lines));
  return (text: string) => {
    const x = engine.modelInput(text, lang, ctx);
    return clf.score(x.text, x.ctx, x.extra, x.marks)[0];
  };
}

describe('concept features', () => {
  it('the loader hands the lexicon on, and modelInput marks each concept where it was heard', () => {
    expect(Object.keys(loaded.concepts).sort()).toEqual(['money', 'police']);
    const x = engine.modelInput('再不还钱，巡捕房见', 'zh', ctx);
    const police = x.marks.find((m) => m.hash === conceptHash('police'))!;
    expect(x.text.slice(police.start, police.end)).toBe('巡捕房');
    expect(x.marks.some((m) => m.hash === conceptHash('money'))).toBe(true);
  });

  it('a form never seen in training scores like the forms that were (zh and en)', () => {
    const score = threatScorer('zh', [
      ['你等着警察来找你', 1],
      ['明天警察就到', 1],
      ['派出所已经备案了你等着', 1],
      ['您看周五能处理吗', 0],
      ['好的我记下了', 0],
      ['麻烦您核对一下信息', 0],
    ]);
    // 巡捕房 appears in no training line; only the concept links it to 警察 and 派出所.
    expect(score('巡捕房那边')).toBeGreaterThan(score('那边'));

    const enScore = threatScorer('en', [
      ['the police will be at your door', 1],
      ['cops are on the way', 1],
      ['police know about this', 1],
      ['can you pay on friday', 0],
      ['thanks for your time', 0],
      ['let me note that down', 0],
    ]);
    expect(enScore('the sheriff then')).toBeGreaterThan(enScore('the weekend then'));
  });

  it('a concept under negation is a different feature from the concept asserted', () => {
    const said = engine.modelInput('警察会来', 'zh', ctx);
    const denied = engine.modelInput('不会有警察来', 'zh', ctx);
    const has = (x: typeof said) => featureSet(x.text, 'zh', x.ctx, x.extra, x.marks).includes(conceptHash('police'));
    expect(has(said)).toBe(true);
    expect(has(denied)).toBe(false);
  });

  it("the move patterns' hits are features too, where the patterns heard them (stacking)", () => {
    const shipped = createEngine(loadRulePacks(readRuleFiles()));
    const x = shipped.modelInput('您好，请问是孙浩先生吗？', 'zh', {
      party: 'debtor',
      verified: false,
      stage: 'opening',
    });
    const greet = x.marks.find((m) => m.hash === ruleMoveHash('greet'))!;
    expect(x.text.slice(greet.start, greet.end)).toBe('您好');
    expect(x.marks.some((m) => m.hash === ruleMoveHash('verify_identity'))).toBe(true);
    expect(x.marks.some((m) => m.hash === ruleMoveHash('disclose_debt'))).toBe(false);
  });

  it('an engine without the concepts a model was trained with refuses it, naming them', () => {
    const model = fit('zh', [
      ['警察', 1],
      ['您好', 0],
    ]);
    expect(() => createEngine({ packs: loaded.packs, moves: loaded.moves, models: { zh: model } })).toThrow(
      /money, police.*npm run train/,
    );
    expect(() => createEngine({ ...loaded, models: { zh: model } })).not.toThrow();
  });
});
