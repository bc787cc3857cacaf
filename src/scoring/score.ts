/** Pure score helpers over findings: the call's compliance blocker, a 0–100 line score, the CLI's violations. */
import type { Finding, Severity } from './types.ts';

/** Deduction per finding; coaching categories (tone, script) count as minor whatever their severity. */
const WEIGHT: Record<Severity, number> = { critical: 100, major: 20, minor: 5 };
const COACHING = new Set(['tone', 'script']);

export interface Score {
  /** 0–100; any critical finding makes it 0. */
  score: number;
  /** A critical compliance finding fails the call whatever else was good. */
  blocker: boolean;
  counts: Record<Severity, number>;
}

/** True for findings that are compliance violations (everything except tone and script coaching). */
export function isViolation(f: Pick<Finding, 'category'>): boolean {
  return !COACHING.has(f.category);
}

/** The compliance blocker and a simple deduction score for a set of findings (one line or a whole call). */
export function scoreOf(findings: readonly Pick<Finding, 'category' | 'severity' | 'review'>[]): Score {
  const counts: Record<Severity, number> = { critical: 0, major: 0, minor: 0 };
  let deduction = 0;
  for (const f of findings) {
    // A model finding awaiting a mentor's review coaches but does not block until confirmed.
    const severity = isViolation(f) && !f.review ? f.severity : 'minor';
    counts[severity]++;
    deduction += WEIGHT[severity];
  }
  return { score: Math.max(0, 100 - deduction), blocker: counts.critical > 0, counts };
}
