#!/usr/bin/env node
// Browser tests: builds the app, then Playwright drives Debian's chromium against `vite preview` on 127.0.0.1.
// Outside CI a missing chromium is reported loudly and skipped; under CI=true it is a failure.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';

const root = join(import.meta.dirname, '..');
const chromium = findChromium();
if (!chromium) {
  const msg = [
    '',
    `!! Browser tests were NOT run: no chromium found (${process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : 'looked at /usr/bin/chromium'}).`,
    '!! Install it with:  sudo apt-get install -y chromium   (or set CHROMIUM_PATH), then run npm test again.',
    '',
  ].join('\n');
  if (process.env.CI === 'true') {
    console.error(msg + '!! CI=true: a missing chromium is a failure.');
    process.exit(1);
  }
  console.warn(msg);
  process.exit(0);
}

const node = process.execPath;
const build = spawnSync(node, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const run = spawnSync(node, [join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
});
process.exit(run.status ?? 1);
