import { describe, expect, it } from 'vitest';
import { watch } from '../../src/storage/live.ts';
import { createProfile, listProfiles } from '../../src/storage/profiles.ts';
import { createDb } from '../../src/storage/db.ts';
import type { StorageError } from '../../src/storage/errors.ts';
import { freshDb } from './helpers.ts';

function until<T>(values: T[], n: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () =>
      values.length >= n ? resolve() : Date.now() - started > 2000 ? reject(new Error('timeout')) : setTimeout(tick, 5);
    tick();
  });
}

describe('watch (live queries for the state layer)', () => {
  it('emits the current result, then again after a write, and stops when asked', async () => {
    const db = freshDb();
    const seen: string[][] = [];
    const stop = watch(
      () => listProfiles(db),
      (ps) => seen.push(ps.map((p) => p.name)),
    );
    expect(seen).toEqual([]); // nothing until the first emission: the UI shows "loading", not "no profiles"
    await until(seen, 1);
    await createProfile(db, { name: '周杰', staffNo: 'Z1' });
    await until(seen, 2);
    expect(seen).toEqual([[], ['周杰']]);
    stop();
    await createProfile(db, { name: '林', staffNo: 'Z2' });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toHaveLength(2);
  });

  it('reports failures as StorageErrors', async () => {
    const db = createDb('live-no-idb', { indexedDB: undefined, IDBKeyRange: undefined });
    const errors: StorageError[] = [];
    const stop = watch(
      () => listProfiles(db),
      () => {},
      (e) => errors.push(e),
    );
    await until(errors, 1);
    expect(errors[0].kind).toBe('unavailable');
    stop();
  });
});
