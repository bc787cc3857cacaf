/** Per-attempt finding counts, computed once when an attempt ends so progress queries stay index-only. */
import type { Finding } from '../scoring/types.ts';
import type { FindingSummary, Turn } from './types.ts';

/** Counts the findings of the trainee's turns by category and by rule, and those awaiting a mentor's review. */
export function summarizeFindings(turns: readonly Pick<Turn, 'assessment'>[]): FindingSummary {
  const summary: FindingSummary = { byCategory: {}, byRule: {} };
  for (const turn of turns) {
    for (const f of (turn.assessment?.findings ?? []) as Finding[]) {
      summary.byCategory[f.category] = (summary.byCategory[f.category] ?? 0) + 1;
      const entry = (summary.byRule[f.rule] ??= { category: f.category, severity: f.severity, count: 0 });
      entry.count++;
      if (f.review) summary.awaitingReview = (summary.awaitingReview ?? 0) + 1;
    }
  }
  return summary;
}
