/** Scores an opening-recitation drill: required elements covered, closeness to the standard text, typing speed. */

/** The job asks for 40 Chinese characters a minute; the drill shows speed against it. */
export const TARGET_CPM = 40;

/**
 * Faster than anyone types Chinese through an input method (fast professionals manage about 200 a minute): the
 * text was put in some other way, so no speed is claimed for it.
 */
export const MAX_TYPED_CPM = 400;

export interface DrillInput {
  text: string;
  /** The standard opening to recite. */
  model: string;
  required: string[];
  covered: string[];
  /** Milliseconds from the first keystroke to sending. */
  typingMs: number;
  /** The line was pasted (at least in part): its speed says nothing about typing. */
  pasted?: boolean;
}

export interface DrillResult {
  coverage: number;
  missing: string[];
  closeness: number;
  /** Null when the speed was not measured: the text was pasted, or came faster than typing can. */
  charsPerMinute: number | null;
  meetsSpeed: boolean;
  score: number;
}

/** Characters that count for speed and closeness: letters, digits and CJK, not spaces or punctuation. */
function countable(text: string): string[] {
  return [...text].filter((c) => /[\p{L}\p{N}]/u.test(c));
}

/** Dice coefficient over character bigrams: robust to small slips, word order changes cost a little. */
export function closeness(a: string, b: string): number {
  const grams = (s: string[]) => {
    const m = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i++) m.set(s[i] + s[i + 1], (m.get(s[i] + s[i + 1]) ?? 0) + 1);
    return m;
  };
  const ga = grams(countable(a));
  const gb = grams(countable(b));
  let overlap = 0;
  let total = 0;
  for (const [g, n] of ga) overlap += Math.min(n, gb.get(g) ?? 0);
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * overlap) / total;
}

/** Coverage (60 %) and closeness (40 %) make the score; speed is reported beside it, not mixed in. */
export function scoreDrill(input: DrillInput): DrillResult {
  const covered = new Set(input.covered);
  const missing = input.required.filter((e) => !covered.has(e));
  const coverage = input.required.length === 0 ? 1 : (input.required.length - missing.length) / input.required.length;
  const close = closeness(input.text, input.model);
  const minutes = input.typingMs / 60000;
  const measured = minutes > 0 ? Math.round(countable(input.text).length / minutes) : Infinity;
  const charsPerMinute = input.pasted || measured > MAX_TYPED_CPM ? null : measured;
  return {
    coverage,
    missing,
    closeness: close,
    charsPerMinute,
    meetsSpeed: charsPerMinute !== null && charsPerMinute >= TARGET_CPM,
    score: Math.round(100 * (0.6 * coverage + 0.4 * close)),
  };
}
