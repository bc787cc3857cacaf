/**
 * `npm run --silent score -- FILE [--jurisdiction CN|US] [--rules DIR] [--rules-only]`: scores each line of a JSON array
 * with the rules and the trained models (`--rules-only` leaves the models out) and prints
 * `[{id, violations, tone, moves}]`. Bad input → message on stderr, exit 2. Pack diagnostics go to stderr; the
 * broken rules are left out and scoring continues.
 */
import { readFileSync } from 'node:fs';
import { formatDiagnostic } from '../diagnostics/diagnostic.ts';
import { createEngine, loadRulePacks, type Jurisdiction } from '../scoring/index.ts';
import { readRuleFiles } from './rule-files.ts';
import { readModels } from './engine-node.ts';
import { InputError, parseScoreInput, scoreItems } from './score-input.ts';

const USAGE = 'usage: npm run --silent score -- FILE [--jurisdiction CN|US] [--rules DIR] [--rules-only]';

function main(argv: string[]): number {
  const args = [...argv];
  const take = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) throw new InputError(`${flag} needs a value`);
    args.splice(i, 2);
    return value;
  };
  const jurisdiction = take('--jurisdiction')?.toUpperCase();
  if (jurisdiction !== undefined && jurisdiction !== 'CN' && jurisdiction !== 'US')
    throw new InputError('--jurisdiction must be CN or US');
  const rulesDir = take('--rules') ?? 'content/rules';
  const rulesOnly = args.indexOf('--rules-only');
  if (rulesOnly >= 0) args.splice(rulesOnly, 1);
  if (args.length !== 1 || args[0].startsWith('--')) throw new InputError(`expected one input FILE\n${USAGE}`);

  let raw: string;
  try {
    raw = readFileSync(args[0], 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${args[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const items = parseScoreInput(raw);
  const loaded = loadRulePacks(readRuleFiles(rulesDir));
  for (const d of loaded.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  const engine = createEngine({ ...loaded, models: rulesOnly >= 0 ? undefined : readModels() });
  const out = scoreItems(engine, items, jurisdiction as Jurisdiction | undefined);
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  process.stderr.write(`score: ${e.message}\n`);
  process.exitCode = 2;
}
