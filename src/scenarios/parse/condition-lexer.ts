/**
 * The condition tokenizer: a hand-written scanner (conditions are on every branch line, so this is hot in large
 * scripts). Chinese keywords are split out of runs written without spaces, e.g. `违规威胁` → `违规` `威胁`.
 */
import { CATEGORY_WORDS, CONDITION_WORDS, STATE_WORDS, TONE_WORDS } from '../keywords.ts';
import type { Span } from '../report.ts';

/** A token; it is its own span (and a RawValue), to keep allocation down. */
export class Tok {
  constructor(
    readonly type: 'word' | 'op' | 'num' | '(' | ')',
    readonly text: string,
    readonly start: number,
    readonly end: number,
    /** Canonical keyword, if the word is one. */
    readonly kw: string | undefined,
  ) {}
  get span(): Span {
    return this;
  }
}

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

/** Tokens of `text`, with spans at file offset `base`; throws `CondError` on a stray character. */
export function tokenize(text: string, base: number): Tok[] {
  // Tokens are collected in one reused array and copied out at their exact count: a fresh array grown by push
  // would get 17 slots for a condition's handful of tokens.
  const toks = scratch;
  count = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const twoCharOp = (c === GT || c === LT || c === EQ || c === BANG) && text.charCodeAt(i + 1) === EQ;
    if (isSpace(c)) i++;
    else if (twoCharOp) push(toks, text, base, 'op', i, (i += 2));
    else if (isOneCharOp(c)) push(toks, text, base, 'op', i, (i += 1));
    else if (isOpen(c)) push(toks, text, base, '(', i, (i += 1));
    else if (isClose(c)) push(toks, text, base, ')', i, (i += 1));
    else if (isDigit(c) || (c === 45 && isDigit(text.charCodeAt(i + 1)))) {
      const from = i++;
      while (i < text.length && (isDigit(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      push(toks, text, base, 'num', from, i);
    } else if (isWordStart(c)) {
      const from = i++;
      while (i < text.length && isWordPart(text.charCodeAt(i))) i++;
      push(toks, text, base, 'word', from, i);
    } else if (c > 0x7f) {
      const from = i;
      while (i < text.length && isCjkPart(text.charCodeAt(i))) i++;
      splitCjk(text.slice(from, i), base + from, toks);
    } else throw new CondError(`unexpected character \`${text[i]}\``, { start: base + i, end: base + i + 1 });
  }
  return toks.slice(0, count);
}

const scratch: Tok[] = [];
let count = 0;

function push(toks: Tok[], text: string, base: number, type: Tok['type'], from: number, to: number): void {
  const word = text.slice(from, to);
  toks[count++] = new Tok(type, word, base + from, base + to, type === 'word' ? keywordOf(word) : undefined);
}

const KEYWORDS = new Map(Object.entries(CONDITION_WORDS));

function keywordOf(word: string): string | undefined {
  // The fallback keeps the plain property read it always had (a Map avoids interning every word for `hasOwn`).
  return KEYWORDS.get(word) ?? (hasUpper(word) ? CONDITION_WORDS[word.toLowerCase()] : undefined);
}

/** `/[A-Z]/.test(word)` without the regex call (this runs for every word of every condition). */
function hasUpper(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** Splits a run like `违规威胁` into known keywords; unknown stretches stay together as one word. */
function splitCjk(run: string, start: number, out: Tok[]): void {
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
      if (from < i) push(out, run, start, 'word', from, i);
      push(out, run, start, 'word', i, i + w.length);
      i += w.length;
      from = i;
    } else i++;
  }
  if (from < i) push(out, run, start, 'word', from, i);
}
