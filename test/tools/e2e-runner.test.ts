import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const run = (env: Record<string, string>) => {
  const { CI: _ci, ...rest } = process.env;
  return spawnSync(process.execPath, [join(root, 'scripts/e2e.mjs')], {
    cwd: root,
    env: { ...rest, ...env },
    encoding: 'utf8',
  });
};

describe('browser-test runner without chromium', () => {
  it('says loudly that browser tests were not run and how to install chromium, and passes outside CI', () => {
    const r = run({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('Browser tests were NOT run');
    expect(r.stderr).toContain('apt-get install -y chromium');
  });

  it('fails under CI=true', () => {
    const r = run({ CHROMIUM_PATH: '/nonexistent/chromium', CI: 'true' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('CI=true: a missing chromium is a failure');
  });
});
