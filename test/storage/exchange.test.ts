import Dexie, { type DBCore, type Middleware } from 'dexie';
import { describe, expect, it } from 'vitest';
import { findResumableAttempt } from '../../src/storage/attempts.ts';
import { createDb } from '../../src/storage/db.ts';
import { StorageError, toStorageError } from '../../src/storage/errors.ts';
import { listTurns, recordExchange, recordPersonaTurn, type ExchangeLine } from '../../src/storage/turns.ts';
import { listProfiles } from '../../src/storage/profiles.ts';
import { reopenIfFailed, useDb, appDb } from '../../src/state/db.ts';
import { assessment, dump, freshDb, snap, started } from './helpers.ts';

const said: ExchangeLine = {
  speaker: 'trainee',
  text: '您好，我是华信银行的小王',
  assessment: assessment(),
  stage: 'opening',
  personaState: null,
};
const reply: ExchangeLine = {
  speaker: 'persona',
  text: '什么事？',
  assessment: null,
  stage: 'opening',
  personaState: { trust: 40 },
};

/**
 * The browser aborts the transaction that writes a persona line, as Chromium does on a full disk: the requests fail
 * with a plain AbortError and the transaction carries the cause (`error`).
 */
function diskFullOnReply(cause: () => DOMException | null): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'disk-full-on-reply',
    create: (down) => ({
      ...down,
      table(name) {
        const t = down.table(name);
        if (name !== 'turns') return t;
        return {
          ...t,
          mutate: (req) => {
            const error = cause();
            const rows = 'values' in req ? (req.values as { speaker?: string }[]) : [];
            if (!error || !rows.some((r) => r.speaker === 'persona')) return t.mutate(req);
            const pending = t.mutate(req);
            const trans = req.trans as unknown as IDBTransaction;
            Object.defineProperty(trans, 'error', { value: error });
            trans.abort();
            return pending;
          },
        };
      },
    }),
  };
}

describe('one transaction per exchange', () => {
  it('stores the line, its reply and the snapshot together, with the next indexes', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db);
    await recordPersonaTurn(
      db,
      attempt.id,
      { text: '喂？', personaState: { trust: 40 }, stage: 'opening' },
      snap('n1', 1),
    );
    await recordExchange(db, attempt.id, [said, reply], snap('n2', 2));
    const open = await findResumableAttempt(db, profileId);
    expect(open?.turns.map((t) => [t.index, t.speaker, t.text])).toEqual([
      [0, 'persona', '喂？'],
      [1, 'trainee', said.text],
      [2, 'persona', reply.text],
    ]);
    expect(open?.attempt.snapshot).toEqual(snap('n2', 2));
  });

  it.each([
    [
      'QuotaExceededError',
      new DOMException('Encountered disk full while committing transaction.', 'QuotaExceededError'),
    ],
    ['UnknownError', new DOMException('Internal error committing transaction.', 'UnknownError')],
  ])(
    'a reply that cannot be written (%s) keeps neither the line nor the snapshot, and says storage is full',
    async (_, cause) => {
      let full: DOMException | null = null;
      const db = freshDb().use(diskFullOnReply(() => full));
      const { attempt } = await started(db);
      await recordPersonaTurn(
        db,
        attempt.id,
        { text: '喂？', personaState: { trust: 40 }, stage: 'opening' },
        snap('n1', 1),
      );
      const before = await dump(db);
      full = cause;
      const err = await recordExchange(db, attempt.id, [said, reply], snap('n2', 2)).catch((e) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect(err.kind).toBe('quota_exceeded');
      expect(await dump(db)).toEqual(before);
      full = null;
      await recordExchange(db, attempt.id, [said, reply], snap('n2', 2));
      expect((await listTurns(db, attempt.id)).map((t) => t.text)).toEqual(['喂？', said.text, reply.text]);
    },
  );

  it('an exchange that ends the call marks it ended in the same transaction', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db);
    await recordExchange(db, attempt.id, [said, reply], snap('end', 3), { end: { outcome: 'hung_up' } });
    const open = await findResumableAttempt(db, profileId);
    expect(open?.attempt).toMatchObject({ status: 'ended', outcome: 'hung_up', snapshot: snap('end', 3) });
    expect(open?.attempt.findings).not.toBeNull();
    expect(open?.turns).toHaveLength(2);
  });

  it('an exchange from a tab that has not seen the latest lines stores nothing and says the call moved on', async () => {
    const db = freshDb();
    const { attempt } = await started(db);
    await recordExchange(db, attempt.id, [reply], snap('n1', 1), { after: 0 });
    await recordExchange(db, attempt.id, [said, reply], snap('n2', 2), { after: 1 });
    const before = await dump(db);
    // A second tab still at the greeting answers it again: refused, the first tab's lines stay as they were.
    await expect(recordExchange(db, attempt.id, [said, reply], snap('n2b', 2), { after: 1 })).rejects.toMatchObject({
      kind: 'moved_on',
    });
    expect(await dump(db)).toEqual(before);
  });

  it('an exchange on a call no longer in progress stores nothing', async () => {
    const db = freshDb();
    const { attempt } = await started(db);
    await recordExchange(db, attempt.id, [reply], snap('end', 1), { end: { outcome: null } });
    await expect(recordExchange(db, attempt.id, [said, reply], snap('n2', 2))).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(await listTurns(db, attempt.id)).toHaveLength(1);
  });
});

describe('disk-full errors as browsers really raise them', () => {
  const full = (name: string, message: string) =>
    toStorageError(new Dexie.AbortError('Transaction aborted', new DOMException(message, name))).kind;

  it('reads Chromium and Firefox disk-full errors as a full disk, not damage or private mode', () => {
    expect(full('UnknownError', 'Internal error committing transaction.')).toBe('quota_exceeded');
    expect(full('QuotaExceededError', 'Encountered disk full while committing transaction.')).toBe('quota_exceeded');
    expect(
      toStorageError(
        new DOMException('Encountered full disk while opening backing store for indexedDB.open.', 'UnknownError'),
      ).kind,
    ).toBe('quota_exceeded');
    expect(
      toStorageError(new DOMException('The current transaction exceeded its quota limitations.', 'AbortError')).kind,
    ).toBe('quota_exceeded');
  });

  it('leaves other aborts and unknown errors to their own kinds', () => {
    expect(
      toStorageError(new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError'))
        .kind,
    ).toBe('corrupt');
    expect(
      toStorageError(new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError')).kind,
    ).toBe('unavailable');
  });

  it('tells the trainee what to do in both languages', () => {
    const { text } = new StorageError('quota_exceeded');
    expect(text.zh).toMatch(/存储空间已满.*清理磁盘空间.*导出备份.*无需刷新/);
    expect(text.en).toMatch(/Storage full.*Free disk space.*export a backup.*no need to reload/);
  });
});

describe('the app database after a failed open', () => {
  it('opens again once space is freed, without a reload', async () => {
    let diskFull = true;
    const real = indexedDB;
    const flaky = {
      open(...args: Parameters<IDBFactory['open']>) {
        if (diskFull)
          throw new DOMException(
            'Encountered full disk while opening backing store for indexedDB.open.',
            'UnknownError',
          );
        return real.open(...args);
      },
      deleteDatabase: (name: string) => real.deleteDatabase(name),
      cmp: (a: unknown, b: unknown) => real.cmp(a, b),
      databases: () => real.databases(),
    };
    const db = createDb(`reopen-${Math.random().toString(36).slice(2)}`, {
      indexedDB: flaky as unknown as IDBFactory,
      IDBKeyRange,
    });
    useDb(db);
    await expect(listProfiles(appDb())).rejects.toMatchObject({ kind: 'quota_exceeded' });
    diskFull = false;
    // Dexie keeps a failed open's error for every later query; the app reopens before its next operation.
    await expect(listProfiles(appDb())).rejects.toMatchObject({ kind: 'quota_exceeded' });
    await reopenIfFailed();
    expect(await listProfiles(appDb())).toEqual([]);
    await db.delete();
  });
});
