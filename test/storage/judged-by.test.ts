/** Issue 15 part H: each attempt keeps the app, rule-pack and scenario versions that judged it, and exports carry them. */
import { describe, expect, it } from 'vitest';
import { abandonAttempt, getAttempt } from '../../src/storage/attempts.ts';
import { bundleSchema } from '../../src/storage/bundle.ts';
import { exportProfile } from '../../src/storage/export.ts';
import type { Problem } from '../../src/storage/validate.ts';
import { freshDb, started } from './helpers.ts';

const versions = { app: '0.1.0', rules: { cn: '0123456789ab', gp: 'ba9876543210' }, scenario: 'abcdefabcdef' };

describe('versions that judged a call', () => {
  it('are stored with the attempt when it starts; calls from before they were kept simply have none', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db, { versions });
    expect((await getAttempt(db, attempt.id)).versions).toEqual(versions);
    const { attempt: older } = await started(db, { profileId, scenarioId: 's2' });
    expect((await getAttempt(db, older.id)).versions).toBeUndefined();
  });

  it('travel in an export and pass the import check; a damaged version map is refused with its path', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db, { versions });
    await abandonAttempt(db, attempt.id);
    const bundle = JSON.parse(JSON.stringify(await exportProfile(db, profileId)));
    expect(bundle.attempts[0].versions).toEqual(versions);
    const problems = (value: unknown) => {
      const out: Problem[] = [];
      bundleSchema(value, '$', out);
      return out.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems(bundle)).toEqual([]);
    bundle.attempts[0].versions.rules.cn = 7;
    expect(problems(bundle)).toEqual([expect.stringMatching(/^\$\.attempts\[0\]\.versions\.rules\.cn: /)]);
  });
});
