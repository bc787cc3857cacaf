/**
 * Random and adversarial lines: normalize never throws, its maps always hold (see invariants.ts), and its cost grows
 * linearly with the line. Inputs come from a seeded generator, so a failure names a seed that reproduces it.
 */
import { describe, expect, it } from 'vitest';
import { normalize, originalSpan } from '../../src/language/index.ts';
import type { Lang } from '../../src/language/types.ts';
import { randomStream } from '../../src/machines/rng.ts';
import { checkMaps } from './invariants.ts';

const rng = randomStream;

/** Pools the generator draws from, weighted towards what the passes look at. */
const POOLS = [
  'abcdefghijklmnopqrstuvwxyzAEIOUSB',
  "0123456789$@!*'",
  ' .,-_/·*~|:;?!\n\t',
  '坐牢警察法院做发冻洁好谢滚你要了，。！？：；…',
  '員準帳戶單裡為麵著',
  'ＰＯＬＩＣＥ＊　，．１２',
  'zuolaojingchasbtmdnmd',
  '\u200b\u200d\ufeff\u202e\u0000\u0007\u001b\u00ad\u0301\ufe0f\u20e3',
  '😡👮🏽‍♂️🇺🇸❤️1️⃣',
];

function randomChar(r: () => number): string {
  const pick = r();
  if (pick < 0.08) return String.fromCharCode(Math.floor(r() * 0x10000)); // any unit, lone surrogates included
  if (pick < 0.12) return String.fromCodePoint(Math.floor(r() * 0x10ffff));
  const pool = Array.from(POOLS[Math.floor(r() * POOLS.length)]);
  return pool[Math.floor(r() * pool.length)];
}

function randomLine(r: () => number, length: number): string {
  let s = '';
  while (s.length < length) s += randomChar(r);
  return s;
}

describe('normalize on random lines', () => {
  it('never throws and keeps its maps monotone, in bounds and on character boundaries (2,000 lines)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const r = rng(seed);
      const length = seed % 200 === 0 ? 20_000 : Math.floor(r() * 120);
      const line = randomLine(r, length);
      for (const lang of ['zh', 'en'] as Lang[]) {
        const n = normalize(line, lang);
        const problems = checkMaps(n, line);
        if (problems.length) expect.fail(`seed ${seed} (${lang}): ${problems.join('; ')}`);
        const span = originalSpan(n, 0, n.text.length);
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeLessThanOrEqual(line.length);
      }
    }
  });
});

describe('originalSpan', () => {
  it('maps empty and out-of-range spans without throwing', () => {
    const n = normalize('坐 牢', 'zh');
    expect(originalSpan(n, 0, 0)).toEqual({ start: 0, end: 0 });
    expect(originalSpan(n, 2, 2)).toEqual({ start: 3, end: 3 });
    expect(originalSpan(n, -5, 99)).toEqual({ start: 0, end: 3 });
    expect(originalSpan(normalize('', 'en'), 0, 0)).toEqual({ start: 0, end: 0 });
    expect(originalSpan(normalize('😡', 'en'), 0, 0)).toEqual({ start: 0, end: 0 });
  });
});

/** Minimum time of `reps` runs, in ms. */
function timeOf(line: string, lang: Lang, reps: number): number {
  let best = Infinity;
  for (let k = 0; k < reps; k++) {
    const t = performance.now();
    normalize(line, lang);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** Builds a line of about `length` units by repeating `unit`. */
const repeat = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

describe('normalize cost grows linearly', () => {
  // Lines built to hit each pass's look-ahead: separator runs, spelled letters, syllable chains, token scans.
  const shapes: [string, (n: number) => string, Lang][] = [
    ['random text', (n) => randomLine(rng(7), n), 'zh'],
    ['random text', (n) => randomLine(rng(7), n), 'en'],
    ['a separator run that ends in a letter', (n) => '坐' + ' '.repeat(n - 2) + 'x', 'zh'],
    ['separated Chinese characters', (n) => repeat('坐 ', n), 'zh'],
    ['one long stretched run', (n) => 'a'.repeat(n), 'en'],
    ['spelled-out letters', (n) => repeat('a ', n), 'en'],
    ['pairs of spelled letters', (n) => repeat('a b, ', n), 'en'],
    ['pinyin syllable chains', (n) => repeat('zuo ', n), 'zh'],
    ['one huge leet token', (n) => repeat('a1$', n), 'en'],
    ['one huge masked token', (n) => 'f' + '*'.repeat(n - 1), 'en'],
    ['an address chunk', (n) => 'x@y.' + 'a'.repeat(n - 4), 'en'],
    ['variant prefixes that fail', (n) => repeat('他妈他', n), 'zh'],
  ];
  for (const [name, make, lang] of shapes) {
    it(`${name} (${lang})`, () => {
      const small = make(2_500);
      const large = make(20_000);
      timeOf(large, lang, 3); // warm up the JIT
      // 8× the length: linear is ~8, quadratic ~64. Other processes share the two cores, so a noisy attempt is
      // retried: a quadratic pass fails every attempt, a stall fails one.
      let best = Infinity;
      for (let attempt = 0; attempt < 4 && best >= 24; attempt++)
        best = Math.min(best, timeOf(large, lang, 5) / Math.max(timeOf(small, lang, 5), 0.01));
      expect(best).toBeLessThan(24);
    });
  }
});
