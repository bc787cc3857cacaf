/**
 * The condition tokenizer: a hand-written scanner (conditions are on every branch line, so this is hot in large
 * scripts). Chinese keywords are split out of runs written without spaces, e.g. `违规威胁` → `违规` `威胁`.
 */
import { CATEGORY_WORDS, CONDITION_INDEX, CONDITION_NAME_INDEX, CONDITION_WORDS, STATE_WORDS, TONE_WORDS } from '../keywords.ts';
import type { Span } from '../report.ts';
import { Raw } from './ast.ts';

/** A token's type. */
export type TokType = 'word' | 'op' | 'num' | '(' | ')';

export class CondError extends Error {
  constructor(readonly detail: string, readonly span: Span) {
    super(detail);
  }
}

const CJK_WORDS = [CONDITION_WORDS, STATE_WORDS, TONE_WORDS, CATEGORY_WORDS]
  .flatMap((t) => Object.keys(t))
  .filter((w) => /[^\x00-\x7f]/.test(w))
  .sort((a, b) => b.length - a.length);
// Char codes: > < = ! ≥ ≤ ( ) （ ）
const GT = 62, LT = 60, EQ = 61, BANG = 33, GE = 0x2265, LE = 0x2264;
const isOneCharOp = (c: number) => c === GT || c === LT || c === EQ || c === GE || c === LE;
const isOpen = (c: number) => c === 40 || c === 0xff08;
const isClose = (c: number) => c === 41 || c === 0xff09;
const isSpace = (c: number) => c === 32 || c === 9 || c === 0x3000;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isWordPart = (c: number) => isWordStart(c) || isDigit(c);
const isCjkPart = (c: number) => c > 0x7f && !isOneCharOp(c) && !isOpen(c) && !isClose(c) && !isSpace(c);

/**
 * The tokens of the last `tokenize` call as parallel arrays, reused from call to call: a token becomes a `Raw`
 * object only when the parser keeps it (a condition's words) or reports it, not for every keyword, operator and number.
 */
export const toks = {
  count: 0,
  type: [] as TokType[],
  /** File offsets. */
  start: [] as number[],
  end: [] as number[],
  /** The text of a word token ('' for the others and for exact keywords, whose text is sliced only when asked for). */
  word: [] as string[],
  kw: [] as (string | undefined)[],
};

/** Tokenizes `text` (spans at file offset `base`) into `toks`; throws `CondError` on a stray character. */
export function tokenize(text: string, base: number): void {
  toks.count = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const twoCharOp = (c === GT || c === LT || c === EQ || c === BANG) && text.charCodeAt(i + 1) === EQ;
    if (isSpace(c)) i++;
    else if (twoCharOp) push('op', base + i, base + (i += 2), '', undefined);
    else if (isOneCharOp(c)) push('op', base + i, base + (i += 1), '', undefined);
    else if (isOpen(c)) push('(', base + i, base + (i += 1), '', undefined);
    else if (isClose(c)) push(')', base + i, base + (i += 1), '', undefined);
    else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      const from = i++;
      while (i < text.length && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      push('num', base + from, base + i, '', undefined);
    } else if (isWordStart(c)) {
      const from = i++;
      while (i < text.length && isWordPart(text.charCodeAt(i))) i++;
      pushAsciiWord(text, from, i, base);
    } else if (c > 0x7f) {
      const from = i;
      while (i < text.length && isCjkPart(text.charCodeAt(i))) i++;
      splitCjk(text.slice(from, i), base + from);
    } else throw new CondError(`unexpected character \`${text[i]}\``, { start: base + i, end: base + i + 1 });
  }
}

/** Token `k`'s text; `text` and `base` are those given to `tokenize`. */
export function tokText(text: string, base: number, k: number): string {
  return toks.type[k] === 'word' && toks.word[k] !== '' ? toks.word[k] : text.slice(toks.start[k] - base, toks.end[k] - base);
}

/** Token `k` as a value that is its own span (all the AST and the messages need of it: no type or keyword fields). */
export function tokAt(text: string, base: number, k: number): Raw {
  return new Raw(tokText(text, base, k), toks.start[k], toks.end[k]);
}

/** Appends a token; `kw` is the condition keyword a word stands for, if any. */
function push(type: TokType, start: number, end: number, word: string, kw: string | undefined): void {
  const k = toks.count++;
  toks.type[k] = type;
  toks.start[k] = start;
  toks.end[k] = end;
  toks.word[k] = word;
  toks.kw[k] = kw;
}

const KEYWORDS = new Map(Object.entries(CONDITION_WORDS));

/**
 * An ASCII word `text[from, to)`: a keyword written exactly as listed (`and`, `or`, `tone`…) is not sliced — the
 * parser never keeps its text, and `tokText` slices it if a message needs it ('' marks it) — other words are.
 */
function pushAsciiWord(text: string, from: number, to: number, base: number): void {
  const kw = CONDITION_INDEX.valueAt(text, from, to);
  if (kw !== undefined) {
    push('word', base + from, base + to, '', kw);
    return;
  }
  // State variables, tones and categories written as listed reuse the table's string (same text as a slice).
  const word = CONDITION_NAME_INDEX.keyAt(text, from, to) ?? text.slice(from, to);
  // Not a keyword as written; `AND` or `Tone` still is one.
  push('word', base + from, base + to, word, hasUpper(word) ? KEYWORDS.get(word.toLowerCase()) : undefined);
}

function keywordOf(word: string): string | undefined {
  // A Map, not a property read: `Constructor` is not a keyword because objects have a `constructor`.
  return KEYWORDS.get(word) ?? (hasUpper(word) ? KEYWORDS.get(word.toLowerCase()) : undefined);
}

/** `/[A-Z]/.test(word)` without the regex call (this runs for every word of every condition). */
function hasUpper(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

function pushCjkWord(word: string, start: number): void {
  push('word', start, start + word.length, word, keywordOf(word));
}

/** Splits a run like `违规威胁` into known keywords; unknown stretches stay together as one word. */
function splitCjk(run: string, start: number): void {
  let i = 0;
  let from = 0;
  while (i < run.length) {
    let w: string | undefined;
    for (const k of CJK_WORDS) {
      if (run.startsWith(k, i)) {
        w = k;
        break;
      }
    }
    if (w) {
      if (from < i) pushCjkWord(run.slice(from, i), start + from);
      pushCjkWord(run.slice(i, i + w.length), start + i);
      i += w.length;
      from = i;
    } else i++;
  }
  if (from < i) pushCjkWord(run.slice(from, i), start + from);
}
