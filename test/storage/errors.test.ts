import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findResumableAttempt } from '../../src/storage/attempts.ts';
import { createDb, openDb } from '../../src/storage/db.ts';
import { StorageError, toStorageError } from '../../src/storage/errors.ts';
import { requestPersistence } from '../../src/storage/persistence.ts';
import { createProfile, listProfiles } from '../../src/storage/profiles.ts';
import { listTurns, recordPersonaTurn, recordTraineeTurn } from '../../src/storage/turns.ts';
import { assessment, freshDb, quotaOn, snap, started } from './helpers.ts';

describe('errors a person can act on', () => {
  it('a full disk in the middle of a line loses nothing already saved and says quota_exceeded', async () => {
    let full = false;
    const db = freshDb().use(quotaOn('turns', () => full));
    const { attempt, profileId } = await started(db);
    await recordPersonaTurn(
      db,
      attempt.id,
      { text: '喂？', personaState: { trust: 40 }, stage: 'opening' },
      snap('n1', 1),
    );
    full = true;
    // The snapshot update on `attempts` runs before the failing turn insert; the transaction must roll it back.
    const err = await recordTraineeTurn(
      db,
      attempt.id,
      { text: '您好', assessment: assessment(), stage: 'opening' },
      snap('n2', 2),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe('quota_exceeded');
    expect(err.text.en).toMatch(/everything saved before is still there/);
    expect(err.text.zh).toContain('存储空间已满');
    full = false;
    const resume = await findResumableAttempt(db, profileId);
    expect(resume?.attempt.snapshot).toEqual(snap('n1', 1));
    expect(resume?.turns.map((t) => t.text)).toEqual(['喂？']);
    // Once space is freed the same line saves normally, with the next index.
    await recordTraineeTurn(
      db,
      attempt.id,
      { text: '您好', assessment: assessment(), stage: 'opening' },
      snap('n2', 2),
    );
    expect((await listTurns(db, attempt.id)).map((t) => t.index)).toEqual([0, 1]);
  });

  it('private mode (IndexedDB throws on open) is reported as unavailable', async () => {
    const blocked = {
      open() {
        throw new DOMException('A mutation operation was attempted', 'InvalidStateError');
      },
    };
    const db = createDb('private-mode', { indexedDB: blocked as unknown as IDBFactory, IDBKeyRange });
    const err = await listProfiles(db).catch((e) => e);
    expect(err).toMatchObject({ kind: 'unavailable', messageKey: 'storage.unavailable' });
    expect(err.text.zh).toContain('无痕');
  });

  it('opening at start-up reports blocked storage as unavailable instead of failing later', async () => {
    const blocked = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    };
    await expect(openDb('blocked', { indexedDB: blocked as unknown as IDBFactory, IDBKeyRange })).rejects.toMatchObject(
      { kind: 'unavailable' },
    );
  });

  it('a browser without IndexedDB is reported as unavailable', async () => {
    const db = createDb('no-idb', { indexedDB: undefined, IDBKeyRange: undefined });
    await expect(createProfile(db, { name: 'A', staffNo: '1' })).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('classifies Dexie and IndexedDB errors, looking inside wrapped ones', () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(toStorageError(new Dexie.AbortError('Transaction aborted', quota)).kind).toBe('quota_exceeded');
    expect(toStorageError(new Dexie.VersionChangeError('upgraded elsewhere')).kind).toBe('version_conflict');
    expect(toStorageError(new Dexie.DatabaseClosedError('closed')).kind).toBe('version_conflict');
    expect(toStorageError(new Dexie.OpenFailedError('open failed', new DOMException('x', 'SecurityError'))).kind).toBe(
      'unavailable',
    );
    expect(toStorageError(new Dexie.DataError('bad key')).kind).toBe('corrupt');
    // A query on a database that could not open fails as "closed"; the reason inside decides.
    const closedBecause = new Dexie.DatabaseClosedError('closed', new DOMException('x', 'InvalidStateError'));
    expect(toStorageError(closedBecause).kind).toBe('unavailable');
    const e = toStorageError(new Dexie.AbortError('Transaction aborted', quota));
    expect(e.detail).toContain('AbortError > QuotaExceededError');
    expect(toStorageError(e)).toBe(e);
  });
});

describe('requestPersistence', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('returns what the browser granted', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persist, persisted: async () => false } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    vi.stubGlobal('navigator', { storage: { persist: async () => false, persisted: async () => false } });
    expect(await requestPersistence()).toBe(false);
  });

  it('does not ask again when already persisted', async () => {
    const persist = vi.fn(async () => false);
    vi.stubGlobal('navigator', { storage: { persist, persisted: async () => true } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it('answers false without throwing when unsupported or rejected', async () => {
    vi.stubGlobal('navigator', {});
    expect(await requestPersistence()).toBe(false);
    vi.stubGlobal('navigator', {
      storage: {
        persist: async () => {
          throw new Error('no gesture');
        },
      },
    });
    expect(await requestPersistence()).toBe(false);
  });
});
