import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { loadRulePacks } from '../../src/scoring/index.ts';
import { compilePatterns, indexAnchors } from '../../src/scoring/matcher.ts';
import { normalize } from '../../src/language/normalize.ts';
import { AnchorIndex, requiredLiterals } from '../../src/scoring/prefilter.ts';
import { buildCorpus } from '../../bench/scoring-corpus.ts';

describe('requiredLiterals', () => {
  it.each([
    ['坐牢|判刑', ['坐牢', '判刑']],
    ['(?:我是|我们是)[^，]{0,10}(?<hit>警察|法院)', ['我是', '我们是']],
    ['(?:我|我们)是[^，]{0,10}(?<hit>警察|法院)', ['警察', '法院']],
    ['colou?r', ['colo']],
    ['don[\\x27’]t worry', ['t worry']],
    ['you[\\x27’]ll regret', ['ll regret']],
    ['\\$\\s?\\d+', ['$']],
    ['(?<![a-z])(?:arrest(?:ed)?)(?![a-z])', ['arrest']],
    ['(?:ab)+c', ['ab']],
  ])('%s → %j', (source, anchors) => {
    expect(requiredLiterals(source)?.sort()).toEqual([...anchors].sort());
  });
  it.each(['a?b?', '\\w+ bank|[0-9]+', '(?:x|)', '.*'])('%s has no anchor set', (source) => {
    expect(requiredLiterals(source)).toBeUndefined();
  });
});

describe('AnchorIndex', () => {
  it('finds overlapping and nested anchors in one pass', () => {
    const index = new AnchorIndex(['he', 'she', 'his', 'hers', 'owe', 'owed']);
    expect([...index.scan('ushers owed')]).toEqual([1, 1, 0, 1, 1, 1]);
    expect([...index.scan('')]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('the prefilter never hides a real match', () => {
  const { packs, moves } = loadRulePacks(readRuleFiles());
  const defs = [...packs.flatMap((p) => [...p.rules, ...p.markers]), ...moves] as Array<{
    patterns: Record<string, string[]>;
  }>;
  const lines = [
    ...buildCorpus(300).map((l) => ({ lang: l.lang, text: l.text })),
    ...packs
      .flatMap((p) => p.rules.flatMap((r) => [...r.tests.fires, ...r.tests.passes]))
      .map((l) => ({ lang: /[\u3400-\u9fff]/.test(l.text) ? ('zh' as const) : ('en' as const), text: l.text })),
  ];
  for (const lang of ['zh', 'en'] as const)
    it(`${lang}: every matching pattern has an anchor present`, () => {
      const compiled = defs.flatMap((d) => compilePatterns(d.patterns, lang));
      const index = indexAnchors(compiled);
      let checked = 0;
      for (const { text } of lines.filter((l) => l.lang === lang)) {
        const subject = normalize(text, lang).text;
        const present = index.scan(subject);
        for (const p of compiled) {
          p.re.lastIndex = 0;
          if (!p.re.test(subject)) continue;
          checked++;
          if (p.anchorIds)
            expect(
              p.anchorIds.some((id) => present[id]),
              `${p.re.source} on ${text}`,
            ).toBe(true);
        }
      }
      expect(checked).toBeGreaterThan(100);
    });
});

describe('prefilter anchors shipped by the build', () => {
  it('an engine built with the table judges every line exactly as one that analysed the patterns itself', async () => {
    const { createEngine } = await import('../../src/scoring/index.ts');
    const loaded = loadRulePacks(readRuleFiles());
    const analysed = createEngine(loaded);
    const table = analysed.prefilters();
    expect(Object.keys(table).length).toBeGreaterThan(200);
    const shipped = createEngine(JSON.parse(JSON.stringify({ ...loaded, prefilters: table })));
    for (const l of buildCorpus().slice(0, 600))
      expect(shipped.assess(l.text, l.lang, l.context)).toEqual(analysed.assess(l.text, l.lang, l.context));
  });
});
