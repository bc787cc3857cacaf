/**
 * Character-level helpers for the body scanner. They work on offsets into the whole source, so a line is never
 * copied just to be inspected: only the values the compiler keeps are sliced (a 1,000-node script has ~17,000 lines,
 * and per-line strings and regex matches were most of its garbage-collection time).
 */
import type { KeyIndex } from '../keywords.ts';
import { Raw } from './ast.ts';

/** What `String.prototype.trim` and regex `\s` treat as white space (WhiteSpace and LineTerminator). */
export function isSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Space or tab: the `[ \t]` of the format's syntax. */
export const isBlank = (c: number): boolean => c === 32 || c === 9;

/** What regex `.` cannot match (so `(.*)$` fails on a line holding one). */
const isLineBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * `source[from, to)` trimmed like `String.prototype.trim`, as a value that is its own span; when it is spelled exactly
 * as a key of `words`, that key is the text (the same string without a slice).
 */
export function rawAt(source: string, from: number, to: number, words?: KeyIndex): Raw {
  while (from < to && isSpaceCode(source.charCodeAt(from))) from++;
  while (to > from && isSpaceCode(source.charCodeAt(to - 1))) to--;
  return new Raw((words && words.keyAt(source, from, to)) ?? source.slice(from, to), from, to);
}

/** First offset in `[from, to)` that is not white space (`to` when there is none). */
export function skipSpace(source: string, from: number, to: number): number {
  while (from < to && isSpaceCode(source.charCodeAt(from))) from++;
  return from;
}

/** Last offset + 1 in `[from, to)` that is not white space (`from` when there is none). */
export function trimEndAt(source: string, from: number, to: number): number {
  while (to > from && isSpaceCode(source.charCodeAt(to - 1))) to--;
  return to;
}

/** Whether `[from, to)` holds any white space. */
export function hasSpace(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isSpaceCode(source.charCodeAt(i))) return true;
  return false;
}

/** Whether `[from, to)` holds a character that regex `.` does not match. */
export function hasLineBreak(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isLineBreak(source.charCodeAt(i))) return true;
  return false;
}

/** Offset of the first code unit `code` in `[from, to)`, else -1 (bounded, unlike `indexOf` on the whole file). */
export function indexIn(source: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (source.charCodeAt(i) === code) return i;
  return -1;
}

const isAsciiKey = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isHanKey = (c: number) => c >= 0x4e00 && c <= 0x9fff;

/**
 * Whether a line of `source` from `offset` on can hold a character regex `.` does not match: a `\r` other than the
 * one before a `\n` that the scanner drops, or U+2028 / U+2029. Almost no script has one, and then no value needs to
 * be searched for it (`scanField`, options), which was a scan of every field line's value.
 */
export function hasBreakWithinLines(source: string, offset: number): boolean {
  if (source.indexOf('\u2028', offset) >= 0 || source.indexOf('\u2029', offset) >= 0) return true;
  // A `\r` right before a `\n` (or at the end of the file) is cut off with the line end; any other is within a line.
  for (let i = source.indexOf('\r', offset); i >= 0; i = source.indexOf('\r', i + 1)) {
    if (i + 1 < source.length && source.charCodeAt(i + 1) !== 10) return true;
  }
  return false;
}

/**
 * Matches `key: value` on the trimmed line `[from, to)` — the regex `^([A-Za-z_]+|[\u4e00-\u9fff]+)[ \t]*[:：][ \t]*(.*)$`
 * — and returns the offset where the value starts (or -1); the key ends at `fieldKeyEnd`. `breaks`: whether the value
 * can hold a character `.` does not match (see `hasBreakWithinLines`).
 */
export function scanField(source: string, from: number, to: number, breaks = true): number {
  const c = source.charCodeAt(from);
  const inKey = isAsciiKey(c) ? isAsciiKey : isHanKey(c) ? isHanKey : null;
  if (!inKey || from >= to) return -1;
  let i = from + 1;
  while (i < to && inKey(source.charCodeAt(i))) i++;
  fieldKeyEnd = i;
  while (i < to && isBlank(source.charCodeAt(i))) i++;
  const colon = source.charCodeAt(i);
  if (i >= to || (colon !== 0x3a && colon !== 0xff1a)) return -1;
  i++;
  while (i < to && isBlank(source.charCodeAt(i))) i++;
  return breaks && hasLineBreak(source, i, to) ? -1 : i;
}

/** End of the key matched by the last successful `scanField` (a second return value without an allocation). */
export let fieldKeyEnd = 0;
