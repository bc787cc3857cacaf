/**
 * Concept lexicons and order-free `match:` clauses: a rule written once with `{police}` and `all: [...]` fires on
 * the concept's every form in either order within its window, quotes only the clause's core when anchored, and keeps
 * its guards (negation before the hit).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine, loadRulePacks } from '../../src/scoring/index.ts';
import { clauseSource, expandConcepts } from '../../src/scoring/concepts.ts';

const folder = join(import.meta.dirname, 'samples/loader/concepts-ok');
const loaded = loadRulePacks(
  readdirSync(folder)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({ file: f, text: readFileSync(join(folder, f), 'utf8') })),
);
const engine = createEngine(loaded);
const rule = loaded.packs[0].rules[0];
const hits = (text: string, lang: 'zh' | 'en') =>
  engine
    .assess(text, lang, { party: 'debtor', verified: true, stage: 'negotiation' })
    .findings.filter((f) => f.rule === rule.id);

describe('concepts and match clauses', () => {
  it('loads clean', () => expect(loaded.diagnostics).toEqual([]));

  for (const t of rule.tests.fires)
    it(`fires: ${t.text}`, () => expect(hits(t.text, /[a-z]/.test(t.text) ? 'en' : 'zh')).toHaveLength(1));
  for (const t of rule.tests.passes)
    it(`passes: ${t.text}`, () => expect(hits(t.text, /[a-z]/.test(t.text) ? 'en' : 'zh')).toHaveLength(0));

  it('finds both orders but not beyond the window or across a sentence end', () => {
    expect(hits('公安说明天就来抓人', 'zh')).toHaveLength(1);
    expect(hits('带走他的是派出所的人', 'zh')).toHaveLength(1);
    expect(hits('抓到的小偷已经交给警察', 'zh')).toHaveLength(0);
    expect(hits('警察这个职业很辛苦，我们银行的同事周末也会来抓紧处理', 'zh')).toHaveLength(0);
    expect(hits('找警察。明天抓紧还款', 'zh')).toHaveLength(0);
  });

  it('guards an anchored clause at its core: a negation between anchor and core cancels it', () => {
    expect(hits('Honestly they will, in time, arrest you.', 'en')).toHaveLength(1);
    expect(hits('Honestly they will never arrest you.', 'en')).toHaveLength(0);
  });

  it('expands a concept per language and names what is unknown', () => {
    const concepts = new Map([['police', { zh: ['警察', '公安'] }]]);
    expect(expandConcepts('{police}来了', 'zh', concepts)).toEqual({ source: '(?:警察|公安)来了' });
    expect(expandConcepts('a{polise}', 'zh', concepts)).toEqual({
      problem: { code: 'unknown_concept', name: 'polise', index: 1, length: 8 },
    });
    expect(expandConcepts('{police}', 'en', concepts)).toMatchObject({ problem: { code: 'concept_language' } });
    expect(clauseSource({ all: ['A', 'B'], within: 3 }, 'zh')).toBe(
      '(?:A)[^。！？\\n]{0,3}(?:B)|(?:B)[^。！？\\n]{0,3}(?:A)',
    );
  });
});
