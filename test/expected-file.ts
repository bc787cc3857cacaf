/**
 * The fixture-folder tests' one way to read their `expected.json`: `UPDATE_SNAPSHOTS=1` rewrites it; a missing file
 * is written on a developer's first run, but under CI it fails, so a case whose expectation was never committed
 * cannot pass by writing its own answer.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function expectedJson(file: string, actual: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  const missing = !existsSync(file);
  if (missing && env.CI && !env.UPDATE_SNAPSHOTS)
    throw new Error(`${file} is missing: run the test with UPDATE_SNAPSHOTS=1 locally, check the file and commit it`);
  if (env.UPDATE_SNAPSHOTS || missing) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
  return JSON.parse(readFileSync(file, 'utf8'));
}
