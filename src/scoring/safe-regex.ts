/**
 * A small static check that a rule pattern cannot make the page hang. JavaScript regexes backtrack, so a pattern
 * like `(a+)+$` takes exponential time on a near-miss; trainers write patterns, so every one is checked at load.
 * Conservative by design: it rejects a few patterns that would have been fine, never the reverse for the shapes
 * it knows (nested repetition, repeated ambiguous alternation, backreferences, unbounded lookbehind).
 */

export const MAX_PATTERN_LENGTH = 300;
/**
 * A pattern once its `{concepts}` and `match:` clauses are expanded may be longer (an alternation of lexicon forms);
 * the authored text keeps the 300 limit, the expansion this one.
 */
export const MAX_EXPANDED_LENGTH = 8000;

export type UnsafeCode =
  | 'pattern_too_long'
  | 'backreference'
  | 'nested_quantifier'
  | 'ambiguous_alternation'
  | 'unbounded_lookbehind';

export interface PatternProblem {
  code: UnsafeCode | 'invalid_pattern';
  message: string;
  /** Offset in the pattern source where the problem starts. */
  index: number;
}

interface Group {
  start: number;
  lookbehind: boolean;
  /** A quantifier allowing more than one repetition occurs inside. */
  repeats: boolean;
  unbounded: boolean;
  /** First literal character of each alternative (undefined when not a plain literal). */
  firsts: Array<string | undefined>;
  atBranchStart: boolean;
}

/** Returns the first problem with `source` (syntax or safety), or undefined when it may be used. */
export function checkPattern(source: string, flags = 'u', maxLength = MAX_PATTERN_LENGTH): PatternProblem | undefined {
  if (source.length <= maxLength)
    try {
      new RegExp(source, flags);
    } catch (e) {
      return { code: 'invalid_pattern', message: (e as Error).message.replace(/^Invalid regular expression: /, ''), index: 0 };
    }
  return checkSafety(source, maxLength);
}

/** The safety half of `checkPattern`, for callers that compile the pattern anyway and catch syntax errors there. */
export function checkSafety(source: string, maxLength = MAX_PATTERN_LENGTH): PatternProblem | undefined {
  if (source.length > maxLength)
    return { code: 'pattern_too_long', message: `pattern is ${source.length} characters; the limit is ${maxLength}`, index: maxLength };
  return checkStructure(source);
}

/** Characters with a meaning in a pattern; everything else is a literal (most of an expanded concept list). */
const SPECIAL = new Set([...'\\[]()|*+?{}.^$'].map((c) => c.charCodeAt(0)));

function checkStructure(src: string): PatternProblem | undefined {
  const stack: Group[] = [newGroup(0, false)];
  let i = 0;
  while (i < src.length) {
    const top = stack[stack.length - 1];
    // Fast path for a run of plain literals: only the first character of a branch is remembered, and only a
    // quantifier after the run's last character needs reading.
    if (!SPECIAL.has(src.charCodeAt(i))) {
      if (top.atBranchStart) noteAtom(top, src[i]);
      let j = i + 1;
      while (j < src.length && !SPECIAL.has(src.charCodeAt(j))) j++;
      const q = readQuantifier(src, j);
      if (q) {
        top.repeats ||= q.max > 1;
        top.unbounded ||= q.max === Infinity;
        j += q.length;
      }
      i = j;
      continue;
    }
    const c = src[i];
    if (c === '\\') {
      const next = src[i + 1];
      if (/[1-9]/.test(next) || (next === 'k' && src[i + 2] === '<'))
        return { code: 'backreference', message: 'backreferences can take exponential time; match the text twice instead', index: i };
      noteAtom(top, /[a-zA-Z]/.test(next) ? undefined : next);
      i += 'uPp'.includes(next) && src[i + 2] === '{' ? src.indexOf('}', i) + 1 - i : 2;
    } else if (c === '[') {
      noteAtom(top, undefined);
      i = skipClass(src, i);
    } else if (c === '(') {
      const lookbehind = src.startsWith('(?<=', i) || src.startsWith('(?<!', i);
      stack.push(newGroup(i, lookbehind));
      i += src.startsWith('(?<', i) && !lookbehind ? src.indexOf('>', i) + 1 - i : src[i + 1] === '?' ? 3 + (lookbehind ? 1 : 0) : 1;
    } else if (c === ')') {
      const group = stack.pop()!;
      const parent = stack[stack.length - 1];
      i += 1;
      const q = readQuantifier(src, i);
      if (group.lookbehind && group.unbounded)
        return { code: 'unbounded_lookbehind', message: 'a lookbehind may only contain bounded repetition', index: group.start };
      if (q && q.max > 1 && group.repeats)
        return { code: 'nested_quantifier', message: 'a repeated group contains repetition (catastrophic backtracking); repeat only one of them', index: group.start };
      if (q && q.max > 1 && hasSharedFirst(group.firsts))
        return { code: 'ambiguous_alternation', message: 'a repeated group has alternatives that start alike; make them mutually exclusive', index: group.start };
      noteAtom(parent, group.firsts.length === 1 ? group.firsts[0] : undefined);
      parent.repeats ||= group.repeats || (q !== undefined && q.max > 1);
      parent.unbounded ||= group.unbounded || (q !== undefined && q.max === Infinity);
      if (q) i += q.length;
      continue;
    } else if (c === '|') {
      top.firsts.push(undefined);
      top.atBranchStart = true;
      i += 1;
    } else {
      const q = readQuantifier(src, i);
      if (q) {
        top.repeats ||= q.max > 1;
        top.unbounded ||= q.max === Infinity;
        i += q.length;
        continue;
      }
      noteAtom(top, c === '.' || c === '^' || c === '$' ? undefined : c);
      i += 1;
    }
    // A quantifier right after an atom (escape, class or literal) applies to that atom only.
    const q = readQuantifier(src, i);
    if (q) {
      top.repeats ||= q.max > 1;
      top.unbounded ||= q.max === Infinity;
      i += q.length;
    }
  }
  return undefined;
}

function newGroup(start: number, lookbehind: boolean): Group {
  return { start, lookbehind, repeats: false, unbounded: false, firsts: [undefined], atBranchStart: true };
}

function noteAtom(group: Group, literal: string | undefined): void {
  if (!group.atBranchStart) return;
  group.firsts[group.firsts.length - 1] = literal?.toLowerCase();
  group.atBranchStart = false;
}

/** Two alternatives that may start with the same character; an alternative we cannot read counts as "may". */
function hasSharedFirst(firsts: Array<string | undefined>): boolean {
  if (firsts.length < 2) return false;
  if (firsts.some((f) => f === undefined)) return true;
  return new Set(firsts).size < firsts.length;
}

function skipClass(src: string, i: number): number {
  let j = i + 1;
  if (src[j] === '^') j++;
  if (src[j] === ']') j++;
  while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1;
  return j + 1;
}

function readQuantifier(src: string, i: number): { max: number; length: number } | undefined {
  const c = src[i];
  let max: number;
  let length: number;
  if (c === '*' || c === '+') [max, length] = [Infinity, 1];
  else if (c === '?') [max, length] = [1, 1];
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 16));
    if (!m) return undefined;
    max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    length = m[0].length;
  } else return undefined;
  if (src[i + length] === '?') length += 1;
  return { max, length };
}
