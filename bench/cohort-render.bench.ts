/**
 * Cohort view render in chromium (issue 7): the mentor's dashboard (trainee × scenario grid, violation heat map,
 * trend chart, readiness list) over 10,000 finished calls / 200,000 lines, generated deterministically. The figure is
 * mount + Svelte flush + style and layout, median of several renders after warm-up. Target ≤ 200 ms. Baselines from
 * the same page in the same run: the same dashboard over 1,000 calls, and the naive route that first rebuilds every
 * call's finding summary from its 200,000 lines (what the view would cost without the summaries stored per call).
 */
import { chromium } from 'playwright-core';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';
import type { BenchResult } from './harness.ts';

const root = join(import.meta.dirname, '..');
const RUNS = 9;
const WARMUP = 3;

/** Bundles the benchmark page (component styles injected by the JS) into one script. */
async function bundlePage(): Promise<string> {
  const out = (await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [svelte({ configFile: join(root, 'svelte.config.js'), compilerOptions: { css: 'injected' } })],
    build: {
      write: false,
      minify: true,
      lib: { entry: join(root, 'bench/cohort-render/main.ts'), formats: ['iife'], name: 'cohortBenchPage' },
    },
  })) as Rolldown.RolldownOutput[] | Rolldown.RolldownOutput;
  const chunk = (Array.isArray(out) ? out[0] : out).output.find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the benchmark page did not build');
  return chunk.code;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function cohortRender(): Promise<BenchResult[]> {
  const code = await bundlePage();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A real page origin (not about:blank) so the app's storage lookups behave as in the app.
    await page.route('http://bench.local/', (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>cohort bench</title></head><body></body></html>',
      }),
    );
    await page.goto('http://bench.local/');
    await page.addScriptTag({ content: code });
    const measure = (n: number, naive: boolean) =>
      page.evaluate(
        ([n, naive, runs, warmup]) => {
          const bench = (
            globalThis as unknown as {
              cohortBench: { render(n: number, naive: boolean): number; prepare(n: number): void };
            }
          ).cohortBench;
          bench.prepare(n); // data generation is not part of the render
          for (let i = 0; i < warmup; i++) bench.render(n, naive);
          return Array.from({ length: runs }, () => bench.render(n, naive));
        },
        [n, naive, RUNS, WARMUP] as const,
      );
    const big = await measure(10_000, false);
    const small = await measure(1_000, false);
    const naive = await measure(10_000, true);
    const size = await page.evaluate(() =>
      (
        globalThis as unknown as { cohortBench: { size(n: number): { rows: number; cells: number; turns: number } } }
      ).cohortBench.size(10_000),
    );
    const note = `${size.turns.toLocaleString('en')} lines, ${size.rows} table rows, ${size.cells} cells; median of ${RUNS} after ${WARMUP} warm-up`;
    return [
      {
        name: 'cohort render 10,000 calls (chromium) median',
        value: median(big),
        unit: 'ms',
        target: { op: '<=', value: 200 },
        note,
      },
      { name: 'cohort render 10,000 calls, slowest run', value: Math.max(...big), unit: 'ms' },
      { name: 'cohort render 1,000 calls (baseline) median', value: median(small), unit: 'ms' },
      { name: 'cohort render 10,000 / 1,000 calls', value: median(big) / median(small), unit: 'x' },
      { name: 'naive: summaries from 200,000 lines + render', value: median(naive), unit: 'ms' },
      { name: 'naive / cohort render (10,000 calls)', value: median(naive) / median(big), unit: 'x' },
    ];
  } finally {
    await browser.close();
  }
}
