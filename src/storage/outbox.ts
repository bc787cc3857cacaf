/**
 * The offline outbox (issue 16): xAPI statements waiting for the LRS. The only writer of `outbox`. Writers of the rows
 * statements describe (turns, attempts, overrides) call `queueStatements` inside their own transaction, so a line
 * that is not stored is never reported and a stored line is never lost; the flusher (src/lrs/flusher.ts) reads and
 * settles rows here.
 */
import Dexie from 'dexie';
import { checkLrsSettings, DEFAULT_ACTIVITY_BASE, type LrsSettings } from '../lrs/settings.ts';
import { LRS_SETTING_KEY } from '../lrs/setting-key.ts';
import type { StatementEnv } from '../lrs/statements.ts';
import { sessionTarget } from '../lrs/target.ts';
import { staffAgent, type Statement } from '../lrs/xapi.ts';
import type { CallDojoDb } from './db.ts';
import { guard } from './errors.ts';
import type { OutboxRoute, OutboxRow, OutboxState } from './types.ts';

/** Where the statements of a write go and whom they are about; null when nothing is to be reported. */
export interface OutboxEnv {
  env: StatementEnv;
  to: OutboxRoute;
}

const listeners = new Set<() => void>();

/** Calls `listener` after each transaction that queued statements commits; returns the unsubscribe. */
export function onQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The saved LRS connection, if usable (read with Dexie's own promise: see `outboxEnv`). */
function usable(value: unknown): LrsSettings | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const fields = ['endpoint', 'key', 'secret', 'homePage', 'activityBase'] as const;
  if (!fields.every((k) => typeof v[k] === 'string')) return null;
  return checkLrsSettings(v as unknown as LrsSettings).length === 0 ? (v as unknown as LrsSettings) : null;
}

/**
 * Where statements about `profileId`'s call go, read inside the caller's transaction (its scope must hold `settings`
 * and `profiles`): a cmi5 launch's target first, else this PC's LRS, else null (no LRS: nothing is written). Only
 * Dexie promises are chained here: awaiting nested native async functions loses Dexie's transaction zone, and the
 * writes after it would run outside the transaction (PrematureCommitError).
 */
export function outboxEnv(db: CallDojoDb, profileId: string): Promise<OutboxEnv | null> {
  const target = sessionTarget();
  return db.settings.get(LRS_SETTING_KEY).then((row) => {
    const settings = usable(row?.value);
    if (target) {
      return {
        to: 'session' as const,
        env: {
          actor: target.actor,
          homePage: settings?.homePage ?? target.actor.account.homePage,
          activityBase: target.activityBase ?? settings?.activityBase ?? DEFAULT_ACTIVITY_BASE,
          registration: target.registration,
          contextActivities: target.contextActivities,
        },
      };
    }
    if (!settings) return null;
    return db.profiles.get(profileId).then((profile) =>
      profile
        ? {
            to: 'lrs' as const,
            env: {
              actor: staffAgent(settings.homePage, profile.staffNo),
              homePage: settings.homePage,
              activityBase: settings.activityBase,
            },
          }
        : null,
    );
  });
}

/**
 * Queues `built` inside the caller's transaction (its scope must hold `outbox`), oldest first, as a launch's `adapt`
 * rewrites them for a `session` route. A statement whose id is already queued keeps its one row (ids are
 * deterministic: the same row always gives the same id).
 */
export async function queueStatements(db: CallDojoDb, to: OutboxRoute, built: readonly Statement[]): Promise<void> {
  const adapt = to === 'session' ? sessionTarget()?.adapt : undefined;
  const statements = adapt ? adapt(built) : built;
  if (statements.length === 0) return;
  const last = await db.outbox.orderBy('queuedAt').last();
  // Strictly increasing, so two statements of one transaction (completed, then passed) keep their order.
  let at = Math.max(Date.now(), (last?.queuedAt ?? 0) + 1);
  for (const statement of statements) {
    if (await db.outbox.get(statement.id)) continue;
    await db.outbox.add({ id: statement.id, statement, state: 'queued', queuedAt: at++, tries: 0, nextTryAt: 0, to });
  }
  Dexie.currentTransaction?.on('complete', () => {
    for (const l of listeners) l();
  });
}

/** The oldest queued rows for `routes`, at most `limit` (what one batch sends). */
export function queuedBatch(db: CallDojoDb, routes: ReadonlySet<OutboxRoute>, limit: number): Promise<OutboxRow[]> {
  return guard(() =>
    db.outbox
      .where('[state+queuedAt]')
      .between(['queued', Dexie.minKey], ['queued', Dexie.maxKey])
      .filter((r) => routes.has(r.to))
      .limit(limit)
      .toArray(),
  );
}

/** The LRS stored these: they leave the outbox. */
export function markSent(db: CallDojoDb, ids: readonly string[]): Promise<void> {
  return guard(() => db.outbox.bulkDelete([...ids]));
}

/** The LRS refused (`parked`) or conflicted with (`conflict`) one statement, and said why. */
export function markSettled(
  db: CallDojoDb,
  id: string,
  state: Exclude<OutboxState, 'queued'>,
  reason: string,
): Promise<void> {
  return guard(async () => {
    await db.outbox.update(id, { state, reason });
  });
}

/** These could not be sent (5xx, no network): one more try counted, not before `nextTryAt`. */
export function markRetry(db: CallDojoDb, ids: readonly string[], nextTryAt: number): Promise<void> {
  return guard(() =>
    db.transaction('rw', db.outbox, async () => {
      await db.outbox
        .where('id')
        .anyOf([...ids])
        .modify((r) => {
          r.tries += 1;
          r.nextTryAt = nextTryAt;
        });
    }),
  );
}

/** A mentor sends a parked or conflicting statement again (after fixing the cause at the LRS). */
export function requeue(db: CallDojoDb, id: string): Promise<void> {
  return guard(async () => {
    await db.outbox.update(id, { state: 'queued', reason: undefined, tries: 0, nextTryAt: 0 });
  });
}

export interface OutboxCounts {
  queued: number;
  conflict: number;
  parked: number;
}

/** How many statements wait, conflict and are parked (for Settings). */
export function outboxCounts(db: CallDojoDb): Promise<OutboxCounts> {
  return guard(async () => {
    const [queued, conflict, parked] = await Promise.all(
      (['queued', 'conflict', 'parked'] as const).map((s) => db.outbox.where('state').equals(s).count()),
    );
    return { queued: queued!, conflict: conflict!, parked: parked! };
  });
}

/** Statements the LRS refused or conflicted with, oldest first, with its reasons (for a mentor). */
export function unsentRows(db: CallDojoDb): Promise<OutboxRow[]> {
  return guard(async () =>
    (await db.outbox.where('state').anyOf(['conflict', 'parked']).toArray()).sort((a, b) => a.queuedAt - b.queuedAt),
  );
}
