/** The versions a call is judged by: this build, a content hash per rule pack (set by the build), the script's hash. */
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { judgedBy, shippedVersions } from '../../src/state/engine.ts';

describe('judgedBy', () => {
  it('names the app version, each pack’s version and the scenario’s', () => {
    expect(
      judgedBy(
        [
          { id: 'cn', version: 'aaa' },
          { id: 'tone', version: 'bbb' },
        ],
        { version: 'ccc' },
      ),
    ).toEqual({
      app: pkg.version,
      rules: { cn: 'aaa', tone: 'bbb' },
      scenario: 'ccc',
    });
  });

  it('marks a Studio draft and packs read without the build as such instead of inventing a version', () => {
    expect(judgedBy([{ id: 'cn' }], {})).toEqual({ app: pkg.version, rules: { cn: 'unversioned' }, scenario: 'draft' });
  });

  it('gives every shipped pack a content hash', async () => {
    const v = await shippedVersions({ version: 'abc' });
    expect(Object.keys(v.rules).sort()).toEqual(['cn', 'gp', 'tone', 'us']);
    for (const hash of Object.values(v.rules)) expect(hash).toMatch(/^[0-9a-f]{12}$/);
  });
});
