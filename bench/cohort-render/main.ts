/**
 * The benchmark page: renders the mentor's cohort dashboard from in-memory data and times it (mount, Svelte's flush
 * and the browser's style and layout), so the figure covers what a mentor waits for, not only the aggregation.
 */
import { flushSync, mount, unmount } from 'svelte';
import CohortDashboard from '../../src/ui/review/CohortDashboard.svelte';
import { generateCohort, summariesFromLines, type BenchCohort } from './generate.ts';

const cache = new Map<number, BenchCohort>();

function cohort(n: number): BenchCohort {
  let c = cache.get(n);
  if (!c) cache.set(n, (c = generateCohort(n)));
  return c;
}

/** Milliseconds to render the dashboard for `n` calls; `naive` first rebuilds every summary from the lines. */
function render(n: number, naive: boolean): number {
  const data = cohort(n);
  const target = document.createElement('main');
  document.body.append(target);
  const required = ['s00', 's01', 's02', 's03'];
  const t0 = performance.now();
  const attempts = naive ? summariesFromLines(data.attempts, data.lines) : data.attempts;
  const app = mount(CohortDashboard, {
    target,
    props: { profiles: data.profiles, attempts, required, lastN: 5, titles: data.titles },
  });
  flushSync();
  void target.getBoundingClientRect().height; // forces style and layout of everything just rendered
  const ms = performance.now() - t0;
  const rows = target.querySelectorAll('tr').length;
  unmount(app);
  target.remove();
  if (rows < 100) throw new Error(`the dashboard rendered only ${rows} table rows`);
  return ms;
}

/** Counts what one render of `n` calls puts on the page (to report the size of what was timed). */
function size(n: number): { rows: number; cells: number; turns: number } {
  const data = cohort(n);
  const target = document.createElement('main');
  document.body.append(target);
  const app = mount(CohortDashboard, {
    target,
    props: { profiles: data.profiles, attempts: data.attempts, required: ['s00'], lastN: 5, titles: data.titles },
  });
  flushSync();
  const out = {
    rows: target.querySelectorAll('tr').length,
    cells: target.querySelectorAll('td').length,
    turns: data.lines.length,
  };
  unmount(app);
  target.remove();
  return out;
}

(globalThis as unknown as { cohortBench: unknown }).cohortBench = {
  render,
  size,
  prepare: (n: number) => void cohort(n),
};
