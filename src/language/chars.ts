/**
 * Pass 1, one character at a time: compatibility forms folded (NFKC: full-width ＰＯＬＩＣＥ → police, ① → 1),
 * Latin diacritics dropped (tone-marked pinyin zuò láo → zuo lao), invisible and control characters and emoji
 * removed, ASCII lower-cased, traditional characters simplified. Each output character maps back to exactly the one
 * input character (one or two UTF-16 units) it came from, so later passes and `originalSpan` stay exact.
 */
import type { Lang } from './types.ts';
import { Builder, type Mapped } from './builder.ts';
import { T2S_PAIRS } from './data/t2s.ts';

/** Traditional → simplified, built once from the generated pair string. */
const T2S = new Map<number, string>();
{
  const cps = Array.from(T2S_PAIRS);
  for (let i = 0; i + 1 < cps.length; i += 2) T2S.set(cps[i].codePointAt(0)!, cps[i + 1]);
}

/**
 * What removes a character outright: controls other than line breaks and tabs, format characters (zero-width
 * space/joiner, bidi marks, soft hyphen, BOM, tags), variation selectors, lone surrogates, combining diacritics typed
 * apart from their letter (a + ◌́), emoji and pictographs with their skin-tone modifiers, flags and keycap marks.
 */
const STRIP =
  /^(?:[\p{Cc}\p{Cf}\p{Cs}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}\u20E3\u180B-\u180F\u0300-\u036F])$/u;
const COMBINING = /\p{M}/gu;
/** Stripped marks that belong to the character before them: a quote of that character includes them (e + ◌́, 1 + ◌️⃣). */
const ATTACHED = /^[\u0300-\u036F\uFE00-\uFE0F\u20E3\u{E0100}-\u{E01EF}]$/u;
/** Latin letters with diacritics (Latin-1 Supplement to Latin Extended-B, Latin Extended Additional). */
const isAccentedLatin = (cp: number) => (cp >= 0xc0 && cp <= 0x24f) || (cp >= 0x1e00 && cp <= 0x1eff);

/** Fold of one non-ASCII character, cached: String.normalize costs ~0.2 µs, a Map hit ~20 ns. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 8192;

function foldChar(c: string): string {
  let out = cache.get(c);
  if (out !== undefined) return out;
  out = computeFold(c);
  if (cache.size >= CACHE_LIMIT) cache.clear(); // random input must not grow it without bound
  cache.set(c, out);
  return out;
}

function computeFold(c: string): string {
  if (STRIP.test(c)) return '';
  const cp = c.codePointAt(0)!;
  const simplified = T2S.get(cp);
  if (simplified !== undefined) return simplified;
  let n = c.normalize('NFKC');
  if (n.length === 1 && isAccentedLatin(n.charCodeAt(0))) n = n.normalize('NFD').replace(COMBINING, '');
  // NFKC can produce characters that are themselves traditional (compatibility ideographs) or upper-case ASCII.
  let out = '';
  for (const ch of n) {
    const s = T2S.get(ch.codePointAt(0)!);
    out += s ?? (STRIP.test(ch) ? '' : ch);
  }
  return out.replace(/[A-Z]/g, (x) => x.toLowerCase());
}

/** Curly and modifier apostrophes English text uses in contractions ("don’t"). */
const APOSTROPHES = new Set(['\u2019', '\u2018', '\u02BC', '\u2032', '\uFF07']);

/** Pass 1 over a line (see the module comment); ASCII and simplified Chinese go through untouched and unallocated. */
export function foldChars(input: Mapped, lang: Lang): Mapped {
  const text = input.text;
  const b = new Builder(input);
  let run = 0; // start of the pending run of ASCII characters that need no change
  for (let i = 0; i < text.length;) {
    const u = text.charCodeAt(i);
    if (u >= 0x20 && u < 0x7f && !(u >= 0x41 && u <= 0x5a)) {
      i++;
      continue;
    }
    if (u >= 0x41 && u <= 0x5a) {
      b.copy(run, i);
      b.emit(String.fromCharCode(u + 32), i, i + 1);
      run = ++i;
      continue;
    }
    // Chinese characters in the basic block: only the traditional ones change (a Map hit by code, no string made).
    if (u >= 0x4e00 && u <= 0x9fff) {
      const simplified = T2S.get(u);
      if (simplified === undefined) {
        i++;
        continue;
      }
      b.copy(run, i);
      b.emit(simplified, i, i + 1);
      run = ++i;
      continue;
    }
    b.copy(run, i);
    const width = u >= 0xd800 && u <= 0xdbff && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    const c = text.slice(i, i + width);
    // The ellipsis is a Chinese clause mark (……); NFKC would make it three dots.
    if (c === '\n' || c === '\t' || (c === '…' && lang === 'zh')) b.copy(i, i + 1);
    else if (lang === 'en' && APOSTROPHES.has(c)) b.emit("'", i, i + 1);
    else {
      const folded = foldChar(c);
      if (folded === c && width === 1) b.copy(i, i + 1);
      else if (folded === '' && b.lastEnd() === i && ATTACHED.test(c)) b.extendLast(i + width);
      else b.emit(folded, i, i + width);
    }
    i += width;
    run = i;
  }
  b.copy(run, text.length);
  return b.done();
}

const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;
