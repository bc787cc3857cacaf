import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectedJson } from './expected-file.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'expected-'));

describe('expected.json of a fixture folder', () => {
  it('fails under CI when the file was never committed, and writes nothing', () => {
    const file = join(dir(), 'expected.json');
    expect(() => expectedJson(file, { a: 1 }, { CI: 'true' })).toThrow(
      /expected\.json is missing: run the test with UPDATE_SNAPSHOTS=1/,
    );
    expect(() => readFileSync(file)).toThrow();
  });
  it('is written on a first local run and read back afterwards', () => {
    const file = join(dir(), 'expected.json');
    expect(expectedJson(file, { a: 1 }, {})).toEqual({ a: 1 });
    expect(expectedJson(file, { a: 2 }, {})).toEqual({ a: 1 });
  });
  it('is rewritten with UPDATE_SNAPSHOTS, even under CI', () => {
    const file = join(dir(), 'expected.json');
    writeFileSync(file, '{"a":1}');
    expect(expectedJson(file, { a: 2 }, { CI: 'true', UPDATE_SNAPSHOTS: '1' })).toEqual({ a: 2 });
  });
});
