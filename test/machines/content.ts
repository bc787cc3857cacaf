/**
 * Test/bench helper: the real scoring engine over content/rules and every content/scripts scenario compiled to IR, with
 * its persona replies (content/replies), as the app gets it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { withReplies } from '../../src/cli/replies-node.ts';
import { compile } from '../../src/scenarios/index.ts';
import type { Scenario } from '../../src/scenarios/ir.ts';
import { createEngine, loadRulePacks } from '../../src/scoring/index.ts';
import type { ScoringEngine } from '../../src/scoring/types.ts';

const root = join(import.meta.dirname, '..', '..');
let engine: ScoringEngine | undefined;
let scenarios: Scenario[] | undefined;

/** The scoring engine built from content/rules (once per process). */
export function contentEngine(): ScoringEngine {
  if (!engine) {
    const loaded = loadRulePacks(readRuleFiles(join(root, 'content/rules')));
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length)
      throw new Error(`content/rules has errors:\n${errors.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n')}`);
    engine = createEngine(loaded);
  }
  return engine;
}

/** Scripts in content/scripts that do not compile (the lint's business, reported so a skipped file is visible). */
export const notCompiled: string[] = [];

/**
 * Every scenario in content/scripts that compiles with the real engine. Scripts that do not compile are listed in
 * `notCompiled` (and fail `npm run lint:scripts`), not here: the machines can only run a valid IR.
 */
export function contentScenarios(): Scenario[] {
  if (!scenarios) {
    const dir = join(root, 'content/scripts');
    scenarios = [];
    for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((x) => x.endsWith('.md') && !x.endsWith('README.md'))
      .sort()) {
      const file = `content/scripts/${f}`;
      const { scenario, diagnostics } = compile(readFileSync(join(dir, f), 'utf8'), { file, engine: contentEngine() });
      if (scenario) scenarios.push(withReplies(scenario));
      else
        notCompiled.push(
          `${file}: ${diagnostics
            .filter((d) => d.severity === 'error')
            .map((d) => `${d.line}:${d.column} ${d.code}`)
            .join(', ')}`,
        );
    }
  }
  return scenarios;
}

/** One content scenario by id. */
export function contentScenario(id: string): Scenario {
  const s = contentScenarios().find((x) => x.id === id);
  if (!s)
    throw new Error(
      `no scenario "${id}" in content/scripts (have: ${contentScenarios()
        .map((x) => x.id)
        .join(', ')})`,
    );
  return s;
}
