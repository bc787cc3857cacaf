/** Splits a line into plain and highlighted segments so findings can be marked in the trainee's own words. */
import type { Finding } from '../scoring/types.ts';

export interface Segment {
  text: string;
  /** Indexes of the spans (findings) covering this segment; empty for plain text. */
  marks: number[];
}

/** Segments of `text` at every span boundary; overlapping spans produce segments carrying both indexes. */
export function segments(text: string, spans: readonly { start: number; end: number }[]): Segment[] {
  const cuts = new Set([0, text.length]);
  spans.forEach((s) => {
    if (s.end > s.start) {
      cuts.add(Math.max(0, Math.min(text.length, s.start)));
      cuts.add(Math.max(0, Math.min(text.length, s.end)));
    }
  });
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const marks = spans.flatMap((s, k) => (s.start <= a && s.end >= b && s.end > s.start ? [k] : []));
    const last = out[out.length - 1];
    if (last && last.marks.join() === marks.join()) last.text += text.slice(a, b);
    else out.push({ text: text.slice(a, b), marks });
  }
  return out;
}

/** How a highlight is drawn: a rule's finding, a model finding that counts, or one awaiting a mentor's review. */
export type MarkKind = 'rule' | 'model' | 'review';

/** The strongest kind among the findings covering a segment: a rule's finding outranks a model's, which outranks a review. */
export function markKind(findings: readonly Pick<Finding, 'origin' | 'review'>[]): MarkKind {
  if (findings.some((f) => f.origin !== 'model')) return 'rule';
  return findings.some((f) => !f.review) ? 'model' : 'review';
}
