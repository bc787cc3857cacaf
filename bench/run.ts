/**
 * `npm run bench` — runs every `bench/*.bench.ts` and prints figures with their targets and baseline ratios.
 * `npm run --silent bench -- --json` prints a JSON array of {name, value, unit}. `--filter WORD` runs matching files.
 * Each file runs in a fresh Node process (same flags and loader as this one), so a figure does not depend on which
 * benchmarks ran before it: the cohort benches leave a large heap behind, and a compile measured after them paid for
 * its garbage collection. `--filter compile` and the full run measure the same thing.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './harness.ts';

const args = process.argv.slice(2);
const oneAt = args.indexOf('--one');
if (oneAt >= 0) {
  // Child mode: run one file and hand its figures to the parent on stdout.
  const mod = (await import(pathToFileURL(join(import.meta.dirname, args[oneAt + 1])).href)) as {
    default: () => Promise<BenchResult[]>;
  };
  process.stdout.write(JSON.stringify(await mod.default()));
  process.exit(0);
}
const json = args.includes('--json');
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;

const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const results: BenchResult[] = [];
for (const file of files) {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--one', file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  const got = JSON.parse(out) as BenchResult[];
  results.push(...got);
  if (!json) for (const r of got) console.log(describe(r));
}

if (json)
  console.log(
    JSON.stringify(
      results.map(({ name, value, unit }) => ({ name, value, unit })),
      null,
      2,
    ),
  );
const missed = results.filter((r) => r.target && !meets(r));
if (!json) console.log(`\n${results.length} figures, ${missed.length} missed their target`);
process.exitCode = missed.length ? 1 : 0;

function meets(r: BenchResult): boolean {
  if (!r.target) return true;
  return r.target.op === '<=' ? r.value <= r.target.value : r.value >= r.target.value;
}

function describe(r: BenchResult): string {
  const target = r.target ? `  target ${r.target.op} ${r.target.value} ${r.unit}: ${meets(r) ? 'met' : 'MISSED'}` : '';
  const note = r.note ? `  (${r.note})` : '';
  return `${r.name.padEnd(48)} ${formatValue(r.value).padStart(12)} ${r.unit}${target}${note}`;
}

function formatValue(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}
