import { describe, expect, it } from 'vitest';
import { checkPattern, MAX_PATTERN_LENGTH } from '../../src/scoring/safe-regex.ts';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { loadRulePacks } from '../../src/scoring/index.ts';
import { compilePatterns } from '../../src/scoring/matcher.ts';

describe('checkPattern rejects patterns that can hang the page', () => {
  it.each([
    ['(a+)+$', 'nested_quantifier'],
    ['(a*)*b', 'nested_quantifier'],
    ['(?:\\w+\\s?)*x', 'nested_quantifier'],
    ['(?:[^，]{0,10}x){1,5}', 'nested_quantifier'],
    ['(a|a)*b', 'ambiguous_alternation'],
    ['(?:ab|ac)+', 'ambiguous_alternation'],
    ['(?:\\d|,)+', 'ambiguous_alternation'],
    ['(?:x?a|a)+$', 'ambiguous_alternation'],
    ['(?:(?:xy)?a|a)+$', 'ambiguous_alternation'],
    ['.*.*.*.*.*=', 'polynomial_repetition'],
    ['[^，]*x[^。]+y', 'polynomial_repetition'],
    ['\\S+\\s\\S+=', 'polynomial_repetition'],
    ['(?:a|.*x).*y', 'polynomial_repetition'],
    ['(a)\\1', 'backreference'],
    ['(?<x>a)\\k<x>', 'backreference'],
    ['(?<=a+)b', 'unbounded_lookbehind'],
    ['(?<!\\s*)b', 'unbounded_lookbehind'],
    ['x'.repeat(MAX_PATTERN_LENGTH + 1), 'pattern_too_long'],
    ['(abc', 'invalid_pattern'],
    ['[z-a]', 'invalid_pattern'],
  ])('%s → %s', (source, code) => {
    expect(checkPattern(source)?.code).toBe(code);
  });

  it('points at the offending group', () => {
    expect(checkPattern('abc(d+)+')?.index).toBe(3);
  });
});

describe('checkPattern accepts the shapes rule authors need', () => {
  it.each([
    '我是[^，。！？]{0,10}(?<hit>警察|法院)',
    '(?:你|您)(?:这种|这个)?(?<hit>老赖|骗子)',
    '(?<![\\p{L}\\p{N}_])arrest(?:ed)?',
    '(?:ab|cd)+',
    '\\$\\s?\\d[\\d,.]*',
    'a{2}(?:b|c)',
    '[(+*]x',
    'why (?:haven|didn)[\\x27’]t',
    '(?:xa|a)+',
    '[^，]{0,10}x[^。]*y',
    'scam\\w*|fraud\\w*|.*x',
    'this is \\w+(?: \\w+)?',
  ])('%s', (source) => {
    expect(checkPattern(source)).toBeUndefined();
  });
});

describe('every shipped pattern stays fast on hostile input', () => {
  const { packs, moves } = loadRulePacks(readRuleFiles());
  const sources = [...packs.flatMap((p) => [...p.rules, ...p.markers]), ...moves];
  const hostile = {
    zh: ['我是'.repeat(2000), '你'.repeat(4000) + '！', '不'.repeat(4000), '欠'.repeat(4000)],
    en: ['I am '.repeat(800), 'a'.repeat(4000) + '!', "don't ".repeat(600), '$1,'.repeat(1300)],
  };
  for (const lang of ['zh', 'en'] as const)
    it(`${lang}: ${sources.length} pattern sets under 200 ms in total on 4 kB lines`, () => {
      const compiled = sources.flatMap((s) =>
        compilePatterns((s as { patterns: Record<string, string[]> }).patterns, lang),
      );
      const run = () => {
        for (const text of hostile[lang])
          for (const p of compiled) {
            p.re.lastIndex = 0;
            p.re.test(text);
          }
      };
      run(); // V8 compiles each RegExp on first use; the property under test is matching time
      const t0 = performance.now();
      run();
      expect(performance.now() - t0).toBeLessThan(200);
    });
});
