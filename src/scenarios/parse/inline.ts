/**
 * Phase 1c helpers: the `→ target {effects}` tail shared by branches and options, and effect lists. Both read
 * offsets of the whole source (no per-line copies); spans are those offsets.
 */
import type { Reporter } from '../report.ts';
import { Raw, type RawEffect } from './ast.ts';
import { hasSpace, indexIn, isSpaceCode, rawAt, skipSpace, trimEndAt } from './scan.ts';

export interface Tail {
  /** Text before the arrow (or before the effects when there is no arrow), trimmed. */
  head: Raw;
  target: Raw | null;
  effects: RawEffect[];
  /** Set when the tail cannot be read. */
  error?: { detail: string; start: number; end: number };
}

const ARROW = 0x2192; // →, preferred over the ASCII arrows `->` and `=>` wherever they appear

/** Splits `source[from, to)` into head, `→ target` and a trailing `{effects}` block. */
export function splitTail(source: string, from: number, to: number, r: Reporter): Tail {
  let effects: RawEffect[] = [];
  let end = trimEndAt(source, from, to);
  const last = end > from ? source.charCodeAt(end - 1) : -1;
  if (last === 0x7d /* } */ || last === 0xff5d /* ｝ */) {
    const open = Math.max(lastIndexIn(source, 0x7b, from, end), lastIndexIn(source, 0xff5b, from, end));
    if (open >= 0) {
      effects = parseEffects(source, open + 1, end - 1, r);
      end = trimEndAt(source, from, open);
    }
  }
  let at = indexIn(source, ARROW, from, end);
  let arrowLength = 1;
  if (at < 0) {
    at = indexOfPair(source, 0x2d /* - */, from, end);
    if (at < 0) at = indexOfPair(source, 0x3d /* = */, from, end);
    arrowLength = 2;
  }
  if (at < 0) return { head: rawAt(source, from, end), target: null, effects };
  const head = rawAt(source, from, at);
  const restStart = at + arrowLength;
  const target = rawAt(source, restStart, end);
  if (!target.text || hasSpace(source, target.start, target.end)) {
    const detail = target.text ? `expected one node id after the arrow, got \`${target.text}\`` : 'no node id after the arrow';
    return { head, target: null, effects, error: { detail, start: restStart, end } };
  }
  return { head, target, effects };
}

/** Parses `trust +10, irritation -5, patience = 20` in `source[from, to)`; reports `invalid_effect` for items it cannot read. */
export function parseEffects(source: string, from: number, to: number, r: Reporter): RawEffect[] {
  const out: RawEffect[] = [];
  let itemFrom = from;
  for (let i = from; i <= to; i++) {
    if (i < to && !isSeparator(source.charCodeAt(i))) continue;
    const item = rawAt(source, itemFrom, i);
    itemFrom = i + 1;
    if (!item.text) continue;
    const e = readEffect(item.text);
    if (!e) {
      r.report('invalid_effect', item, { value: item.text });
      continue;
    }
    const var_ = new Raw(item.text.slice(0, e.varEnd), item.start, item.start + e.varEnd);
    out.push({ var: var_, op: e.op, value: e.value });
  }
  return out;
}

// , ， 、 ; ；
const isSeparator = (c: number) => c === 0x2c || c === 0xff0c || c === 0x3001 || c === 0x3b || c === 0xff1b;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * One effect item, as the regex `^(\S+?)\s*(?:([+-])\s*(\d+(?:\.\d+)?)|[=＝]\s*(\d+(?:\.\d+)?))$` reads it: the
 * variable is the shortest run of non-space characters after which an operator and a number end the item.
 */
function readEffect(t: string): { varEnd: number; op: 'add' | 'set'; value: number } | null {
  for (let p = 1; p < t.length; p++) {
    if (isSpaceCode(t.charCodeAt(p - 1))) return null;
    let i = skipSpace(t, p, t.length);
    const c = t.charCodeAt(i);
    const op = c === 0x2b || c === 0x2d ? 'add' : c === 0x3d || c === 0xff1d ? 'set' : null;
    if (!op) continue;
    i = skipSpace(t, i + 1, t.length);
    const numEnd = numberEnd(t, i);
    if (numEnd !== t.length) continue;
    const n = Number(t.slice(i));
    return { varEnd: p, op, value: op === 'set' ? n : (c === 0x2d ? -1 : 1) * n };
  }
  return null;
}

/** End of `\d+(?:\.\d+)?` at `i`, or -1. */
function numberEnd(t: string, i: number): number {
  const start = i;
  while (i < t.length && isDigit(t.charCodeAt(i))) i++;
  if (i === start) return -1;
  if (t.charCodeAt(i) !== 0x2e) return i;
  const frac = i + 1;
  let j = frac;
  while (j < t.length && isDigit(t.charCodeAt(j))) j++;
  return j > frac ? j : i;
}

function lastIndexIn(source: string, code: number, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (source.charCodeAt(i) === code) return i;
  return -1;
}

/** Offset of the first `first` followed by `>` (`->`, `=>`) wholly inside `[from, to)`, else -1. */
function indexOfPair(source: string, first: number, from: number, to: number): number {
  for (let i = from; i + 1 < to; i++) if (source.charCodeAt(i) === first && source.charCodeAt(i + 1) === 0x3e) return i;
  return -1;
}
