/** The bundled scenarios compiled in Node, as the build compiles them for the app (content/scripts, same engine). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, locate } from '../diagnostics/diagnostic.ts';
import { compile, type Scenario, type ScenarioEngine } from '../scenarios/index.ts';
import { withReplies } from './replies-node.ts';

/**
 * Every script under `dir` that compiles, by scenario id, with its persona replies (content/replies). A script with errors is left out and its diagnostics go to
 * `warn` (the app's build would fail on it; `npm run lint:scripts` says more).
 */
export function loadScenariosForNode(
  engine: ScenarioEngine,
  dir = 'content/scripts',
  warn = (s: string) => process.stderr.write(s),
): Map<string, Scenario> {
  const out = new Map<string, Scenario>();
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && !/(^|\/)README\.md$/i.test(f))
    .sort();
  for (const f of files) {
    const file = join(dir, f);
    const source = readFileSync(file, 'utf8');
    const { scenario, diagnostics } = compile(source, { file, engine });
    if (scenario) out.set(scenario.id, withReplies(scenario));
    else for (const d of locate(source, diagnostics)) if (d.severity === 'error') warn(`${formatDiagnostic(d)}\n`);
  }
  return out;
}
