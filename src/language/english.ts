/**
 * Pass 3 for English, one token at a time: leetspeak ("$h!t" → shit, "4rrest" → arrest), masked profanity
 * ("f**k" → fuck) and informal spellings ("gonna" → going to, "dont" → don't). A token is a run of letters, digits,
 * apostrophes and the leet/mask symbols; it is rewritten only when it has a letter, so "$50", "1,240" and "14:30"
 * pass untouched, and never inside an e-mail address or a URL.
 */
import { Builder, type Mapped } from './builder.ts';
import { INFORMAL, LEET, MASKED_WORDS, NUMBER_SUFFIXES } from './english-data.ts';
import { addressMask, isAsciiLetter } from './tables.ts';

const isDigit = (u: number) => u >= 0x30 && u <= 0x39;
const APOS = 0x27;
const STAR = 0x2a;
const BANG = 0x21;
/** Symbols a token may contain besides letters and digits: apostrophes, masks and leet. */
const isTokenSymbol = (u: number) => u === APOS || u === STAR || u === BANG || u === 0x40 /* @ */ || u === 0x24; /* $ */
const isTokenChar = (u: number) => isAsciiLetter(u) || isDigit(u) || isTokenSymbol(u);

/** Informal spellings as a Map: a plain object would answer "constructor" with a function. */
const MAX_BANG_WORD = 7;

const INFORMAL_MAP = new Map(Object.entries(INFORMAL));
const LONGEST_INFORMAL = Math.max(...[...INFORMAL_MAP.keys()].map((k) => k.length));

/** The token with leet symbols read as letters, or undefined when it is a number, a quantity or a plain word. */
function unleet(tok: string): string | undefined {
  let letters = 0;
  let leet = 0;
  for (let k = 0; k < tok.length; k++) {
    const c = tok[k];
    if (isAsciiLetter(c.charCodeAt(0))) letters++;
    else if (LEET[c] !== undefined) leet++;
  }
  if (letters === 0 || leet === 0) return undefined;
  // US$50, HK$100: money, not a masked s.
  for (let k = tok.indexOf('$'); k >= 0; k = tok.indexOf('$', k + 1))
    if (isDigit(tok.charCodeAt(k + 1))) return undefined;
  // A "!" inside a long token is a missing space ("hello!how"), not a masked i ("sh!t", "b!tch", "id!ots").
  if (tok.length > MAX_BANG_WORD && tok.includes('!')) return undefined;
  // 4pm, 3rd, 24h: a number with a unit. covid19, mp3: a name with a number.
  let d = 0;
  while (d < tok.length && isDigit(tok.charCodeAt(d))) d++;
  if (d > 0 && NUMBER_SUFFIXES.has(tok.slice(d))) return undefined;
  let l = 0;
  while (l < tok.length && isAsciiLetter(tok.charCodeAt(l))) l++;
  if (l > 0 && l < tok.length && /^[0-9]+$/.test(tok.slice(l))) return undefined;
  let out = '';
  for (const c of tok) out += LEET[c] ?? c;
  return out;
}

/** The word a masked token stands for ("f**k" → fuck), or undefined. */
function unmask(tok: string): string | undefined {
  if (!tok.includes('*') || !/[a-z]/.test(tok)) return undefined;
  for (const word of MASKED_WORDS) {
    if (word.length !== tok.length) continue;
    let ok = true;
    for (let k = 0; k < word.length && ok; k++) ok = tok[k] === '*' || tok[k] === word[k];
    if (ok) return word;
  }
  return undefined;
}

/** Pass 3 over an English line: each token's leet, mask or informal spelling becomes the plain word. */
export function fixEnglishWords(input: Mapped): Mapped {
  const { text } = input;
  const n = text.length;
  const b = new Builder(input);
  let run = 0;
  const address = addressMask(text);
  for (let i = 0; i < n;) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let plain = true; // letters only: no leet or mask to read
    for (; j < n; j++) {
      const u = text.charCodeAt(j);
      if (isAsciiLetter(u) || u === APOS) continue;
      if (!isDigit(u) && !isTokenSymbol(u)) break;
      plain = false;
    }
    // Punctuation at the token's edges is not part of the word: "stop!", "'sorry'", "***".
    let s = i;
    let e = j;
    while (s < e && (text.charCodeAt(s) === APOS || text.charCodeAt(s) === BANG || text.charCodeAt(s) === STAR)) s++;
    while (e > s && (text.charCodeAt(e - 1) === APOS || text.charCodeAt(e - 1) === BANG)) e--;
    if (s < e && !(plain && e - s > LONGEST_INFORMAL) && !address?.[s]) {
      const replaced = rewrite(text, text.slice(s, e), s, e);
      if (replaced !== undefined) {
        b.copy(run, s);
        b.emit(replaced, s, e);
        run = e;
      }
    }
    i = j;
  }
  b.copy(run, n);
  return b.done();
}

/** The token's replacement, or undefined to keep it. Dotted abbreviations ("u.s.", "a.m.") and hyphenated words keep their letters. */
function rewrite(text: string, tok: string, s: number, e: number): string | undefined {
  const read = unleet(tok) ?? tok;
  const word = unmask(read) ?? read;
  const dotted =
    (text[s - 1] === '.' && isAsciiLetter(text.charCodeAt(s - 2))) ||
    (text[e] === '.' && isAsciiLetter(text.charCodeAt(e + 1)));
  // "u-turn", "ya-ya": part of a hyphenated word.
  const hyphened = text[s - 1] === '-' || text[e] === '-';
  const informal = dotted || hyphened ? undefined : INFORMAL_MAP.get(word);
  const out = informal ?? word;
  return out === tok ? undefined : out;
}
