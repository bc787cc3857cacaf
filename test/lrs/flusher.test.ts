import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  backoffDelay,
  flushOutbox,
  OutboxFlusher,
  stopOutbox,
  useSessionTarget,
  type FlusherOptions,
} from '../../src/lrs/flusher.ts';
import { statementId } from '../../src/lrs/ids.ts';
import { setSessionTarget } from '../../src/lrs/target.ts';
import type { CallDojoDb } from '../../src/storage/db.ts';
import { outboxCounts } from '../../src/storage/outbox.ts';
import { recordExchange, type ExchangeLine } from '../../src/storage/turns.ts';
import { assessment, freshDb, snap, started } from '../storage/helpers.ts';
import { configure, fakeLrs } from './fixtures.ts';

const reply: ExchangeLine = {
  speaker: 'persona',
  text: '嗯。',
  assessment: null,
  stage: 'negotiation',
  personaState: { trust: 50 },
};
const said = (i: number): ExchangeLine => ({
  speaker: 'trainee',
  text: `第${i}句`,
  assessment: assessment(),
  stage: 'negotiation',
  personaState: null,
  node: `n${i}`,
});

/** A call of `lines` trainee lines (each answered), queued as `lines + 1` statements (with `attempted`). */
async function call(db: CallDojoDb, lines: number, profileId?: string) {
  const { attempt } = await started(db, profileId ? { profileId } : {});
  for (let i = 0; i < lines; i++) await recordExchange(db, attempt.id, [said(i), reply], snap(`n${i}`, i));
  return attempt.id;
}

/** Timers that never fire by themselves: the test reads what was scheduled and fires it. */
function manualTimers() {
  const scheduled: { run: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    scheduled,
    setTimer: (run: () => void, ms: number) => {
      const t = { run, ms, cancelled: false };
      scheduled.push(t);
      return t;
    },
    clearTimer: (t: unknown) => void ((t as { cancelled: boolean }).cancelled = true),
    /** The last timer still pending. */
    pending: () => scheduled.filter((t) => !t.cancelled).at(-1),
  };
}

/** Web Locks in one process: requests for one name run one after another. */
function fakeLocks(): Pick<LockManager, 'request'> {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request: ((name: string, cb: (lock: unknown) => Promise<unknown>) => {
      const run = (tails.get(name) ?? Promise.resolve()).then(() => cb({ name, mode: 'exclusive' }));
      tails.set(
        name,
        run.catch(() => undefined),
      );
      return run;
    }) as LockManager['request'],
  };
}

const flushers: OutboxFlusher[] = [];
function flusher(db: CallDojoDb, lrs: ReturnType<typeof fakeLrs>, options: FlusherOptions = {}) {
  const timers = manualTimers();
  const events = new EventTarget();
  const f = new OutboxFlusher(db, {
    fetch: lrs.fetch,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    events,
    locks: null,
    random: () => 0.5,
    ...options,
  });
  flushers.push(f);
  return { f, timers, events };
}
afterEach(() => {
  for (const f of flushers.splice(0)) f.stop();
  stopOutbox();
  setSessionTarget(null);
  vi.unstubAllGlobals();
});

describe('outbox flusher', () => {
  it('sends queued statements oldest first in batches of 50 and empties the outbox', async () => {
    const db = freshDb();
    await configure(db);
    const attemptId = await call(db, 60);
    const lrs = fakeLrs();
    const { f } = flusher(db, lrs);
    await f.flush();
    expect(lrs.posts.map((p) => p.statements.length)).toEqual([50, 11]);
    expect(lrs.posts[0]!.statements[0]!.id).toBe(statementId(attemptId, 'attempted'));
    expect(lrs.posts[0]!.statements[1]!.id).toBe(statementId(attemptId, 'turn/0'));
    expect(lrs.posts[0]!.authorization).toBe(`Basic ${btoa('calldojo:s3cret')}`);
    expect(await db.outbox.count()).toBe(0);
    expect(lrs.stored.size).toBe(61);
  });

  it('parks only the statement the LRS refuses, with its reason, and sends the other 49 of its batch', async () => {
    const db = freshDb();
    await configure(db);
    const attemptId = await call(db, 49);
    const bad = statementId(attemptId, 'turn/20');
    const lrs = fakeLrs({ bad: (s) => (s.id === bad ? "Invalid value in 'statements.0.result.response'" : null) });
    const { f } = flusher(db, lrs);
    await f.flush();
    expect(await outboxCounts(db)).toEqual({ queued: 0, conflict: 0, parked: 1 });
    expect(await db.outbox.get(bad)).toMatchObject({
      state: 'parked',
      reason: "400: Invalid value in 'statements.0.result.response'",
    });
    expect(lrs.stored.size).toBe(49);
    expect(lrs.stored.has(bad)).toBe(false);
  });

  it('keeps and flags a statement the LRS holds differently (409), and is not stopped by it', async () => {
    const db = freshDb();
    await configure(db);
    const attemptId = await call(db, 2);
    const lrs = fakeLrs();
    const clash = statementId(attemptId, 'turn/0');
    const row = (await db.outbox.get(clash))!;
    lrs.stored.set(clash, { ...row.statement, result: { response: 'something else' } });
    const { f } = flusher(db, lrs);
    await f.flush();
    expect(await db.outbox.get(clash)).toMatchObject({ state: 'conflict', reason: expect.stringContaining('409') });
    expect(await outboxCounts(db)).toEqual({ queued: 0, conflict: 1, parked: 0 });
    expect(lrs.stored.size).toBe(3);
  });

  it('backs off exponentially with jitter while the LRS is down (503, no network), then delivers', async () => {
    const db = freshDb();
    await configure(db);
    let now = 1_000_000;
    await call(db, 3);
    const lrs = fakeLrs();
    const { f, timers } = flusher(db, lrs, { now: () => now, random: () => 1, baseDelayMs: 1000, maxDelayMs: 8000 });
    lrs.answerNext(503, 'network', 503, 503, 503);
    await f.flush();
    expect(timers.pending()!.ms).toBe(1000);
    expect(f.status).toMatchObject({ kind: 'waiting', reason: expect.stringContaining('503') });
    const delays = [];
    for (let i = 0; i < 4; i++) {
      now += timers.pending()!.ms;
      timers.pending()!.run();
      await f.idle();
      delays.push(timers.pending()!.ms);
    }
    expect(delays).toEqual([2000, 4000, 8000, 8000]);
    expect((await db.outbox.toArray())[0]).toMatchObject({ tries: 5, nextTryAt: now + 8000 });
    // A timer that fires early (another tab's statements woke it) sends nothing before the backoff is over.
    const posts = lrs.posts.length;
    await (f as unknown as { run(force: boolean): Promise<void> }).run(false);
    expect(lrs.posts.length).toBe(posts);
    now += 8000;
    timers.pending()!.run();
    await f.idle();
    expect(await db.outbox.count()).toBe(0);
    expect(f.status).toEqual({ kind: 'idle' });
  });

  it('jitters each wait between half and all of the doubled delay, and caps it', () => {
    expect(backoffDelay(1, () => 0)).toBe(1000);
    expect(backoffDelay(1, () => 1)).toBe(2000);
    expect(backoffDelay(3, () => 0.5)).toBe(6000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
  });

  it('stops at 401 and asks for credentials until they are saved again', async () => {
    const db = freshDb();
    await configure(db);
    await call(db, 1);
    const lrs = fakeLrs();
    const { f, events } = flusher(db, lrs);
    lrs.answerNext(401);
    await f.flush();
    expect(f.status).toMatchObject({ kind: 'credentials', route: 'lrs' });
    events.dispatchEvent(new Event('online'));
    await f.flush();
    await f.idle();
    expect(lrs.posts).toHaveLength(1);
    expect(await db.outbox.count()).toBe(2);
    await configure(db, { secret: 'new-secret' });
    await f.credentialsChanged();
    expect(lrs.posts.at(-1)!.authorization).toBe(`Basic ${btoa('calldojo:new-secret')}`);
    expect(await db.outbox.count()).toBe(0);
    expect(f.status).toEqual({ kind: 'idle' });
  });

  it('delivers 50 statements queued offline exactly once when the browser comes back online', async () => {
    const db = freshDb();
    await configure(db);
    const lrs = fakeLrs();
    const { f, events } = flusher(db, lrs);
    lrs.answerNext(...Array<'network'>(100).fill('network'));
    f.start();
    await call(db, 49);
    await f.flush();
    expect(await outboxCounts(db)).toEqual({ queued: 50, conflict: 0, parked: 0 });
    lrs.answerNext();
    events.dispatchEvent(new Event('online'));
    await f.idle();
    expect(await db.outbox.count()).toBe(0);
    const accepted = [...lrs.stored.keys()];
    expect(accepted).toHaveLength(50);
    const sentOk = lrs.posts.slice(-1).flatMap((p) => p.statements.map((s) => s.id));
    expect(new Set(sentOk).size).toBe(sentOk.length);
    expect(sentOk.sort()).toEqual(accepted.sort());
  });

  it('lets only one tab send at a time: two flushers on one outbox send each statement once', async () => {
    const db = freshDb();
    await configure(db);
    await call(db, 120);
    const lrs = fakeLrs();
    const locks = fakeLocks();
    const a = flusher(db, lrs, { locks }).f;
    const b = flusher(db, lrs, { locks }).f;
    await Promise.all([a.flush(), b.flush(), a.flush()]);
    expect(lrs.received()).toHaveLength(121);
    expect(new Set(lrs.received()).size).toBe(121);
  });

  it('hands the oldest statements to the browser with keepalive when the page is hidden', async () => {
    const db = freshDb();
    await configure(db);
    const lrs = fakeLrs();
    const { f, events } = flusher(db, lrs);
    lrs.answerNext('network');
    f.start();
    const attemptId = await call(db, 2);
    await f.flush();
    events.dispatchEvent(new Event('pagehide'));
    await new Promise((r) => setTimeout(r, 0));
    const last = lrs.posts.at(-1)!;
    expect(last.keepalive).toBe(true);
    expect(last.statements.map((s) => s.id)).toEqual([
      statementId(attemptId, 'attempted'),
      statementId(attemptId, 'turn/0'),
      statementId(attemptId, 'turn/2'),
    ]);
  });

  it('sends a launch’s statements to its LMS with the launch token, and nothing while no LRS or launch is set', async () => {
    const db = freshDb();
    const lrs = fakeLrs();
    const { f } = flusher(db, lrs);
    const first = await call(db, 1);
    await f.flush();
    expect(lrs.posts).toHaveLength(0);
    expect(await db.outbox.count()).toBe(0);
    setSessionTarget({
      endpoint: 'http://lms.test/lrs/',
      authorization: 'Basic bGF1bmNo',
      registration: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.example', name: 'learner-9' } },
    });
    await call(db, 1, (await db.attempts.get(first))!.profileId);
    await f.flush();
    expect(lrs.posts).toHaveLength(1);
    expect(lrs.posts[0]!.authorization).toBe('Basic bGF1bmNo');
    expect(lrs.posts[0]!.statements.every((s) => s.actor.account.name === 'learner-9')).toBe(true);
  });

  it('a launch routes through useSessionTarget, and flushOutbox resolves once its statements are sent', async () => {
    const db = freshDb();
    const lrs = fakeLrs();
    vi.stubGlobal('fetch', lrs.fetch);
    const target = {
      endpoint: 'http://lms.test/lrs/',
      authorization: 'Basic bGF1bmNo',
      registration: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      actor: { objectType: 'Agent' as const, account: { homePage: 'https://lms.example', name: 'learner-9' } },
    };
    // Without a running flusher or a database to start one, statements would wait for ever: refused loudly.
    expect(() => useSessionTarget(target)).toThrow(/pass the database/);
    useSessionTarget(target, db);
    await call(db, 2);
    await flushOutbox();
    expect(await db.outbox.count()).toBe(0);
    expect(lrs.stored.size).toBe(3);
  });
});
