/**
 * Findings only the model makes are explained like a rule's: the nearest rule of the category that applies here
 * (its id, sources and better line), a quote that is exactly the trainee's words at [start, end), the model's
 * confidence and cues; below the confidence bar they are queued for a mentor and do not fail the call. Rules run on
 * the normalised line, and their findings still quote what the trainee typed.
 */
import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { Classifier } from '../../src/language/classifier.ts';
import { featureSet } from '../../src/language/features.ts';
import { normalize } from '../../src/language/normalize.ts';
import { trainModel } from '../../src/language/train.ts';
import { createEngine, loadRulePacks, scoreOf, type ScoringContext } from '../../src/scoring/index.ts';

// A pack of its own, so what the rules catch cannot change under the test: one threat rule that knows one word.
const PACK = `
pack: t
jurisdiction: any
title: {zh: 测试, en: test}
rules:
  - id: t-harm
    category: threat
    severity: critical
    message: {zh: 以伤害相威胁。, en: threatens harm.}
    better: {zh: 我们一起想办法。, en: let's find a way.}
    sources: [{clause: {zh: 'test source', en: 'test source'}, url: 'https://example.org', status: S}]
    patterns: {zh: ['刀子']}
    tests: {fires: [小心刀子], passes: [您好]}
  - id: t-other
    category: abuse
    severity: critical
    message: {zh: 辱骂。, en: abuse.}
    better: {zh: 请文明用语。, en: be civil.}
    sources: [{clause: {zh: 'other source', en: 'other source'}, url: 'https://example.org', status: S}]
    patterns: {zh: ['笨蛋']}
    tests: {fires: [笨蛋], passes: [您好]}
`;
const loaded = loadRulePacks([
  { file: 'test.yaml', text: PACK },
  ...readRuleFiles().filter((f) => f.file.endsWith('moves.yaml')),
]);
const ctx: Partial<ScoringContext> = { party: 'debtor', verified: true, stage: 'negotiation' };
const HEADS = ['cat:threat', 'move:request_promise', 'tone:polite', 'tone:neutral', 'tone:rude'];
const lines: Array<[string, number[]]> = [
  ['我们几个兄弟改天去你家坐坐', [1, 0, 0, 0, 1]],
  ['兄弟们最近正好在你家附近转转', [1, 0, 0, 0, 1]],
  ['改天找几个兄弟陪你聊聊', [1, 0, 0, 0, 1]],
  ['你家门口我们兄弟熟得很', [1, 0, 0, 0, 1]],
  ['您看周五之前能还上吗', [0, 1, 1, 0, 0]],
  ['请问您月底前能还多少呢', [0, 1, 1, 0, 0]],
  ['您的账单已经出了', [0, 0, 0, 1, 0]],
  ['好的我记下了', [0, 0, 0, 1, 0]],
];
const examples = lines.map(([t, y]) => ({
  features: featureSet(normalize(t, 'zh').text, 'zh', ctx),
  targets: Uint8Array.from(y),
}));
const model = trainModel('zh', HEADS, examples, { epochs: 40, learningRate: 0.3, minCount: 1 });
const engineWith = (m = model) => createEngine({ ...loaded, models: { zh: m } });

describe('model findings', () => {
  const line = '行，那我们过两天叫几个兄弟去你家门口坐坐。';
  const a = engineWith().assess(line, 'zh', ctx);
  const f = a.findings.find((x) => x.origin === 'model')!;

  it('name the nearest applicable rule of the category, with its sources and better line', () => {
    expect(f).toBeDefined();
    expect(f.category).toBe('threat');
    const rule = loaded.packs.flatMap((p) => p.rules).find((r) => r.id === f.rule)!;
    expect(rule.category).toBe('threat');
    expect(f.sources).toEqual(rule.sources);
    expect(f.better).toBe(rule.better.zh);
  });

  it('quote the trainee’s own words at their span, name the confidence and the cues', () => {
    expect(f.quote).toBe(line.slice(f.start, f.end));
    expect(f.quote).toContain('兄弟');
    expect(f.confidence).toBeGreaterThan(0.5);
    expect(f.message).toMatch(/模型判断，置信度 \d+%；依据：“/);
  });

  it('a line with a confident threat is never polite', () => {
    if (!f.review) expect(a.tone.label).toBe('rude');
  });

  it('below the confidence bar: queued for a mentor, not blocking', () => {
    // Shift the head's bias so this line scores 0.5: found, but with too little confidence to fail anyone.
    const head = HEADS.indexOf('cat:threat');
    const prob = new Classifier(model).score(normalize(line, 'zh').text, ctx)[head];
    const logit = Math.log(prob / (1 - prob));
    const doubtful = {
      ...model,
      bias: model.bias.map((b, i) => (i === head ? b - logit : b)),
      thresholds: model.thresholds.map((t, i) => (i === head ? 0.3 : t)),
    };
    const found = engineWith(doubtful)
      .assess(line, 'zh', ctx)
      .findings.filter((x) => x.origin === 'model');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((x) => x.review && x.confidence! < 0.8)).toBe(true);
    expect(scoreOf(found).blocker).toBe(false);
  });

  it('adds the moves the model hears, with the clause it heard them in', () => {
    const text = '这样吧，下礼拜一之前您能先把最低的那部分搞定不？';
    const move = engineWith()
      .assess(text, 'zh', ctx)
      .moves.find((m) => m.move === 'request_promise');
    expect(move).toBeDefined();
    expect(text.slice(move!.start, move!.end)).toBe(move!.evidence);
  });

  it('does not read quoted speech as the trainee’s own: a threat repeated in quotes is no model finding', () => {
    const own = engineWith().assess('我们几个兄弟改天去你家门口坐坐', 'zh', ctx);
    expect(own.findings.some((x) => x.origin === 'model')).toBe(true);
    const quoted = engineWith().assess('您说对方讲了“我们几个兄弟改天去你家门口坐坐”，这是不对的', 'zh', ctx);
    expect(quoted.findings.some((x) => x.origin === 'model')).toBe(false);
    expect(quoted.tone.label).not.toBe('rude');
  });

  it('a move rule resting on a move only the model heard is the model’s finding: confidence shown, below the bar reviewed', () => {
    const MOVE_PACK = `
pack: m
jurisdiction: any
title: {zh: 测试, en: test}
rules:
  - id: t-ask
    kind: move
    moves: [request_promise]
    category: premature_disclosure
    severity: major
    message: {zh: 过早催要。, en: too early.}
    better: {zh: 先核实身份。, en: verify first.}
    sources: [{clause: {zh: 测试来源, en: test source}, url: 'https://example.org', status: S}]
    tests: {fires: ['您看什么时候能还上这笔钱？'], passes: [您好]}
`;
    const withMove = loadRulePacks([
      { file: 'm.yaml', text: MOVE_PACK },
      ...readRuleFiles().filter((f) => /(moves|concepts)\.yaml$/.test(f.file)),
    ]);
    expect(withMove.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = '这样吧，下礼拜一之前您能先把最低的那部分搞定不？';
    const a = createEngine({ ...withMove, models: { zh: model } }).assess(text, 'zh', ctx);
    const move = a.moves.find((m) => m.move === 'request_promise')!;
    const f = a.findings.find((x) => x.rule === 't-ask')!;
    expect(move.confidence).toBeGreaterThan(0);
    expect(f).toMatchObject({ origin: 'model', confidence: move.confidence });
    expect(f.review === true).toBe(move.confidence! < 0.8);
    // A pattern that hears the move makes it the rule's own finding again.
    const b = createEngine({ ...withMove, models: { zh: model } }).assess('您看什么时候能还上这笔钱？', 'zh', ctx);
    expect(b.findings.find((x) => x.rule === 't-ask')).toMatchObject({ rule: 't-ask' });
    expect(b.findings.find((x) => x.rule === 't-ask')!.origin).toBeUndefined();
  });

  it('leaves a category alone when a rule of it already fired', () => {
    const found = engineWith()
      .assess('我们几个兄弟带着刀子去你家门口等你', 'zh', ctx)
      .findings.filter((x) => x.category === 'threat');
    expect(found).toHaveLength(1);
    expect(found[0].origin).toBeUndefined();
  });
});

describe('rules on the normalised line', () => {
  const rules = createEngine(loadRulePacks(readRuleFiles()));
  it.each([
    ['你再不还钱就等着坐 牢吧', '坐 牢'],
    ['你再不還錢就等著坐牢吧', '坐牢'],
    ['你再不还钱就等着zuolao吧', 'zuolao'],
  ])('%s is flagged and quoted as typed', (text, typed) => {
    const f = rules.assess(text, 'zh', ctx).findings.find((x) => x.category === 'misrepresentation');
    expect(f?.quote).toContain(typed);
    expect(text.slice(f!.start, f!.end)).toBe(f!.quote);
  });
});
