#!/usr/bin/env node
// `npm test`: every check a change must pass, in order of speed; stops at the first failure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const node = process.execPath;
/** @type {[string, string[]][]} */
const steps = [
  [
    'type check (svelte-check)',
    [
      'node_modules/svelte-check/bin/svelte-check',
      '--tsconfig',
      './tsconfig.json',
      '--fail-on-warnings',
      '--output',
      'human',
    ],
  ],
  ['code lint (npm run lint: eslint)', ['node_modules/eslint/bin/eslint.js', '.']],
  ['code format (npm run format:check: prettier)', ['node_modules/prettier/bin/prettier.cjs', '--check', '.']],
  ['content lint (npm run lint:scripts)', ['node_modules/tsx/dist/cli.mjs', 'src/cli/lint-scripts.ts']],
  [
    'rule patterns proven free of catastrophic backtracking (npm run recheck -- --check)',
    ['node_modules/tsx/dist/cli.mjs', 'tools/recheck-patterns.ts', '--check'],
  ],
  ['unit and component tests (vitest)', ['node_modules/vitest/vitest.mjs', 'run']],
  [
    'shipped models are what the corpus trains (npm run train -- --check)',
    ['node_modules/tsx/dist/cli.mjs', 'tools/train-classifier.ts', '--check'],
  ],
  [
    'language evaluation on the held-out test split (npm run eval -- --check)',
    ['node_modules/tsx/dist/cli.mjs', 'src/cli/eval.ts', '--check', '--misses', '0'],
  ],
  ['browser tests (playwright + chromium)', ['scripts/e2e.mjs']],
];

const summary = [];
for (const [name, args] of steps) {
  console.log(`\n=== ${name}`);
  const t0 = Date.now();
  const r = spawnSync(node, args, { cwd: root, stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  summary.push(`${r.status === 0 ? 'ok  ' : 'FAIL'} ${name} (${secs} s)`);
  if (r.status !== 0) {
    console.log(`\n${summary.join('\n')}`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n${summary.join('\n')}`);
