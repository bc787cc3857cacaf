/**
 * The one module that knows the CallDojo database schema: tables, indexes, versions and their upgrades.
 * Keep every released `version(n)` declaration: a trainee's browser may still hold any of them.
 */
import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import { guard } from './errors.ts';
import { summarizeFindings } from './summary.ts';
import { normalizeStaffNo } from './text.ts';
import type { Attempt, CallRecord, DeviceKey, OutboxRow, Override, Profile, Review, Setting, Turn } from './types.ts';

export const DEFAULT_DB_NAME = 'calldojo';

/** Version 1 as first released: the four practice tables (exported so the upgrade test can build a v1 database). */
export const STORES_V1 = {
  profiles: 'id, staffNo, lastActiveAt',
  attempts: 'id, profileId, scenarioId, status, startedAt',
  turns: '[attemptId+index], attemptId',
  records: 'attemptId',
} as const;

/**
 * Version 2: compound indexes for the library and progress queries, per-attempt finding summaries, and the
 * mentor-review tables of issue 7 (reviews, append-only overrides, device keys, settings).
 */
export const STORES_V2 = {
  profiles: 'id, staffNo, lastActiveAt',
  attempts: 'id, profileId, [profileId+scenarioId], [profileId+endedAt], [profileId+status], status',
  turns: '[attemptId+index], attemptId',
  records: 'attemptId',
  reviews: 'id, attemptId, status',
  overrides: 'id, attemptId, reviewId, at',
  deviceKeys: 'id',
  settings: 'key',
} as const;

/**
 * Version 3 (issue 16): the `outbox` of xAPI statements waiting for the LRS, oldest first per state. No row changes:
 * older rows simply have no statements (they were never reported, and are not reported after the upgrade either).
 */
export const STORES_V3 = {
  ...STORES_V2,
  outbox: 'id, state, queuedAt, [state+queuedAt]',
} as const;

export const SCHEMA_VERSION = 3;

export type CallDojoDb = Dexie & {
  profiles: EntityTable<Profile, 'id'>;
  attempts: EntityTable<Attempt, 'id'>;
  turns: Table<Turn, [string, number]>;
  records: EntityTable<CallRecord, 'attemptId'>;
  reviews: EntityTable<Review, 'id'>;
  overrides: EntityTable<Override, 'id'>;
  deviceKeys: EntityTable<DeviceKey, 'id'>;
  settings: EntityTable<Setting, 'key'>;
  outbox: EntityTable<OutboxRow, 'id'>;
};

/** Creates (without opening) the CallDojo database; `options` lets tests pass their own indexedDB. */
export function createDb(name: string = DEFAULT_DB_NAME, options?: DexieOptions): CallDojoDb {
  const db = new Dexie(name, options) as CallDojoDb;
  db.version(1).stores(STORES_V1);
  db.version(2)
    .stores(STORES_V2)
    .upgrade(async (tx) => {
      // v1 kept staff numbers as typed (full-width digits from the IME); v2 compares them normalised.
      await tx
        .table<Profile>('profiles')
        .toCollection()
        .modify((p) => {
          p.staffNo = normalizeStaffNo(String(p.staffNo ?? ''));
        });
      // v1 attempts had no finding summary: derive it from their turns so progress works for old calls too.
      const turns = tx.table<Turn, [string, number]>('turns');
      const attempts = await tx.table<Attempt>('attempts').toArray();
      for (const a of attempts) {
        const ofAttempt = await turns.where('attemptId').equals(a.id).toArray();
        const findings = a.status === 'in_progress' ? null : summarizeFindings(ofAttempt);
        await tx.table<Attempt>('attempts').update(a.id, { findings, endedAt: a.endedAt ?? null });
      }
    });
  db.version(3).stores(STORES_V3);
  return db;
}

/** Creates and opens the database, so private mode or blocked storage is reported at start-up as a StorageError. */
export async function openDb(name: string = DEFAULT_DB_NAME, options?: DexieOptions): Promise<CallDojoDb> {
  const db = createDb(name, options);
  await guard(() => db.open());
  return db;
}
