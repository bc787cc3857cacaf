/** Spawns the real `play` CLI: the output shape on a small input, lines after the ending unplayed, bad input → exit 2. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonPosition } from '../../src/cli/json-position.ts';
import { parsePlayInput, PlayInputError } from '../../src/cli/play-calls.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'play-cli-'));
function file(name: string, text: string): string {
  writeFileSync(join(tmp, name), text);
  return join(tmp, name);
}
function play(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/play.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('play CLI', { timeout: 60_000 }, () => {
  it('prints one result per call in the contract shape, and stops at the ending', () => {
    const input = file(
      'calls.json',
      JSON.stringify([
        {
          id: 'threat',
          scenario: 'zh-first-contact-tight-money',
          lines: ['你再不还钱就等着坐牢吧', '这一句不会被说出来'],
        },
        {
          id: 'hello',
          scenario: 'en-first-contact',
          seed: 2,
          lines: ['Hi, this is Dan Mercer from Harbor National Bank. Could I speak with Maria Lopez, please?'],
        },
      ]),
    );
    const r = play(input);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.map((o: { id: string; seed: number }) => [o.id, o.seed])).toEqual([
      ['threat', 1],
      ['hello', 2],
    ]);
    for (const o of out) {
      expect(Object.keys(o)).toEqual(['id', 'seed', 'ended', 'outcome', 'passed', 'blockers', 'turns']);
      for (const t of o.turns) {
        expect(Object.keys(t)).toEqual(['said', 'reply', 'node', 'moves', 'violations']);
        for (const v of t.violations) expect(Object.keys(v)).toEqual(['rule', 'category', 'severity']);
      }
    }
    expect(out[0]).toMatchObject({ ended: true, passed: false, blockers: ['misrepresentation'] });
    expect(out[0].turns).toHaveLength(1);
    expect(out[1]).toMatchObject({ ended: false, outcome: null, blockers: [] });
  });

  it.each([
    ['not JSON', '[{"id": "a",\n  "scenario": }]', /calls\.json:2:15: not valid JSON/],
    ['not an array', '{"id": "a"}', /calls\.json:1:1: input must be a JSON array/],
    [
      'unknown scenario',
      '[\n  {"id": "a", "scenario": "zh-nope", "lines": []}\n]',
      /calls\.json:2:27: \[0\]\.scenario is "zh-nope", not a bundled scenario; use one of .*zh-first-contact-tight-money/,
    ],
    [
      'line not a string',
      '[{"id": "a", "scenario": "en-first-contact", "lines": ["hi", 3]}]',
      /\[0\]\.lines\[1\] must be a string/,
    ],
    [
      'bad seed',
      '[{"id": "a", "scenario": "en-first-contact", "seed": "1", "lines": []}]',
      /\[0\]\.seed must be a whole number/,
    ],
    [
      'missing id',
      '[{"scenario": "en-first-contact", "lines": []}]',
      /calls\.json:1:2: \[0\]\.id must be a non-empty string/,
    ],
  ])('bad input (%s) → positioned reason on stderr, nothing on stdout, exit 2', (_name, text, message) => {
    const r = play(file('calls.json', text));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('a missing file or no file exits 2', () => {
    expect(play(join(tmp, 'nope.json'))).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/cannot read .*nope\.json: ENOENT/),
    });
    expect(play()).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/expected one input FILE/) });
  });
});

describe('play input (no CLI)', () => {
  it('defaults the seed to 1 and rejects repeated ids and unknown fields', () => {
    expect(parsePlayInput('[{"id": "a", "scenario": "s", "lines": ["x"]}]', ['s'])).toEqual([
      { id: 'a', scenario: 's', seed: 1, lines: ['x'] },
    ]);
    expect(() =>
      parsePlayInput('[{"id": "a", "scenario": "s", "lines": []}, {"id": "a", "scenario": "s", "lines": []}]', ['s']),
    ).toThrow(/\[1\]\.id repeats id "a"/);
    expect(() => parsePlayInput('[{"id": "a", "scenario": "s", "lines": [], "seeds": 2}]', ['s'])).toThrow(
      PlayInputError,
    );
  });

  it('locates values by JSON path', () => {
    const text = '[\n  {"id": "a",\n   "lines": ["x", "y"]}\n]';
    expect(jsonPosition(text, [0, 'lines', 1])).toEqual({ line: 3, column: 19 });
    expect(jsonPosition(text, [0, 'missing'])).toEqual({ line: 2, column: 3 });
  });
});
