/**
 * Pass 2, characters in context: noise typed between characters and stretched runs. Chinese: separators between two
 * Han characters vanish ("坐 . 牢" → 坐牢), half-width clause marks become full-width outside numbers, runs of 3+ of
 * one character keep two. English: 3+ single letters with one separator join ("a-r-r-e-s-t" → arrest) and runs of
 * 3+ of one letter shrink (see isStretchedVowel). Every decision looks a bounded distance ahead, so the pass is
 * linear in the line's length.
 */
import type { Lang } from './types.ts';
import { Builder, type Mapped } from './builder.ts';
import {
  addressMask,
  isAsciiAlnum,
  isAsciiLetter,
  isHan,
  isSpellSeparator,
  isStretchedVowel,
  isZhNoise,
  isZhNumericMark,
  ZH_FULL_WIDTH,
  ZH_RUN_KEEP,
} from './tables.ts';

/** Pass 2 over a line in `lang` (see the module comment). */
export function fixSpacing(input: Mapped, lang: Lang): Mapped {
  return lang === 'zh' ? zhSpacing(input) : enSpacing(input);
}

/** Length of the run of `text[i]` repeated, starting at i. */
function runLength(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && text.charCodeAt(j) === text.charCodeAt(i)) j++;
  return j - i;
}

/** Emits a run of `len` copies of `c` at input [i, i+len) as `keep` copies; the last copy quotes the last one. */
function emitRun(b: Builder, c: string, i: number, len: number, keep: 1 | 2): void {
  if (keep === 1) b.emit(c, i, i + len);
  else {
    b.emit(c, i, i + len - 1);
    b.emit(c, i + len - 1, i + len);
  }
}

function zhSpacing(input: Mapped): Mapped {
  const { text } = input;
  const n = text.length;
  const b = new Builder(input);
  let run = 0;
  for (let i = 0; i < n;) {
    const u = text.charCodeAt(i);
    if (isZhNoise(u) && i > 0 && isHan(text.charCodeAt(i - 1))) {
      let j = i + 1;
      while (j < n && isZhNoise(text.charCodeAt(j))) j++;
      if (j < n && isHan(text.charCodeAt(j))) {
        b.copy(run, i);
        run = i = j;
        continue;
      }
    }
    const full = u < 0x80 ? ZH_FULL_WIDTH.get(u) : undefined;
    if (full !== undefined) {
      const numeric =
        isZhNumericMark(u) &&
        i > 0 &&
        i + 1 < n &&
        isAsciiAlnum(text.charCodeAt(i - 1)) &&
        isAsciiAlnum(text.charCodeAt(i + 1));
      if (!numeric) {
        b.copy(run, i);
        b.emit(full, i, i + 1);
        run = ++i;
        continue;
      }
    }
    if (isHan(u) && u < 0xd800) {
      const len = runLength(text, i);
      if (len > ZH_RUN_KEEP) {
        b.copy(run, i);
        emitRun(b, text[i], i, len, ZH_RUN_KEEP);
        run = i += len;
        continue;
      }
      i += len;
      continue;
    }
    i++;
  }
  b.copy(run, n);
  return b.done();
}

/** End of a spelled-out word starting at letter i ("a r r e s t"), or -1 when fewer than 3 letters are spelled. */
function spelledEnd(text: string, i: number): number {
  const n = text.length;
  if (i > 0 && isAsciiLetter(text.charCodeAt(i - 1))) return -1;
  const sep = text.charCodeAt(i + 1);
  if (!isSpellSeparator(sep)) return -1;
  let k = i;
  let count = 1;
  while (
    k + 2 < n &&
    text.charCodeAt(k + 1) === sep &&
    isAsciiLetter(text.charCodeAt(k + 2)) &&
    !isAsciiLetter(text.charCodeAt(k + 3))
  ) {
    k += 2;
    count++;
  }
  return count >= 3 ? k + 1 : -1;
}

function enSpacing(input: Mapped): Mapped {
  const { text } = input;
  const n = text.length;
  const b = new Builder(input);
  const address = addressMask(text);
  let run = 0;
  for (let i = 0; i < n;) {
    const u = text.charCodeAt(i);
    if (!isAsciiLetter(u) || address?.[i]) {
      i++;
      continue;
    }
    const end = spelledEnd(text, i);
    if (end > 0) {
      b.copy(run, i);
      for (let k = i; k < end; k += 2) b.copy(k, k + 1);
      run = i = end;
      continue;
    }
    const len = runLength(text, i);
    if (len >= 3) {
      b.copy(run, i);
      emitRun(b, text[i], i, len, isStretchedVowel(u) ? 1 : 2);
      run = i += len;
      continue;
    }
    i += len;
  }
  b.copy(run, n);
  return b.done();
}
