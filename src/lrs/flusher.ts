/**
 * Sends the outbox to the LRS (issue 16): oldest first in batches, when the browser comes back online, on a timer
 * that backs off (exponentially, with jitter, capped) while the LRS cannot be reached, and once more with `keepalive`
 * when the page is hidden. Each answer settles the batch: stored → removed; conflict → kept and flagged; refused →
 * parked with the LRS's reason (a refused batch is retried statement by statement, so one bad statement does not park
 * its 49 neighbours); 401/403 → sending stops until the credentials are saved again. One tab sends at a time (a Web
 * Lock), so two tabs never send the same statement twice. Loaded lazily: only when an LRS or a launch is configured.
 */
import type { CallDojoDb } from '../storage/db.ts';
import { markRetry, markSent, markSettled, onQueued, outboxCounts, queuedBatch } from '../storage/outbox.ts';
import type { OutboxRoute, OutboxRow } from '../storage/types.ts';
import { postStatements, type FetchLike, type LrsAnswer, type XapiConnection } from './client.ts';
import { connectionOf, readLrsSettings } from './settings.ts';
import { onSessionTarget, sessionTarget, setSessionTarget, type SessionTarget } from './target.ts';

export { outboxCounts };
export type { SessionTarget };

/** What the flusher is doing, for Settings: `credentials` means the LRS refused the key (401/403). */
export type FlushStatus =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'waiting'; reason: string; until: number }
  | { kind: 'credentials'; route: OutboxRoute; reason: string };

export interface FlusherOptions {
  fetch?: FetchLike;
  now?: () => number;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Where `online` and `pagehide` are heard (the window). */
  events?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  /** Web Locks, so one tab sends at a time (absent: this tab alone coordinates with itself). */
  locks?: Pick<LockManager, 'request'> | null;
  batchSize?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How often an idle outbox is looked at again (statements queued in another tab). */
  pollMs?: number;
}

const LOCK = 'calldojo-lrs-outbox';
/** Browsers cap keepalive bodies at 64 KiB for all of a page's pending keepalive requests together. */
const KEEPALIVE_BYTES = 60_000;

/** The wait before try `tries` (1 = first retry): doubling from `base`, capped, with "equal jitter" (half to all of it). */
export function backoffDelay(tries: number, random: () => number, base = 2_000, cap = 300_000): number {
  const full = Math.min(cap, base * 2 ** Math.max(0, tries - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

type Pass = 'more' | 'empty' | 'wait' | 'stopped';

export class OutboxFlusher {
  status: FlushStatus = { kind: 'idle' };
  private readonly o: Required<Omit<FlusherOptions, 'events' | 'locks' | 'fetch'>> &
    Pick<FlusherOptions, 'events' | 'locks' | 'fetch'>;
  private readonly blocked = new Map<OutboxRoute, string>();
  private readonly listeners = new Set<(status: FlushStatus) => void>();
  private timer: unknown = null;
  private chain: Promise<void> = Promise.resolve();
  private head: { conn: XapiConnection; rows: OutboxRow[] } | null = null;
  private readonly undo: (() => void)[] = [];
  private stopped = false;

  constructor(
    readonly db: CallDojoDb,
    options: FlusherOptions = {},
  ) {
    const g = globalThis as { navigator?: { locks?: LockManager }; addEventListener?: unknown };
    this.o = {
      now: Date.now,
      random: Math.random,
      setTimer: (run, ms) => setTimeout(run, ms),
      clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      batchSize: 50,
      baseDelayMs: 2_000,
      maxDelayMs: 300_000,
      pollMs: 60_000,
      events: typeof g.addEventListener === 'function' ? (globalThis as unknown as EventTarget) : null,
      locks: g.navigator?.locks ?? null,
      ...options,
    };
  }

  /** Listens for `online`, `pagehide`, new statements and launches, and sends what waits. */
  start(): this {
    const online = () => void this.flush();
    const hide = () => this.sendOnHide();
    this.o.events?.addEventListener('online', online);
    this.o.events?.addEventListener('pagehide', hide);
    this.undo.push(
      () => this.o.events?.removeEventListener('online', online),
      () => this.o.events?.removeEventListener('pagehide', hide),
      onQueued(() => {
        void this.refreshHead();
        this.schedule(250);
      }),
      onSessionTarget(() => void this.flush()),
    );
    this.schedule(0);
    return this;
  }

  stop(): void {
    this.stopped = true;
    for (const u of this.undo.splice(0)) u();
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = null;
  }

  /** Calls `listener` with every status change; returns the unsubscribe. */
  subscribe(listener: (status: FlushStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The credentials were saved again: try the LRS again at once. */
  credentialsChanged(): Promise<void> {
    this.blocked.clear();
    this.setStatus({ kind: 'idle' });
    return this.flush();
  }

  /**
   * Sends now, waiting for nothing (the backoff is skipped), until the outbox is empty for every reachable LRS, the
   * LRS cannot be reached, or it refuses the credentials.
   */
  flush(): Promise<void> {
    return this.run(true);
  }

  /** Resolves once the passes started so far are over (tests and `flushOutbox`). */
  idle(): Promise<void> {
    return this.chain;
  }

  private run(force: boolean): Promise<void> {
    // One pass at a time in this tab; across tabs the Web Lock orders them.
    this.chain = this.chain
      .then(async () => {
        if (this.stopped) return;
        for (;;) {
          const pass = await this.locked(() => this.pass(force));
          if (pass !== 'more') {
            if (pass === 'empty') this.schedule(this.o.pollMs);
            return;
          }
        }
      })
      .catch(() => {
        // A storage failure: look again later rather than give up for good.
        this.schedule(this.o.pollMs);
      });
    return this.chain;
  }

  private locked(op: () => Promise<Pass>): Promise<Pass> {
    return this.o.locks ? (this.o.locks.request(LOCK, op) as Promise<Pass>) : op();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) this.o.clearTimer(this.timer);
    this.timer = this.o.setTimer(() => {
      this.timer = null;
      void this.run(false);
    }, ms);
  }

  private setStatus(status: FlushStatus): void {
    this.status = status;
    for (const l of this.listeners) l(status);
  }

  /** Where each route sends now (a route whose credentials were refused is left out until they change). */
  private async connections(): Promise<Map<OutboxRoute, XapiConnection>> {
    const out = new Map<OutboxRoute, XapiConnection>();
    const settings = await readLrsSettings(this.db);
    if (settings && !this.blocked.has('lrs')) out.set('lrs', connectionOf(settings));
    const target = sessionTarget();
    if (target && !this.blocked.has('session'))
      out.set('session', { endpoint: target.endpoint, authorization: target.authorization });
    return out;
  }

  /** Reads the oldest batch and keeps it for a page hide (which cannot wait for IndexedDB). */
  private async nextBatch(): Promise<{ conn: XapiConnection; rows: OutboxRow[] } | null> {
    const conns = await this.connections();
    const batch = conns.size ? await queuedBatch(this.db, new Set(conns.keys()), this.o.batchSize) : [];
    const first = batch[0];
    if (!first) return (this.head = null);
    // One batch goes to one LRS: the leading run of rows with the same route.
    const end = batch.findIndex((r) => r.to !== first.to);
    return (this.head = { conn: conns.get(first.to)!, rows: end < 0 ? batch : batch.slice(0, end) });
  }

  private async refreshHead(): Promise<void> {
    await this.nextBatch().catch(() => null);
  }

  /** One batch: send it and settle its rows by the LRS's answer. */
  private async pass(force: boolean): Promise<Pass> {
    const next = await this.nextBatch();
    if (!next) {
      if (this.status.kind !== 'credentials') this.setStatus({ kind: 'idle' });
      return this.blocked.size ? 'stopped' : 'empty';
    }
    const { conn, rows } = next;
    const wait = rows[0]!.nextTryAt - this.o.now();
    if (!force && wait > 0) {
      this.schedule(wait);
      return 'wait';
    }
    this.setStatus({ kind: 'sending' });
    const answer = await this.send(conn, rows);
    return this.settle(conn, rows, answer);
  }

  private send(conn: XapiConnection, rows: readonly OutboxRow[]): Promise<LrsAnswer> {
    return postStatements(
      conn,
      rows.map((r) => r.statement),
      { fetch: this.o.fetch },
    );
  }

  private async settle(conn: XapiConnection, rows: OutboxRow[], answer: LrsAnswer): Promise<Pass> {
    const route = rows[0]!.to;
    switch (answer.kind) {
      case 'ok':
        await markSent(
          this.db,
          rows.map((r) => r.id),
        );
        return 'more';
      case 'conflict':
      case 'rejected': {
        // The LRS refuses a batch as a whole: find the statements it refuses by sending them one at a time.
        if (rows.length === 1) {
          await markSettled(this.db, rows[0]!.id, answer.kind === 'conflict' ? 'conflict' : 'parked', answer.reason);
          return 'more';
        }
        for (const row of rows) {
          const pass = await this.settle(conn, [row], await this.send(conn, [row]));
          if (pass !== 'more') return pass;
        }
        return 'more';
      }
      case 'unauthorised':
        this.blocked.set(route, answer.reason);
        this.setStatus({ kind: 'credentials', route, reason: answer.reason });
        return 'stopped';
      case 'retry': {
        const delay = backoffDelay(rows[0]!.tries + 1, this.o.random, this.o.baseDelayMs, this.o.maxDelayMs);
        const until = this.o.now() + delay;
        await markRetry(
          this.db,
          rows.map((r) => r.id),
          until,
        );
        this.setStatus({ kind: 'waiting', reason: answer.reason, until });
        this.schedule(delay);
        return 'wait';
      }
      default: {
        const never: never = answer;
        throw new Error(`unknown LRS answer ${JSON.stringify(never)}`);
      }
    }
  }

  /** The page is going away: hand the oldest statements to the browser to send after it (rows stay until confirmed). */
  private sendOnHide(): void {
    const head = this.head;
    if (!head || this.blocked.has(head.rows[0]!.to)) return;
    const fit: OutboxRow[] = [];
    let bytes = 2;
    for (const row of head.rows) {
      bytes += JSON.stringify(row.statement).length * 3 + 1; // UTF-8 worst case
      if (bytes > KEEPALIVE_BYTES) break;
      fit.push(row);
    }
    // Deterministic ids: if this lands and the rows are sent again on the next visit, the LRS keeps one copy.
    if (fit.length)
      void postStatements(
        head.conn,
        fit.map((r) => r.statement),
        { fetch: this.o.fetch, keepalive: true },
      );
  }
}

let running: OutboxFlusher | null = null;

/** Starts this tab's flusher on `db` (once; later calls return the running one). */
export function startOutbox(db: CallDojoDb, options?: FlusherOptions): OutboxFlusher {
  return (running ??= new OutboxFlusher(db, options).start());
}

/** This tab's flusher, if started. */
export function outboxFlusher(): OutboxFlusher | null {
  return running;
}

/** Stops this tab's flusher (tests; the app keeps it for the page's life). */
export function stopOutbox(): void {
  running?.stop();
  running = null;
}

/** Sends what waits now; resolves when the outbox is empty or the LRS cannot be reached (at once if none runs). */
export async function flushOutbox(): Promise<void> {
  await running?.flush();
}

/**
 * Routes statements to a launch's LMS LRS (cmi5), with its token, from now on (null: back to this PC's LRS). Starts
 * the flusher on `db` (the app's `appDb()`) if none runs yet; without a flusher nothing would be sent, so a target
 * with neither throws rather than queue statements no one sends.
 */
export function useSessionTarget(target: SessionTarget | null, db?: CallDojoDb): void {
  if (target && !running && !db)
    throw new Error('useSessionTarget: no outbox flusher runs; pass the database (appDb()) to start one');
  setSessionTarget(target);
  if (!running && db) startOutbox(db);
}
