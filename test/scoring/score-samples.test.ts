/**
 * CLI contract samples: test/scoring/samples/cli/<case>/input.json → expected.json, scored in-process through the
 * same functions the CLI uses (cli.test.ts spawns the real CLI on them). UPDATE_SNAPSHOTS=1 rewrites; FILTER=word.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { readModels } from '../../src/cli/engine-node.ts';
import { parseScoreInput, scoreItems } from '../../src/cli/score-input.ts';
import { createEngine, loadRulePacks } from '../../src/scoring/index.ts';
import { expectedJson } from '../expected-file.ts';

const dir = join(import.meta.dirname, 'samples/cli');
// The engine the CLI ships: rules and the trained models (cli.test.ts runs the real CLI against these snapshots).
const engine = createEngine({ ...loadRulePacks(readRuleFiles()), models: readModels() });

describe('score samples', () => {
  for (const name of readdirSync(dir).filter((c) => !process.env.FILTER || c.includes(process.env.FILTER)))
    it(name, () => {
      const items = parseScoreInput(readFileSync(join(dir, name, 'input.json'), 'utf8'));
      const actual = scoreItems(engine, items);
      const expectedFile = join(dir, name, 'expected.json');
      expect(actual).toEqual(expectedJson(expectedFile, actual));
    });
});
