/** Reads the rule-pack YAML files from disk for the Node entry points (CLI, tests, bench); src/scoring stays fs-free. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every `*.yaml`/`*.yml` file under `dir`, sorted, with paths relative to the working directory for diagnostics. */
export function readRuleFiles(dir = 'content/rules'): { file: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f))
    .map((path) => ({ file: relative(process.cwd(), path) || path, text: readFileSync(path, 'utf8') }));
}
