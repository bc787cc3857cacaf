/**
 * Compiles pattern strings (kept as strings in the JSON packs) into RegExps and finds the first unguarded hit.
 * Chinese patterns are matched character by character (no segmenter: the patterns are literal alternations and
 * short bounded gaps); English patterns are wrapped in word boundaries so `arrest` does not match `arrested`
 * unless the pattern says so.
 */
import { checkSafety, MAX_EXPANDED_LENGTH } from './safe-regex.ts';
import { hashKey } from '../language/features.ts';
import { isGuarded, sentenceOf } from './guards.ts';
import { AnchorIndex, requiredLiterals } from './prefilter.ts';
import type { Lang, PatternsByLang } from './types.ts';

export interface CompiledPattern {
  re: RegExp;
  /** The compiled source (its hash keys the shipped prefilter table). */
  source: string;
  /** The pattern names a `(?<hit>…)` group: guards look before the hit, not before the whole match. */
  hasHit: boolean;
  /** Every match contains one of these (see prefilter.ts); undefined when the pattern must always run. */
  anchors?: string[];
  /** Ids of `anchors` in the language's AnchorIndex, set by `indexAnchors`. */
  anchorIds?: number[];
}

/** A line ready for matching: the subject patterns run on and which prefilter anchors occur in it. */
export interface Subject {
  text: string;
  present?: Uint8Array;
}

export interface Hit {
  start: number;
  end: number;
}

/**
 * The flags every pattern is validated and run with. English is matched case-insensitively by lower-casing the
 * pattern and the line (ASCII only, so offsets do not move) instead of using /i: V8 cannot use its fast literal
 * search under /i, and that alone made English lines three times slower than Chinese ones.
 */
export function flagsFor(lang: Lang): string {
  return lang === 'en' ? 'g' : 'gu';
}

/**
 * Lower-cases the ASCII letters of a pattern outside escapes (`\W`, `\S`, `\B` keep their meaning, and so do
 * `\p{…}`, `\u{…}` and group names), because patterns run on the normalised line, whose ASCII is lower case.
 */
export function lowerPattern(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      out += c + next;
      i++;
      if ('pPuk'.includes(next) && (source[i + 1] === '{' || source[i + 1] === '<')) {
        const close = source.indexOf(source[i + 1] === '{' ? '}' : '>', i + 1);
        if (close > 0) {
          out += source.slice(i + 1, close + 1);
          i = close;
        }
      }
    } else if (c === '(' && source.startsWith('(?<', i) && /[A-Za-z]/.test(source[i + 3] ?? '')) {
      const close = source.indexOf('>', i);
      out += source.slice(i, close + 1);
      i = close;
    } else out += c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
  }
  return out;
}

/**
 * The source actually compiled: lower-cased like the normalised line it runs on, and for English wrapped in ASCII
 * word boundaries on both sides.
 */
export function wrapSource(source: string, lang: Lang): string {
  return lang === 'en' ? `(?<![A-Za-z0-9_])(?:${lowerPattern(source)})(?![A-Za-z0-9_])` : lowerPattern(source);
}

/**
 * Compiles one language's patterns; unsafe ones (which the loader already reported) are skipped, never run.
 * Patterns without a `hit` group are joined into one alternation, so a rule costs one scan of the line, not one per
 * pattern (the union of safe patterns is safe: the alternation is not repeated).
 */
/**
 * Prefilter anchors by compiled source, computed once at build time (`ScoringEngine.prefilters`) and shipped with
 * the packs, so the page does not parse every pattern again. A source missing from it is analysed here; a wrong
 * entry can only make a rule miss, never hang (safety is always checked on the page).
 */
export type PrefilterTable = Record<string, string[] | null>;

/** The table's key for a compiled source: a 32-bit hash in base 36 (sources are long; the keys are shipped). */
export const prefilterKey = (source: string) => hashKey(source).toString(36);

export function compilePatterns(
  patterns: PatternsByLang | undefined,
  lang: Lang,
  table?: PrefilterTable,
): CompiledPattern[] {
  const plain: string[] = [];
  const out: CompiledPattern[] = [];
  for (const source of patterns?.[lang] ?? []) {
    if (checkSafety(source, MAX_EXPANDED_LENGTH) || !compiles(source, lang)) continue;
    if (source.includes('(?<hit>')) out.push(compileOne(wrapSource(source, lang), `${flagsFor(lang)}d`, true, table));
    else plain.push(source);
  }
  if (plain.length) out.unshift(compileOne(wrapSource(plain.join('|'), lang), flagsFor(lang), false, table));
  return out;
}

function compiles(source: string, lang: Lang): boolean {
  try {
    new RegExp(source, flagsFor(lang));
    return true;
  } catch {
    return false;
  }
}

function compileOne(source: string, flags: string, hasHit: boolean, table?: PrefilterTable): CompiledPattern {
  const known = table?.[prefilterKey(source)];
  return {
    re: new RegExp(source, flags),
    hasHit,
    source,
    anchors: known === undefined ? requiredLiterals(source) : (known ?? undefined),
  };
}

/** Builds one automaton over the anchors of all `patterns` and records each pattern's anchor ids. */
export function indexAnchors(patterns: readonly CompiledPattern[]): AnchorIndex {
  const ids = new Map<string, number>();
  for (const p of patterns) p.anchorIds = p.anchors?.map((a) => ids.get(a) ?? (ids.set(a, ids.size), ids.size - 1));
  return new AnchorIndex([...ids.keys()]);
}

/** False when the prefilter proves the pattern cannot match the subject. */
function mayMatch(p: CompiledPattern, s: Subject): boolean {
  if (p.anchorIds && s.present) {
    for (const id of p.anchorIds) if (s.present[id]) return true;
    return false;
  }
  if (!p.anchors) return true;
  for (const a of p.anchors) if (s.text.includes(a)) return true;
  return false;
}

/** First match of any pattern that no guard suppresses, or undefined. */
export function findHit(
  subject: Subject,
  lang: Lang,
  patterns: readonly CompiledPattern[],
  guards: readonly string[],
  except: readonly CompiledPattern[] = [],
): Hit | undefined {
  const { text } = subject;
  for (const p of patterns) {
    if (!mayMatch(p, subject)) continue;
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
      if (except.length && anyMatch({ text: sentenceOf(text, lang, at) }, except)) continue;
      return { start, end };
    }
  }
  return undefined;
}

/** True when any pattern matches somewhere in the subject (no guards). */
export function anyMatch(subject: Subject, patterns: readonly CompiledPattern[]): boolean {
  for (const p of patterns) {
    if (!mayMatch(p, subject)) continue;
    p.re.lastIndex = 0;
    if (p.re.test(subject.text)) return true;
  }
  return false;
}

/** Every non-empty match of every pattern in the subject, unguarded (what a concept tagger hears). */
export function forEachMatch(
  subject: Subject,
  patterns: readonly CompiledPattern[],
  visit: (start: number, end: number) => void,
): void {
  for (const p of patterns) {
    if (!mayMatch(p, subject)) continue;
    p.re.lastIndex = 0;
    for (let m = p.re.exec(subject.text); m; m = p.re.exec(subject.text)) {
      if (m[0] === '') p.re.lastIndex++;
      else visit(m.index, m.index + m[0].length);
    }
  }
}
