/**
 * A small static check that a rule pattern cannot make the page hang. JavaScript regexes backtrack, so a pattern
 * like `(a+)+$` takes exponential time on a near-miss; trainers write patterns, so every one is checked at load.
 * Conservative by design: it rejects a few patterns that would have been fine, never the reverse for the shapes
 * it knows (nested repetition, repeated ambiguous alternation — an optional first atom makes an alternative start
 * like anything —, more than one unbounded repetition of a wide atom, backreferences, unbounded lookbehind).
 * `npm run recheck` proves the shipped patterns with a real analyser in CI; this guard is the quick check the page
 * runs on what a trainer types.
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
  | 'polynomial_repetition'
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
  /** The last atom read was the first of its alternative (an optional quantifier after it unsettles the first). */
  lastWasFirst: boolean;
  /** Unbounded wide repetitions on the path before the group, and the most any finished alternative added to it. */
  wideBase: number;
  wideMax: number;
}

/** Atoms that match most characters: two unbounded repetitions of them in one pattern backtrack polynomially. */
const WIDE_ESCAPES = new Set(['S', 'W', 'D', 'P']);

/** Returns the first problem with `source` (syntax or safety), or undefined when it may be used. */
export function checkPattern(source: string, flags = 'u', maxLength = MAX_PATTERN_LENGTH): PatternProblem | undefined {
  if (source.length <= maxLength)
    try {
      new RegExp(source, flags);
    } catch (e) {
      return {
        code: 'invalid_pattern',
        message: (e as Error).message.replace(/^Invalid regular expression: /, ''),
        index: 0,
      };
    }
  return checkSafety(source, maxLength);
}

/** The safety half of `checkPattern`, for callers that compile the pattern anyway and catch syntax errors there. */
export function checkSafety(source: string, maxLength = MAX_PATTERN_LENGTH): PatternProblem | undefined {
  if (source.length > maxLength)
    return {
      code: 'pattern_too_long',
      message: `pattern is ${source.length} characters; the limit is ${maxLength}`,
      index: maxLength,
    };
  return checkStructure(source);
}

/** Characters with a meaning in a pattern; everything else is a literal (most of an expanded concept list). */
const SPECIAL = new Set([...'\\[]()|*+?{}.^$'].map((c) => c.charCodeAt(0)));

function checkStructure(src: string): PatternProblem | undefined {
  const stack: Group[] = [newGroup(0, false)];
  let i = 0;
  /** Whether the atom just read matches most characters (`.`, a negated class, `\\S`…). */
  let wide = false;
  let wideUnbounded = 0;
  /** Applies a quantifier to the atom just read; a problem when it is the second unbounded wide repetition. */
  const quantify = (top: Group, q: { min: number; max: number }, at: number): PatternProblem | undefined => {
    top.repeats ||= q.max > 1;
    top.unbounded ||= q.max === Infinity;
    if (q.min === 0 && top.lastWasFirst) top.firsts[top.firsts.length - 1] = undefined;
    if (wide && q.max === Infinity && ++wideUnbounded > 1)
      return {
        code: 'polynomial_repetition',
        message:
          'two unbounded repetitions of a wide atom (. [^…] \\S) in a row backtrack polynomially; bound one with {0,n}',
        index: at,
      };
    return undefined;
  };
  while (i < src.length) {
    const top = stack[stack.length - 1];
    // Fast path for a run of plain literals: only the first character of a branch is remembered, and only a
    // quantifier after the run's last character needs reading.
    if (!SPECIAL.has(src.charCodeAt(i))) {
      noteAtom(top, src[i]);
      let j = i + 1;
      while (j < src.length && !SPECIAL.has(src.charCodeAt(j))) j++;
      // A quantifier applies to the run's last character only: the first stays settled unless the run is one long.
      if (j - i > 1) top.lastWasFirst = false;
      wide = false;
      const q = readQuantifier(src, j);
      if (q) {
        const problem = quantify(top, q, j);
        if (problem) return problem;
        j += q.length;
      }
      i = j;
      continue;
    }
    const c = src[i];
    if (c === '\\') {
      const next = src[i + 1];
      if (/[1-9]/.test(next) || (next === 'k' && src[i + 2] === '<'))
        return {
          code: 'backreference',
          message: 'backreferences can take exponential time; match the text twice instead',
          index: i,
        };
      noteAtom(top, /[a-zA-Z]/.test(next) ? undefined : next);
      wide = WIDE_ESCAPES.has(next);
      i += 'uPp'.includes(next) && src[i + 2] === '{' ? src.indexOf('}', i) + 1 - i : 2;
    } else if (c === '[') {
      noteAtom(top, undefined);
      wide = src[i + 1] === '^';
      i = skipClass(src, i);
    } else if (c === '(') {
      const lookbehind = src.startsWith('(?<=', i) || src.startsWith('(?<!', i);
      stack.push({ ...newGroup(i, lookbehind), wideBase: wideUnbounded, wideMax: wideUnbounded });
      i +=
        src.startsWith('(?<', i) && !lookbehind
          ? src.indexOf('>', i) + 1 - i
          : src[i + 1] === '?'
            ? 3 + (lookbehind ? 1 : 0)
            : 1;
    } else if (c === ')') {
      const group = stack.pop()!;
      const parent = stack[stack.length - 1];
      // Alternatives are different paths: the path through the group carries the most any of them added.
      wideUnbounded = Math.max(group.wideMax, wideUnbounded);
      i += 1;
      const q = readQuantifier(src, i);
      if (group.lookbehind && group.unbounded)
        return {
          code: 'unbounded_lookbehind',
          message: 'a lookbehind may only contain bounded repetition',
          index: group.start,
        };
      if (q && q.max > 1 && group.repeats)
        return {
          code: 'nested_quantifier',
          message: 'a repeated group contains repetition (catastrophic backtracking); repeat only one of them',
          index: group.start,
        };
      if (q && q.max > 1 && hasSharedFirst(group.firsts))
        return {
          code: 'ambiguous_alternation',
          message: 'a repeated group has alternatives that start alike; make them mutually exclusive',
          index: group.start,
        };
      noteAtom(parent, group.firsts.length === 1 ? group.firsts[0] : undefined);
      parent.repeats ||= group.repeats;
      parent.unbounded ||= group.unbounded;
      // A repeated group counts as wide when it can match a wide atom (conservative: any group holding one).
      wide = false;
      if (q) {
        const problem = quantify(parent, q, i);
        if (problem) return problem;
        i += q.length;
      }
      continue;
    } else if (c === '|') {
      top.wideMax = Math.max(top.wideMax, wideUnbounded);
      wideUnbounded = top.wideBase;
      top.firsts.push(undefined);
      top.atBranchStart = true;
      i += 1;
    } else {
      const q = readQuantifier(src, i);
      if (q) {
        const problem = quantify(top, q, i);
        if (problem) return problem;
        i += q.length;
        continue;
      }
      noteAtom(top, c === '.' || c === '^' || c === '$' ? undefined : c);
      wide = c === '.';
      i += 1;
    }
    // A quantifier right after an atom (escape, class or literal) applies to that atom only.
    const q = readQuantifier(src, i);
    if (q) {
      const problem = quantify(top, q, i);
      if (problem) return problem;
      i += q.length;
    }
  }
  return undefined;
}

function newGroup(start: number, lookbehind: boolean): Group {
  return {
    start,
    lookbehind,
    repeats: false,
    unbounded: false,
    firsts: [undefined],
    atBranchStart: true,
    lastWasFirst: false,
    wideBase: 0,
    wideMax: 0,
  };
}

function noteAtom(group: Group, literal: string | undefined): void {
  group.lastWasFirst = group.atBranchStart;
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

function readQuantifier(src: string, i: number): { min: number; max: number; length: number } | undefined {
  const c = src[i];
  let min: number;
  let max: number;
  let length: number;
  if (c === '*') [min, max, length] = [0, Infinity, 1];
  else if (c === '+') [min, max, length] = [1, Infinity, 1];
  else if (c === '?') [min, max, length] = [0, 1, 1];
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 16));
    if (!m) return undefined;
    min = Number(m[1]);
    max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    length = m[0].length;
  } else return undefined;
  if (src[i + length] === '?') length += 1;
  return { min, max, length };
}
