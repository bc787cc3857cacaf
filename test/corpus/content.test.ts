/**
 * The project's labelled corpus as a product: it loads clean, is big enough to mean something, every split covers
 * every label, splits are made by batch (author and source), and no line leaks from one split into another.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { readCorpusFile, TONE_LABELS, VIOLATION_CATEGORIES, type CorpusLine } from '../../src/corpus/corpus.ts';
import { loadCorpus } from '../../src/cli/corpus-files.ts';
import { loadRulePacks } from '../../src/scoring/index.ts';

const moveIds = new Set(
  loadRulePacks(readRuleFiles())
    .moves.filter((m) => m.kind === 'move')
    .map((m) => m.id),
);
const corpus = loadCorpus('content/corpus', moveIds);
const all = Object.values(corpus.bySplit).flat();
const fold = (t: string) => t.replace(/\s+/g, '').toLowerCase();

describe('content/corpus', () => {
  it('loads without a problem', () => expect(corpus.diagnostics).toEqual([]));

  it('has at least 3,000 lines in both languages', () => {
    expect(all.length).toBeGreaterThanOrEqual(3000);
    expect(all.filter((l) => l.lang === 'zh').length).toBeGreaterThan(1000);
    expect(all.filter((l) => l.lang === 'en').length).toBeGreaterThan(1000);
  });

  it('covers every violation category and tone class in every split, and every move in training', () => {
    for (const [split, lines] of Object.entries(corpus.bySplit)) {
      for (const c of VIOLATION_CATEGORIES)
        expect(
          lines.some((l) => l.violations.includes(c)),
          `${split} ${c}`,
        ).toBe(true);
      for (const t of TONE_LABELS)
        expect(
          lines.some((l) => l.tone === t),
          `${split} ${t}`,
        ).toBe(true);
      expect(
        lines.filter((l) => l.violations.length === 0).length / lines.length,
        `${split} clean share`,
      ).toBeGreaterThan(0.4);
    }
    for (const m of moveIds)
      expect(
        corpus.bySplit.train.some((l) => l.moves.includes(m)),
        m,
      ).toBe(true);
  });

  it('assigns whole batches to splits, and no line appears in two splits', () => {
    const splitOf = new Map<string, string>();
    const batchSplit = new Map<string, Set<string>>();
    for (const [split, lines] of Object.entries(corpus.bySplit))
      for (const l of lines) {
        const batch = l.id.replace(/-\d+$/, '');
        batchSplit.set(batch, (batchSplit.get(batch) ?? new Set()).add(split));
        const seen = splitOf.get(fold(l.text));
        expect(seen === undefined || seen === split, `${l.id} also in ${seen}`).toBe(true);
        splitOf.set(fold(l.text), split);
      }
    for (const [batch, splits] of batchSplit) expect([...splits], batch).toHaveLength(1);
  });

  it('records where every line came from', () => {
    const methods = new Set(all.map((l: CorpusLine) => l.method));
    expect(methods).toEqual(new Set(['written', 'paraphrased', 'noised']));
    expect(all.every((l) => l.source.trim().length > 3)).toBe(true);
  });
});

describe('readCorpusFile', () => {
  it('reports a bad line where it is and keeps the rest', () => {
    const good = readFileSync('content/corpus/zh-exam.jsonl', 'utf8').split('\n')[0];
    const source = [good, '{"id": "x-2", "lang": "fr"}', 'not json', good].join('\n');
    const { lines, diagnostics } = readCorpusFile('f.jsonl', source, moveIds);
    expect(lines).toHaveLength(2);
    expect(diagnostics.map((d) => [d.code, d.start])).toEqual([
      ['corpus_bad_line', good.length + 1],
      ['corpus_bad_json', source.indexOf('not json')],
      ['corpus_duplicate_id', source.lastIndexOf(good)],
    ]);
    expect(diagnostics[0].message).toMatch(/lang/);
  });
});
