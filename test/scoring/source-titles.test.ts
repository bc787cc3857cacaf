/**
 * Every shipped rule cites its sources in both interface languages: a trainee using the Chinese UI reads no English
 * clause, and one using the English UI no Chinese one.
 */
import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { loadRulePacks } from '../../src/scoring/index.ts';

const rules = loadRulePacks(readRuleFiles()).packs.flatMap((p) => p.rules);
// Citation marks that read the same in both: section letters such as 1692c(b) or (iii), not words.
const englishWord = (text: string) => /[A-Za-z]{3,}/.exec(text.replace(/\([a-z]+\)/g, ''))?.[0];

describe('rule sources', () => {
  it('are cited in Chinese for the zh UI and in English for the en UI', () => {
    const sources = rules.flatMap((r) => r.sources.map((s) => ({ rule: r.id, clause: s.clause })));
    expect(sources.length).toBeGreaterThan(100);
    const wrong = sources.flatMap(({ rule, clause }) => {
      if (typeof clause === 'string') return [`${rule}: one-language clause ${clause}`];
      const inZh = englishWord(clause.zh);
      const inEn = /[\u3400-\u9fff]/.exec(clause.en)?.[0];
      return [
        ...(inZh ? [`${rule}: zh has "${inZh}" in ${clause.zh}`] : []),
        ...(inEn ? [`${rule}: en has "${inEn}" in ${clause.en}`] : []),
      ];
    });
    expect(wrong).toEqual([]);
  });
});
