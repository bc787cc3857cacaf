/**
 * Compiles pattern strings (kept as strings in the JSON packs) into RegExps and finds the first unguarded hit.
 * Chinese patterns are matched character by character (no segmenter: the patterns are literal alternations and
 * short bounded gaps); English patterns are wrapped in word boundaries so `arrest` does not match `arrested`
 * unless the pattern says so.
 */
import { checkPattern } from './safe-regex.ts';
import { isGuarded, sentenceOf } from './guards.ts';
import type { Lang, PatternsByLang } from './types.ts';

export interface CompiledPattern {
  re: RegExp;
  /** The pattern names a `(?<hit>…)` group: guards look before the hit, not before the whole match. */
  hasHit: boolean;
}

export interface Hit {
  start: number;
  end: number;
}

/** The flags every pattern is validated and run with. */
export function flagsFor(lang: Lang): string {
  return lang === 'en' ? 'giu' : 'gu';
}

/** The source actually compiled: English gets ASCII word boundaries on both sides (cheaper than \\p{L} under /iu). */
export function wrapSource(source: string, lang: Lang): string {
  return lang === 'en' ? `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])` : source;
}

/** Compiles one language's patterns; unsafe ones (which the loader already reported) are skipped, never run. */
export function compilePatterns(patterns: PatternsByLang | undefined, lang: Lang): CompiledPattern[] {
  const out: CompiledPattern[] = [];
  for (const source of patterns?.[lang] ?? []) {
    if (checkPattern(source, flagsFor(lang))) continue;
    const hasHit = source.includes('(?<hit>');
    out.push({ re: new RegExp(wrapSource(source, lang), flagsFor(lang) + (hasHit ? 'd' : '')), hasHit });
  }
  return out;
}

/** First match of any pattern that no guard suppresses, or undefined. */
export function findHit(
  text: string,
  lang: Lang,
  patterns: readonly CompiledPattern[],
  guards: readonly string[],
  except: readonly CompiledPattern[] = [],
): Hit | undefined {
  for (const p of patterns) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      if (m[0] === '') {
        p.re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      const hit = p.hasHit ? m.indices?.groups?.hit : undefined;
      const at = hit ? hit[0] : start;
      if (isGuarded(text, lang, guards, at, hit ? hit[1] : end)) continue;
      if (except.length && anyMatch(sentenceOf(text, lang, at), except)) continue;
      return { start, end };
    }
  }
  return undefined;
}

/** True when any pattern matches somewhere in `text` (no guards). */
export function anyMatch(text: string, patterns: readonly CompiledPattern[]): boolean {
  for (const p of patterns) {
    p.re.lastIndex = 0;
    if (p.re.test(text)) return true;
  }
  return false;
}
