/**
 * `npm run eval -- --check`, as CI runs it: the real CLI on the real corpus and models. It passes the shipped
 * thresholds, and a threshold the engine cannot meet fails the run and is named.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const run = (...args: string[]) =>
  spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/eval.ts', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('npm run eval', () => {
  it('meets the shipped thresholds on the test split and its noisy copy', () => {
    const r = run('--check', '--misses', '0');
    expect(r.stdout).toMatch(/== test: \d+ lines/);
    expect(r.stdout).toMatch(/== test-noisy: \d+ lines/);
    expect(r.stdout).toContain('every figure meets');
    expect(r.status).toBe(0);
  }, 120_000);

  it('fails and names the figure when a threshold is not met', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'eval-')), 'thresholds.json');
    writeFileSync(file, JSON.stringify({ test: { violation_recall: 1.01, clean_false_flag: 0 } }));
    const r = run('--check', '--thresholds', file, '--misses', '0');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/test violation_recall 0\.\d+ \(limit 1\.01\)/);
  }, 120_000);

  it('reports per category, move and tone class as JSON', () => {
    const r = run('--split', 'dev', '--json');
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['dev']);
    expect(report.dev.violations.byCategory.threat.support).toBeGreaterThan(0);
    expect(report.dev.moves.byMove.verify_identity.support).toBeGreaterThan(0);
    expect(report.dev.tone.confusion.rude).toBeDefined();
  }, 120_000);
});
