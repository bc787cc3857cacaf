/**
 * Phase 1c helpers: the `→ target {effects}` tail shared by branches and options, and effect lists. Both read
 * offsets of the whole source (no per-line copies); spans are those offsets.
 */
import { STATE_INDEX, STATE_WORDS, lookup } from '../keywords.ts';
import type { Reporter } from '../report.ts';
import { Raw, RawEffectItem, type RawEffect } from './ast.ts';
import { Interned } from './interned.ts';
import { hasSpace, indexIn, isSpaceCode, rawAt, skipSpace, trimEndAt } from './scan.ts';

export interface Tail {
  /**
   * Offsets of the text before the arrow (or before the effects when there is no arrow), trimmed: a branch's is only
   * parsed, never kept, so it is not made into a value here.
   */
  headStart: number;
  headEnd: number;
  target: Raw | null;
  effects: RawEffect[];
  /** Set when the tail cannot be read. */
  error?: { detail: string; start: number; end: number };
}

const ARROW = 0x2192; // →, preferred over the ASCII arrows `->` and `=>` wherever they appear

/** The one result object of `splitTail`, refilled by every call (a tail is read right away, never kept). */
const tail: Tail = { headStart: 0, headEnd: 0, target: null, effects: [], error: undefined };

function result(headStart: number, headEnd: number, target: Raw | null, effects: RawEffect[], error?: Tail['error']): Tail {
  tail.headStart = headStart;
  tail.headEnd = headEnd;
  tail.target = target;
  tail.effects = effects;
  tail.error = error;
  return tail;
}

/**
 * Splits `source[from, to)` into head, `→ target` and a trailing `{effects}` block (read through `cache`); the result is
 * valid until the next call.
 */
export function splitTail(source: string, from: number, to: number, r: Reporter, cache: EffectCache): Tail {
  let effects = NO_EFFECTS;
  let end = trimEndAt(source, from, to);
  const last = end > from ? source.charCodeAt(end - 1) : -1;
  if (last === 0x7d /* } */ || last === 0xff5d /* ｝ */) {
    const open = lastBraceIn(source, from, end);
    if (open >= 0) {
      effects = cache.parse(source, open + 1, end - 1, r);
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
  // Trimmed as `rawAt` trims: the start first, then the end down to it.
  if (at < 0) {
    const headStart = skipSpace(source, from, end);
    return result(headStart, trimEndAt(source, headStart, end), null, effects);
  }
  const headStart = skipSpace(source, from, at);
  const headEnd = trimEndAt(source, headStart, at);
  const restStart = at + arrowLength;
  const target = rawAt(source, restStart, end);
  if (!target.text || hasSpace(source, target.start, target.end)) {
    const detail = target.text ? `expected one node id after the arrow, got \`${target.text}\`` : 'no node id after the arrow';
    return result(headStart, headEnd, null, effects, { detail, start: restStart, end });
  }
  return result(headStart, headEnd, target, effects);
}

/**
 * Effect lists already read in this script, by their text (see `Interned`). Lists repeat (in the 15 seed scripts, 115
 * of the 204 `{…}` blocks repeat one already written in the same script, `{trust +10}` above all), so each distinct
 * text is read once and its list shared. Only lists that read cleanly and name only known state variables are kept:
 * those are never reported, so sharing their spans (the first occurrence's) changes no diagnostic; any other list is
 * read, and reported, wherever it is written.
 */
export class EffectCache {
  private readonly lists = new Interned<RawEffect[]>();
  /** Lists returned more than once. */
  readonly reused = this.lists.reused;

  parse(source: string, from: number, to: number, r: Reporter): RawEffect[] {
    if (!this.lists.active) return parseEffects(source, from, to, r);
    const text = source.slice(from, to);
    const known = this.lists.find(text);
    if (known) return known;
    const reported = r.diagnostics.length;
    const list = parseEffects(source, from, to, r);
    this.lists.keep(text, list, r.diagnostics.length === reported && list.every(isKnownVar));
    return list;
  }
}

/** Whether resolving the effect's variable succeeds (what `resolveEffects` checks). */
const isKnownVar = (e: RawEffect): boolean => lookup(STATE_WORDS, e.var.text) !== undefined;

/** Parses `trust +10, irritation -5, patience = 20` in `source[from, to)`; reports `invalid_effect` for items it cannot read. */
export function parseEffects(source: string, from: number, to: number, r: Reporter): RawEffect[] {
  // Read in place: an item is sliced only for a diagnostic, and the list is made only once an effect is read.
  let out: RawEffect[] | null = null;
  let itemFrom = from;
  for (let i = from; i <= to; i++) {
    if (i < to && !isSeparator(source.charCodeAt(i))) continue;
    const a = skipSpace(source, itemFrom, i);
    const b = trimEndAt(source, a, i);
    itemFrom = i + 1;
    if (a === b) continue;
    const varEnd = readEffect(source, a, b);
    if (varEnd < 0) {
      r.report('invalid_effect', { start: a, end: b }, { value: source.slice(a, b) });
      continue;
    }
    // A variable written as listed (`trust`) reuses the table's string instead of a slice of the same text.
    const name = STATE_INDEX.keyAt(source, a, varEnd) ?? source.slice(a, varEnd);
    const e = new RawEffectItem(name, a, varEnd, effectOp, effectValue);
    if (out) out.push(e);
    else out = [e];
  }
  return out ?? NO_EFFECTS;
}

/** The shared result for "no effects" (raw effect lists are only read, never changed). */
const NO_EFFECTS: RawEffect[] = [];

// , ， 、 ; ；
const isSeparator = (c: number) => c === 0x2c || c === 0xff0c || c === 0x3001 || c === 0x3b || c === 0xff1b;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Operator and value of the last effect `readEffect` read (second and third return values without an allocation). */
let effectOp: 'add' | 'set' = 'add';
let effectValue = 0;

/**
 * One trimmed effect item `source[from, to)`, as the regex `^(\S+?)\s*(?:([+-])\s*(\d+(?:\.\d+)?)|[=＝]\s*(\d+(?:\.\d+)?))$`
 * reads it: the variable is the shortest run of non-space characters after which an operator and a number end the
 * item. Returns the variable's end offset (or -1) and sets `effectOp` and `effectValue`.
 */
function readEffect(source: string, from: number, to: number): number {
  for (let p = from + 1; p < to; p++) {
    if (isSpaceCode(source.charCodeAt(p - 1))) return -1;
    let i = skipSpace(source, p, to);
    if (i >= to) continue;
    const c = source.charCodeAt(i);
    const op = c === 0x2b || c === 0x2d ? 'add' : c === 0x3d || c === 0xff1d ? 'set' : null;
    if (!op) continue;
    i = skipSpace(source, i + 1, to);
    const numEnd = numberEnd(source, i, to);
    if (numEnd !== to) continue;
    const n = Number(source.slice(i, to));
    effectOp = op;
    effectValue = op === 'set' ? n : (c === 0x2d ? -1 : 1) * n;
    return p;
  }
  return -1;
}

/** End of `\d+(?:\.\d+)?` at `i` within `[i, to)`, or -1. */
function numberEnd(source: string, i: number, to: number): number {
  const start = i;
  while (i < to && isDigit(source.charCodeAt(i))) i++;
  if (i === start) return -1;
  if (i >= to || source.charCodeAt(i) !== 0x2e) return i;
  const frac = i + 1;
  let j = frac;
  while (j < to && isDigit(source.charCodeAt(j))) j++;
  return j > frac ? j : i;
}

/** Offset of the last `{` or `｛` in `[from, to)`, else -1 (one scan for both). */
function lastBraceIn(source: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) {
    const c = source.charCodeAt(i);
    if (c === 0x7b || c === 0xff5b) return i;
  }
  return -1;
}

/** Offset of the first `first` followed by `>` (`->`, `=>`) wholly inside `[from, to)`, else -1. */
function indexOfPair(source: string, first: number, from: number, to: number): number {
  for (let i = from; i + 1 < to; i++) if (source.charCodeAt(i) === first && source.charCodeAt(i + 1) === 0x3e) return i;
  return -1;
}
