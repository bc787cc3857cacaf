/**
 * The language layer's entry point: `normalize` folds a trainee's line into the spelling the rules are written in,
 * and `originalSpan` maps a span found in that text back to the characters the trainee typed.
 *
 * Passes, in order (each a module with its own table):
 * 1. chars.ts    — per character: NFKC, diacritics, invisible/control/emoji removed, ASCII lower case, 繁 → 简
 * 2. spacing.ts  — in context: separators between Chinese characters, clause-mark width, spelled-out and stretched words
 * 3. lexicon.ts (zh) — variants lexicon: homophones, pinyin, initials → canonical words
 *    english.ts (en) — leetspeak, masked profanity, informal spellings and contractions
 */
import type { Lang } from './types.ts';
import { freeze, original, type Normalized } from './builder.ts';
import { foldChars } from './chars.ts';
import { fixEnglishWords } from './english.ts';
import { applyLexicon } from './lexicon.ts';
import { fixSpacing } from './spacing.ts';

export type { Normalized } from './builder.ts';

/** Normalises one line; never throws, and every unit of the result maps back to the original through `from`/`to`. */
export function normalize(text: string, lang: Lang): Normalized {
  const chars = foldChars(original(text), lang);
  const spaced = fixSpacing(chars, lang);
  return freeze(lang === 'zh' ? applyLexicon(spaced) : fixEnglishWords(spaced));
}

/**
 * Maps a span [start, end) of `n.text` back to the original line: from the first unit's origin to the last unit's
 * end, so a hit on a canonical word quotes the whole variant the trainee typed. An empty span maps to an empty span.
 */
export function originalSpan(n: Normalized, start: number, end: number): { start: number; end: number } {
  const len = n.text.length;
  const s = Math.max(0, Math.min(start, len));
  const e = Math.max(s, Math.min(end, len));
  if (e > s) return { start: n.from[s], end: n.to[e - 1] };
  const at = s < len ? n.from[s] : len > 0 ? n.to[len - 1] : 0;
  return { start: at, end: at };
}
