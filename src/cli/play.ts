/**
 * `npm run --silent play -- FILE`: plays typed calls (`[{id, scenario, seed?, lines}]`) on the live persona machine
 * with the engine and models the app ships, and prints `[{id, seed, ended, outcome, passed, blockers, turns}]`.
 * Bad input → a positioned reason on stderr, nothing on stdout, exit 2.
 */
import { readFileSync } from 'node:fs';
import { loadEngineForNode } from './engine-node.ts';
import { parsePlayInput, PlayInputError, playItems } from './play-calls.ts';
import { loadScenariosForNode } from './scenarios-node.ts';

const USAGE = 'usage: npm run --silent play -- FILE   (FILE: [{"id", "scenario", "seed"?, "lines": ["…"]}])';

async function main(argv: string[]): Promise<void> {
  if (argv.length !== 1 || argv[0].startsWith('--')) throw new PlayInputError(`expected one input FILE\n${USAGE}`);
  let raw: string;
  try {
    raw = readFileSync(argv[0], 'utf8');
  } catch (e) {
    throw new PlayInputError(`cannot read ${argv[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { engine } = await loadEngineForNode();
  const scenarios = loadScenariosForNode(engine);
  const items = parsePlayInput(raw, [...scenarios.keys()], argv[0]);
  process.stdout.write(`${JSON.stringify(playItems(scenarios, engine, items), null, 2)}\n`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (!(e instanceof PlayInputError)) throw e;
  process.stderr.write(`play: ${e.message}\n`);
  process.exitCode = 2;
});
