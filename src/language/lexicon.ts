/**
 * Pass 3 for Chinese: the variants lexicon (content/lexicon/variants.yaml, generated into data/variants.ts).
 * A homophone or substituted spelling (做牢, 警查, 冻洁) or a Latin spelling (zuolao, "zuo lao", sb, tmd) becomes
 * its canonical word, and every character of that word quotes the whole variant the trainee typed. Matching is
 * leftmost-longest; Latin spellings match whole tokens only, so `sb` never fires inside an English word.
 */
import { Builder, type Mapped } from './builder.ts';
import { VARIANTS } from './data/variants.ts';
import { addressMask, isAsciiLetter, isHan, isZhNoise } from './tables.ts';

/** Chinese variants by the code of their first character, longest first. */
const HAN = new Map<number, [variant: string, canonical: string][]>();
/** Latin spellings, syllables separated by one space ("zuo lao") or joined ("zuolao"). */
const LATIN = new Map<string, string>();
let maxSyllables = 1;

for (const [canonical, han, latin] of VARIANTS) {
  for (const v of han) {
    const list = HAN.get(v.charCodeAt(0)) ?? [];
    list.push([v, canonical]);
    HAN.set(v.charCodeAt(0), list);
  }
  for (const v of latin) {
    LATIN.set(v, canonical);
    maxSyllables = Math.max(maxSyllables, v.split(' ').length);
  }
}
for (const list of HAN.values()) list.sort((a, b) => b[0].length - a[0].length);

/** What may stand between typed syllables: "zuo lao", "zuo-lao", "zuo.lao", "zuo_lao", "xi'an". */
const SYLLABLE_GAP = new Set([...` -_.'·`].map((c) => c.charCodeAt(0)));

/** End of the letter run starting at i. */
function letterEnd(text: string, i: number): number {
  while (i < text.length && isAsciiLetter(text.charCodeAt(i))) i++;
  return i;
}

/** The longest Latin spelling starting with the token at [i, end0): its canonical word and end, or undefined. */
function matchLatin(text: string, i: number, end0: number): { canonical: string; end: number } | undefined {
  const ends = [end0];
  let key = text.slice(i, end0);
  const keys = [key];
  let e = end0;
  while (ends.length < maxSyllables) {
    let g = e;
    while (g < text.length && g - e < 2 && SYLLABLE_GAP.has(text.charCodeAt(g))) g++;
    if (g === e || !isAsciiLetter(text.charCodeAt(g))) break;
    e = letterEnd(text, g);
    key += ' ' + text.slice(g, e);
    keys.push(key);
    ends.push(e);
  }
  for (let k = keys.length - 1; k >= 0; k--) {
    const canonical = LATIN.get(keys[k]);
    if (canonical !== undefined) return { canonical, end: ends[k] };
  }
  return undefined;
}

/** Pass 3 over a Chinese line: variants become canonical words, leftmost-longest. */
export function applyLexicon(input: Mapped): Mapped {
  const { text } = input;
  const n = text.length;
  const b = new Builder(input);
  const address = addressMask(text);
  let run = 0;
  let hanEnd = -1; // input end of the last Latin spelling made Chinese
  for (let i = 0; i < n;) {
    const u = text.charCodeAt(i);
    if (isHan(u)) {
      const list = HAN.get(u);
      const hit = list?.find(([v]) => text.startsWith(v, i));
      if (hit) {
        b.copy(run, i);
        b.emit(hit[1], i, i + hit[0].length);
        run = i += hit[0].length;
      } else i++;
      continue;
    }
    if (isAsciiLetter(u)) {
      const end0 = letterEnd(text, i);
      const hit = address?.[i] ? undefined : matchLatin(text, i, end0);
      if (hit) {
        // Now Chinese, the word joins Chinese neighbours as pass 2 would have joined them ("叫 jing cha 来" → 叫警察来).
        let p = i;
        while (p > run && isZhNoise(text.charCodeAt(p - 1))) p--;
        b.copy(run, p > 0 && p < i && (p === hanEnd || isHan(text.charCodeAt(p - 1))) ? p : i);
        b.emit(hit.canonical, i, hit.end);
        let q = hit.end;
        while (q < n && isZhNoise(text.charCodeAt(q))) q++;
        run = i = hanEnd = q > hit.end && q < n && isHan(text.charCodeAt(q)) ? q : hit.end;
      } else i = end0;
      continue;
    }
    i++;
  }
  b.copy(run, n);
  return b.done();
}
