/** Shared shape and helpers for the benchmark files run by `bench/run.ts`. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** The figure the project promises; `npm run bench` exits 1 when one is missed. */
  target?: { op: '<=' | '>='; value: number };
  note?: string;
}

/** Percentile of already-collected samples (nearest-rank). */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Times `fn` once per item after a warm-up pass, returning per-call milliseconds. */
export function timeEach<T>(items: readonly T[], fn: (item: T) => unknown, warmup = 1): number[] {
  for (let w = 0; w < warmup; w++) for (const item of items) fn(item);
  const samples: number[] = [];
  for (const item of items) {
    const t0 = performance.now();
    fn(item);
    samples.push(performance.now() - t0);
  }
  return samples;
}
