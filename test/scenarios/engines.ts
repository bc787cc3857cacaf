/** Real scoring engines for the scenario tests: the frozen fixture pack (samples) and the live content/rules. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, loadRulePacks, type ScoringEngine } from '../../src/scoring/index.ts';

const root = join(import.meta.dirname, '../..');

function engineFrom(files: string[]): ScoringEngine {
  const loaded = loadRulePacks(files.map((p) => ({ file: p, text: readFileSync(p, 'utf8') })));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length)
    throw new Error(`rule files do not load: ${errors.map((d) => `${d.file}:${d.line} ${d.message}`).join('; ')}`);
  return createEngine(loaded);
}

function yamlIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** The content moves (with the concepts they name) plus the frozen fixture pack: stable across rule-pack edits. */
export function fixtureEngine(): ScoringEngine {
  return engineFrom([
    join(root, 'content/rules/concepts.yaml'),
    join(root, 'content/rules/moves.yaml'),
    ...yamlIn(join(import.meta.dirname, 'fixtures/rules')),
  ]);
}

/** Everything under content/rules, as the build and the CLI use it. */
export function contentEngine(): ScoringEngine {
  return engineFrom(yamlIn(join(root, 'content/rules')));
}
