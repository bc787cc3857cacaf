import { describe, expect, it } from 'vitest';
import { normalize, stem, tokens } from '../../src/language/index.ts';

describe('tokens', () => {
  it('segments Chinese into dictionary words with offsets (Intl.Segmenter, full ICU)', () => {
    const line = '我们会起诉您，请配合。';
    const t = tokens(line, 'zh');
    expect(t.map((x) => x.text)).toEqual(['我们', '会', '起诉', '您', '请', '配合']);
    for (const x of t) expect(line.slice(x.start, x.end)).toBe(x.text);
  });

  it('segments a normalised line, so offsets map back through originalSpan', () => {
    const n = normalize('我們會起 訴您', 'zh');
    expect(tokens(n.text, 'zh').map((x) => x.text)).toContain('起诉');
  });

  it('splits English on letters, digits and inner apostrophes', () => {
    const line = "Don't make me call the police, pay $1,240 by 5pm!";
    expect(tokens(line, 'en')).toEqual([
      { text: "Don't", start: 0, end: 5 },
      { text: 'make', start: 6, end: 10 },
      { text: 'me', start: 11, end: 13 },
      { text: 'call', start: 14, end: 18 },
      { text: 'the', start: 19, end: 22 },
      { text: 'police', start: 23, end: 29 },
      { text: 'pay', start: 31, end: 34 },
      { text: '1', start: 36, end: 37 },
      { text: '240', start: 38, end: 41 },
      { text: 'by', start: 42, end: 44 },
      { text: '5pm', start: 45, end: 48 },
    ]);
    expect(tokens('', 'en')).toEqual([]);
    expect(tokens('', 'zh')).toEqual([]);
  });
});

describe('stem', () => {
  it.each([
    ['threatened', 'threaten'],
    ['threatening', 'threaten'],
    ['threatens', 'threaten'],
    ['Threaten', 'threaten'],
    ['arrests', 'arrest'],
    ['arrested', 'arrest'],
    ['arresting', 'arrest'],
    ['lawyers', 'lawyer'],
    ['jailed', 'jail'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});
