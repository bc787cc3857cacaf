/**
 * Baselines the benchmarks compare against are not the app's dependencies: each is installed from the npm registry
 * into `.cache/bench-baselines/` the first time `npm run bench` needs it, so `npm install` (and CI) never pulls them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = join(import.meta.dirname, '..', '.cache', 'bench-baselines');

/** Imports `name@version`, installing it first if this machine has not got it. */
export async function baseline<T>(name: string, version: string): Promise<T> {
  const pkg = join(dir, 'node_modules', name);
  const manifest = join(pkg, 'package.json');
  const installed =
    existsSync(manifest) &&
    (await import(pathToFileURL(manifest).href, { with: { type: 'json' } })).default.version === version;
  if (!installed) {
    process.stderr.write(`bench: installing the baseline ${name}@${version} into .cache/bench-baselines (once)\n`);
    execFileSync(
      'npm',
      ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `${name}@${version}`],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
  }
  return (await import(pathToFileURL(join(pkg, 'index.js')).href)) as T;
}
