/**
 * Word tokens with offsets, and English stems. Chinese words come from `Intl.Segmenter` (ICU's dictionary, built
 * into browsers and Node with full ICU: no bundle cost); English uses a plain letters-digits-apostrophes tokenizer,
 * which is all the rules need and does not depend on a locale's rules for "$1,240" or "don't".
 *
 * `stem` is the Porter stemmer from `stemmer` (wooorm; ESM, no dependencies, 4.2 KB / 1.4 KB gzip): the
 * well-known algorithm, so threatened/threatening/threatens → threaten and arrests/arrested → arrest, without a
 * word list to maintain. Stems are match keys, not words (police → polic).
 */
import { stemmer } from 'stemmer';
import type { Lang } from './types.ts';

export interface Token {
  text: string;
  /** UTF-16 offset of the token in the text given to `tokens`. */
  start: number;
  end: number;
}

let zhSegmenter: Intl.Segmenter | undefined;
const EN_WORD = /[A-Za-z0-9]+(?:['’][A-Za-z]+)*/g;

/** The words of `text` (punctuation and spaces dropped), each with its offsets in `text`. */
export function tokens(text: string, lang: Lang): Token[] {
  const out: Token[] = [];
  if (lang === 'zh') {
    zhSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
    for (const s of zhSegmenter.segment(text))
      if (s.isWordLike) out.push({ text: s.segment, start: s.index, end: s.index + s.segment.length });
    return out;
  }
  for (const m of text.matchAll(EN_WORD)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** The Porter stem of an English word, lower-cased ("Threatened" → "threaten"). */
export function stem(word: string): string {
  return stemmer(word.toLowerCase());
}
