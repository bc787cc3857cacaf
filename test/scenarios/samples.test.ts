/**
 * One runner for every compiler sample: `samples/<case>/input.md` compiled with the fixture engine must produce
 * exactly `expected.json` (code, severity, line, column, message). `FILTER=word` focuses; `UPDATE_SNAPSHOTS=1`
 * rewrites the expectations (review the diff!).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, MESSAGES } from '../../src/scenarios/index.ts';
import { fixtureEngine } from './engines.ts';
import { expectedJson } from '../expected-file.ts';

const dir = join(import.meta.dirname, 'samples');
const cases = readdirSync(dir)
  .filter((c) => !process.env.FILTER || c.includes(process.env.FILTER))
  .sort();
const engine = fixtureEngine();

describe('compiler samples', () => {
  for (const name of cases) {
    it(name, () => {
      const source = readFileSync(join(dir, name, 'input.md'), 'utf8');
      const { scenario, diagnostics } = compile(source, { file: 'input.md', engine });
      const got = diagnostics.map(({ code, severity, line, column, message }) => ({
        code,
        severity,
        line,
        column,
        message,
      }));
      const file = join(dir, name, 'expected.json');
      expect(got).toEqual(expectedJson(file, got));
      // An error means no IR; warnings alone still compile.
      expect(scenario === null).toBe(got.some((d) => d.severity === 'error'));
    });
  }
});

describe('diagnostic catalogue', () => {
  it('has a failing sample named after every code', () => {
    const all = readdirSync(dir);
    const missing = Object.keys(MESSAGES).filter((code) => {
      const own = all.filter((c) => c === code || c.startsWith(`${code}-`));
      return !own.some((c) =>
        (JSON.parse(readFileSync(join(dir, c, 'expected.json'), 'utf8')) as { code: string }[]).some(
          (d) => d.code === code,
        ),
      );
    });
    expect(missing).toEqual([]);
  });
});
