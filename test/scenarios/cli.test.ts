/** `npm run lint:scripts` as a trainer runs it: spawned, reading real files, judged by output and exit code. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const sample = (name: string) => join(import.meta.dirname, 'samples', name, 'input.md');
const lint = (...args: string[]) => {
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src/cli/lint-scripts.ts', ...args],
    { cwd: root, encoding: 'utf8' },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
};

// Each spawn starts tsx and loads the rule packs: seconds on a shared 2-core machine.
describe('lint:scripts CLI', { timeout: 60_000 }, () => {
  it('prints file:line:column severity code message and exits 1 on an error', () => {
    const r = lint(sample('unknown_branch_target'));
    expect(r.code).toBe(1);
    expect(r.out.trim()).toBe(
      'test/scenarios/samples/unknown_branch_target/input.md:43:10 error unknown_branch_target No node has the id `hangup`. (Did you mean `hung-up`?)',
    );
  });

  it('exits 0 with nothing on stdout for a clean script, even with warnings elsewhere absent', () => {
    const r = lint(sample('valid-minimal'), join(root, 'content/scripts/001_zh-drill-opening.md'));
    expect(r).toMatchObject({ code: 0, out: '' });
    expect(r.err).toContain('2 scripts, 0 errors');
  });

  it('exits 0 on warnings alone', () => {
    expect(lint(sample('missing_calm_line')).code).toBe(0);
  });

  it('prints JSON with --json and a code frame with --frame', () => {
    const json = JSON.parse(lint('--json', sample('unknown_mood')).out);
    expect(json).toMatchObject([{ code: 'unknown_mood', line: 35, column: 4, severity: 'error' }]);
    const framed = lint('--frame', sample('unknown_mood')).out;
    expect(framed).toContain('> 35 | > [angry] 喂?谁啊?');
    expect(framed).toMatch(/\| {4}\^\^\^\^\^\n/);
  });

  it('reports two files that share a scenario id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calldojo-'));
    const text = readFileSync(sample('valid-minimal'), 'utf8');
    writeFileSync(join(dir, 'a.md'), text);
    writeFileSync(join(dir, 'b.md'), text);
    const r = lint(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('b.md:1:1 error duplicate_scenario_id Scenario id `sample` is already used by');
  });

  it('warns, at the node where the call turns away, when the model answers miss their ending on some seeds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calldojo-'));
    // en-agency-hostile where the persona has not yet said its promise at the promise node (a negotiation stage, so
    // the read-back needs willingness) and that node lowers willingness: whether it holds depends on the seed.
    const text = readFileSync(join(root, 'content/scripts/220_en-agency-hostile.md'), 'utf8').replace(
      'stage: promise\neffects: willingness +10\n',
      'stage: negotiation\neffects: willingness -10\n',
    );
    writeFileSync(join(dir, 'fragile.md'), text);
    const r = lint('--json', join(dir, 'fragile.md'));
    expect(r.code).toBe(0);
    const line = text.split('\n').findIndex((l) => l.includes('{#promise}')) + 1;
    const unsteady = (JSON.parse(r.out) as { code: string; message: string }[]).filter(
      (d) => d.code === 'model_call_unsteady',
    );
    expect(unsteady).toMatchObject([{ code: 'model_call_unsteady', severity: 'warning', line, column: 1 }]);
    expect(unsteady[0].message).toMatch(
      /ends in `ptp` in \d+ of 20 seeded calls; seed 2 ends in `refused` after node `promise`/,
    );
  });

  it('warns at the option itself when a good option, typed at its node, makes the persona hang up', () => {
    const fixture = join(root, 'test/machines/option-samples/mishandled.md');
    const text = readFileSync(fixture, 'utf8');
    const r = lint('--json', fixture);
    expect(r.code).toBe(0);
    const line = text.split('\n').findIndex((l) => l.startsWith('- [good] 身体要紧')) + 1;
    const own = (out: string) => (JSON.parse(out) as { code: string }[]).filter((d) => d.code === 'option_mishandled');
    expect(own(r.out)).toMatchObject([{ code: 'option_mishandled', severity: 'warning', line, column: 1 }]);
    const clean = lint('--json', join(root, 'test/machines/option-samples/clean.md'));
    expect(clean.code).toBe(0);
    expect(own(clean.out)).toEqual([]);
  });

  it("lints all of content/scripts by default: no errors, and warnings only from the live persona's rehearsals", () => {
    const r = lint();
    expect(r.code).toBe(0);
    // Options the persona mishandles are the persona authors' to fix, so they warn rather than fail the build.
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines.filter((l) => !/ warning (option_mishandled|model_call_unsteady) /.test(l))).toEqual([]);
    expect(r.err).toMatch(/ 0 errors, \d+ warnings/);
  });
});
