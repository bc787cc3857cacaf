/**
 * Loader fixture folders: test/scoring/samples/loader/<case>/*.yaml → expected.json (formatted diagnostics and the
 * rule ids that survived). UPDATE_SNAPSHOTS=1 rewrites expected.json; FILTER=word runs matching cases only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';
import { createEngine, loadRulePacks } from '../../src/scoring/index.ts';
import { expectedJson } from '../expected-file.ts';

const dir = join(import.meta.dirname, 'samples/loader');
const cases = readdirSync(dir).filter((c) => !process.env.FILTER || c.includes(process.env.FILTER));

describe('loader samples', () => {
  for (const name of cases)
    it(name, () => {
      const folder = join(dir, name);
      const files = readdirSync(folder)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => ({ file: `${name}/${f}`, text: readFileSync(join(folder, f), 'utf8') }));
      const loaded = loadRulePacks(files);
      // Whatever was wrong, the survivors must still build an engine that scores.
      expect(() => createEngine(JSON.parse(JSON.stringify(loaded))).assess('you deadbeat', 'en')).not.toThrow();
      const actual = {
        diagnostics: loaded.diagnostics.map(formatDiagnostic),
        rules: loaded.packs.flatMap((p) => p.rules.map((r) => r.id)),
      };
      const expectedFile = join(folder, 'expected.json');
      expect(actual).toEqual(expectedJson(expectedFile, actual));
    });
});
