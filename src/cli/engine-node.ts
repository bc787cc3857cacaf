/** The engine the app ships, built in Node from content/rules (for the eval and training CLIs). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, loadRulePacks, type Models, type ScoringEngine } from '../scoring/index.ts';
import { readRuleFiles } from './rule-files.ts';
import { formatDiagnostic } from '../diagnostics/diagnostic.ts';

/** The trained classifiers in `dir` (content/models/<lang>.json), those that exist. */
export function readModels(dir = 'content/models'): Models {
  const models: Models = {};
  for (const lang of ['zh', 'en'] as const) {
    const file = join(dir, `${lang}.json`);
    if (existsSync(file)) models[lang] = JSON.parse(readFileSync(file, 'utf8'));
  }
  return models;
}

export async function loadEngineForNode(
  rulesDir = 'content/rules',
  withModels = true,
): Promise<{ engine: ScoringEngine; moveIds: string[] }> {
  const loaded = loadRulePacks(readRuleFiles(rulesDir));
  // A broken rule is left out; say so, or a figure would silently drop with it.
  for (const d of loaded.diagnostics) if (d.severity === 'error') process.stderr.write(`${formatDiagnostic(d)}\n`);
  const moveIds = loaded.moves.filter((m) => m.kind === 'move').map((m) => m.id);
  return { engine: createEngine({ ...loaded, models: withModels ? readModels() : undefined }), moveIds };
}
