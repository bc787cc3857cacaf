import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/package-lms.ts';

describe('package:scorm and package:cmi5 command line', () => {
  it('reads the system, the scenario ids and the options', () => {
    expect(parseArgs(['scorm12', 'a', '--mode', 'guided', 'b'])).toMatchObject({
      system: 'scorm12',
      ids: ['a', 'b'],
      mode: 'guided',
    });
    expect(parseArgs(['cmi5'])).toMatchObject({ system: 'cmi5', ids: [], mode: 'exam' });
    expect(() => parseArgs(['scorm12'])).toThrow(/at least one scenario id/);
    expect(() => parseArgs(['scorm12', 'a', '--mode', 'free'])).toThrow(/--mode must be one of/);
    expect(() => parseArgs(['scorm12', 'a', '--zip'])).toThrow(/unknown option --zip/);
    expect(() => parseArgs(['aicc', 'a'])).toThrow(/scorm12 or cmi5/);
  });

  it('refuses an unknown scenario id with a suggestion, exit 1, and writes nothing', { timeout: 60_000 }, () => {
    const out = mkdtempSync(join(tmpdir(), 'calldojo-pkg-test-'));
    try {
      const run = spawnSync(
        process.execPath,
        [
          'node_modules/tsx/dist/cli.mjs',
          'src/cli/package-lms.ts',
          'scorm12',
          'zh-first-contact-tight-mony',
          '--out',
          out,
        ],
        { encoding: 'utf8' },
      );
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(
        /unknown scenario id "zh-first-contact-tight-mony" \(did you mean "zh-first-contact-tight-money"\?\)/,
      );
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
