/**
 * Concept lexicons and order-free match clauses, compiled into ordinary patterns at load time (so the engine, its
 * prefilter, guards and safety checks see nothing new, and the browser receives plain patterns).
 *
 * - A concept is a named set of surface forms per language (content/rules/concepts.yaml): `police` is 警察, 公安,
 *   派出所, cops, the sheriff… A pattern names one as `{police}`; it becomes `(?:警察|公安|…)`.
 * - A `match:` clause says what a QA analyst would: `any` of some parts; `all` of them in any order within a window
 *   of characters; optionally `after` or `before` an anchor in the same sentence. The clause's core is its `hit`, so
 *   the guards look just before the core, not before the anchor; the quote is the whole clause, anchor included, like
 *   any pattern with a `(?<hit>…)` group.
 */
import type { Lang } from './types.ts';

export type ConceptTable = ReadonlyMap<string, Partial<Record<Lang, string[]>>>;

/** One order-free clause as written under `match.<lang>`. */
export interface MatchClause {
  any?: string[];
  all?: string[];
  /** Characters allowed between neighbouring parts of `all`, and between an anchor and the core. */
  within?: number;
  after?: string;
  before?: string;
}

export const DEFAULT_WINDOW: Record<Lang, number> = { zh: 12, en: 40 };
/** `all` with more parts would need too many orders; split the rule instead. */
export const MAX_ALL_PARTS = 3;
/** A gap never crosses the end of a sentence. */
const GAP: Record<Lang, string> = { zh: '[^。！？\\n]', en: '[^.!?\\n]' };

const REF = /\{([a-z][a-z0-9_]*)\}/g;

export interface ExpandProblem {
  code: 'unknown_concept' | 'concept_language';
  name: string;
  /** Offset of `{name}` in the pattern as written. */
  index: number;
  length: number;
}

/** Replaces every `{concept}` by its forms for `lang`; the first problem is returned instead. */
export function expandConcepts(
  src: string,
  lang: Lang,
  concepts: ConceptTable,
): { source: string } | { problem: ExpandProblem } {
  let problem: ExpandProblem | undefined;
  const source = src.replace(REF, (whole, name: string, index: number) => {
    const forms = concepts.get(name);
    if (!forms) problem ??= { code: 'unknown_concept', name, index, length: whole.length };
    else if (!forms[lang]?.length) problem ??= { code: 'concept_language', name, index, length: whole.length };
    return forms?.[lang]?.length ? `(?:${forms[lang]!.join('|')})` : whole;
  });
  return problem ? { problem } : { source };
}

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [xs.slice()];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The pattern (with concepts still as `{name}`) a clause stands for. */
export function clauseSource(clause: MatchClause, lang: Lang): string {
  const gap = `${GAP[lang]}{0,${clause.within ?? DEFAULT_WINDOW[lang]}}`;
  const core = clause.all?.length
    ? permutations(clause.all.map((p) => `(?:${p})`))
        .map((order) => order.join(gap))
        .join('|')
    : (clause.any ?? []).map((p) => `(?:${p})`).join('|');
  if (!clause.after && !clause.before) return core;
  return `${clause.after ? `(?:${clause.after})${gap}` : ''}(?<hit>${core})${clause.before ? `${gap}(?:${clause.before})` : ''}`;
}
