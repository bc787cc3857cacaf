/** The noisy copy of the test split: deterministic per line, really noisy, never empty. */
import { describe, expect, it } from 'vitest';
import { addNoise } from '../../src/corpus/noise.ts';

const zh = [
  '你再不还钱，我们就报警了。',
  '请问是孙浩先生本人吗？',
  '您好，我是信用卡中心的王经理，工号1024。',
  '这周五之前能先还最低还款吗？',
];
const en = [
  'If you do not pay today we will take you to court.',
  'Is this Maria Lopez?',
  'Could you call me back at 800-555-0142?',
];

describe('addNoise', () => {
  it('gives the same noisy line for the same id and seed, and another for another seed', () => {
    expect(addNoise('zh-1', zh[0], 'zh')).toBe(addNoise('zh-1', zh[0], 'zh'));
    const seeds = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => addNoise('en-1', en[0], 'en', s)));
    expect(seeds.size).toBeGreaterThan(2);
  });

  it('changes every line, in both languages, without emptying it', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `id-${i}`);
    for (const [lang, texts] of [
      ['zh', zh],
      ['en', en],
    ] as const) {
      const changed = ids.filter((id, i) => addNoise(id, texts[i % texts.length], lang) !== texts[i % texts.length]);
      expect(changed).toHaveLength(ids.length);
      for (const id of ids) expect(addNoise(id, texts[0], lang).length).toBeGreaterThan(0);
    }
  });

  it('uses several kinds of noise across a split', () => {
    const outs = Array.from({ length: 60 }, (_, i) => addNoise(`zh-${i}`, zh[0], 'zh'));
    expect(outs.some((o) => /[還錢們報]/.test(o))).toBe(true); // traditional characters
    expect(outs.some((o) => /[，。]/.test(o) === false || /[,.]/.test(o))).toBe(true); // half-width marks
    expect(outs.some((o) => /\p{Extended_Pictographic}/u.test(o))).toBe(true); // emoji
  });
});
