/**
 * Bad input gets an answer, in bounded time, from the engine the app ships (rules, normalisation and models):
 * empty and control-only lines, lone surrogates, emoji soup, 20,000-character lines. Time is checked as a ratio
 * (a line eight times longer may cost about eight times as much, never the square), not against a clock.
 */
import { describe, expect, it } from 'vitest';
import { readModels } from '../../src/cli/engine-node.ts';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { createEngine, loadRulePacks, type Lang } from '../../src/scoring/index.ts';

const engine = createEngine({ ...loadRulePacks(readRuleFiles()), models: readModels() });
const ctx = { party: 'debtor' as const, verified: false, stage: 'negotiation' as const };

function random(n: number, seed: number): string {
  let s = seed;
  let out = '';
  while (out.length < n) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const pick = s % 6;
    out +=
      pick === 0
        ? String.fromCharCode(0x4e00 + ((s >>> 8) % 20000))
        : pick === 1
          ? String.fromCharCode(s % 128)
          : pick === 2
            ? '\ud83d'
            : pick === 3
              ? '，'
              : pick === 4
                ? ' '
                : String.fromCodePoint(0x1f600 + (s % 60));
  }
  return out.slice(0, n);
}

const cases: Array<[string, string]> = [
  ['empty', ''],
  ['controls only', '\u0000\u0001\u0007\u001b\u007f'],
  ['lone surrogates', '\ud800\udc00\udfff\ud83d'],
  ['emoji only', '😡😡😡🔪🔪👮‍♂️'],
  ['zero-width inside words', '坐\u200b牢 a\u200drrest'],
  ['random 20,000', random(20000, 7)],
];

describe('bad input', () => {
  for (const lang of ['zh', 'en'] as Lang[])
    for (const [name, text] of cases)
      it(`${lang}: ${name} gets an answer whose spans quote the line`, () => {
        const a = engine.assess(text, lang, ctx);
        for (const f of a.findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeLessThanOrEqual(text.length);
          expect(f.quote).toBe(text.slice(f.start, f.end));
        }
        for (const m of a.moves) expect(m.evidence).toBe(text.slice(m.start, m.end));
        expect(['polite', 'neutral', 'rude']).toContain(a.tone.label);
      });

  // Silence is not speech: the classifiers' priors and the context alone once made an empty line "confirm a promise"
  // and "ask for a private account".
  const silent = ['', '   ', '\u0000\u0007', '😡😡🙏', '……！？', '\u200b'];
  for (const lang of ['zh', 'en'] as Lang[])
    for (const party of ['debtor', 'third_party'] as const)
      it(`${lang}: a line without a word performs no move and breaks no rule (${party})`, () => {
        for (const text of silent) {
          const a = engine.assess(text, lang, { ...ctx, party, verified: party === 'debtor' });
          expect({ text, moves: a.moves, findings: a.findings.filter((f) => f.category !== 'tone') }).toEqual({
            text,
            moves: [],
            findings: [],
          });
        }
      });

  // Shapes that make a backtracking matcher or a windowed search work hardest.
  const shapes: Array<[Lang, string]> = [
    ['zh', '我是警察你不还钱就坐牢 '],
    ['zh', '不 会 上 门，'],
    ['zh', '我我我我'],
    ['en', "if you don't pay we will "],
    ['en', 'a r r e s t '],
    ['en', 'the police the court '],
  ];
  it.each(shapes)('%s: %j repeated scales linearly', (lang, unit) => {
    const cost = (n: number) => {
      const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        engine.assess(text, lang, ctx);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    cost(5000);
    const ratio = cost(40000) / Math.max(cost(5000), 0.05);
    // Linear is about 8; quadratic would be about 64.
    expect(ratio).toBeLessThan(24);
  });
});
