import { describe, expect, it, vi } from 'vitest';
import { createProfile, getProfile, listProfiles, renameProfile } from '../../src/storage/profiles.ts';
import { startAttempt } from '../../src/storage/attempts.ts';
import { StorageError } from '../../src/storage/errors.ts';
import { freshDb, snap } from './helpers.ts';

describe('profiles', () => {
  it('creates a profile with a normalised staff number and lists it', async () => {
    const db = freshDb();
    const p = await createProfile(db, { name: '  李娜 ', staffNo: ' ａ２０３ ' });
    expect(p).toMatchObject({ name: '李娜', staffNo: 'A203' });
    expect(await listProfiles(db)).toEqual([p]);
    expect(await getProfile(db, p.id)).toEqual(p);
  });

  it('refuses a second profile with the same staff number, whatever width it was typed in', async () => {
    const db = freshDb();
    await createProfile(db, { name: '李娜', staffNo: 'A203' });
    const err = await createProfile(db, { name: '李娜2', staffNo: 'ａ203' }).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe('duplicate');
    expect(err.text.zh).toContain('工号');
    expect(await listProfiles(db)).toHaveLength(1);
  });

  it('rejects an empty name or staff number as invalid', async () => {
    const db = freshDb();
    await expect(createProfile(db, { name: ' ', staffNo: 'A1' })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(createProfile(db, { name: 'Ann', staffNo: '  ' })).rejects.toMatchObject({ kind: 'invalid' });
  });

  it('lists the most recently active profile first (starting a call counts as activity)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const db = freshDb();
      vi.setSystemTime(1_000);
      const a = await createProfile(db, { name: 'A', staffNo: '1' });
      vi.setSystemTime(2_000);
      const b = await createProfile(db, { name: 'B', staffNo: '2' });
      expect((await listProfiles(db)).map((p) => p.name)).toEqual(['B', 'A']);
      vi.setSystemTime(3_000);
      await startAttempt(db, {
        profileId: a.id,
        scenarioId: 's',
        scenarioTitle: 'S',
        lang: 'en',
        mode: 'exam',
        seed: 1,
        snapshot: snap('x'),
      });
      expect((await listProfiles(db)).map((p) => p.id)).toEqual([a.id, b.id]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('renames a profile and keeps its staff number; unknown ids are not_found', async () => {
    const db = freshDb();
    const p = await createProfile(db, { name: 'Ann', staffNo: 'E7' });
    expect(await renameProfile(db, p.id, 'Ann Lee')).toMatchObject({ name: 'Ann Lee', staffNo: 'E7' });
    expect((await getProfile(db, p.id)).name).toBe('Ann Lee');
    await expect(renameProfile(db, 'nope', 'X')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(getProfile(db, 'nope')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
