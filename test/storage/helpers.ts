/** Shared fixtures for storage tests: a fresh database per test and realistic call data. */
import { acceptToken, importBundle, type ImportOptions, type ImportResult } from '../../src/storage/import.ts';
import type { DBCore, Middleware } from 'dexie';
import { afterEach } from 'vitest';
import type { Assessment, Category, Finding, Severity } from '../../src/scoring/types.ts';
import { createDb, type CallDojoDb } from '../../src/storage/db.ts';
import { createProfile } from '../../src/storage/profiles.ts';
import { startAttempt, type StartAttemptInput } from '../../src/storage/attempts.ts';
import type { SigningKey } from '../../src/security/signature.ts';
import { setMentorPin, unlockMentor } from '../../src/storage/reviews.ts';

const opened: CallDojoDb[] = [];
let counter = 0;

/** A database no other test has touched; deleted after the test. */
export function freshDb(): CallDojoDb {
  const db = createDb(`calldojo-test-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

/** A finding as the scoring engine would report it. */
export function finding(rule: string, category: Category, severity: Severity = 'major'): Finding {
  return { rule, category, severity, start: 0, end: 2, quote: '你必须', message: 'm', better: 'b', sources: [] };
}

/** An assessment carrying the given findings. */
export function assessment(...findings: Finding[]): Assessment {
  return { findings, tone: { label: 'neutral', score: 50, reasons: [] }, moves: [], elements: ['institution'] };
}

/** A session snapshot as the engine would persist it. */
export function snap(node: string, turn = 0): { version: number; node: string; turn: number } {
  return { version: 1, node, turn };
}

/** A profile plus a started attempt of `scenarioId`. */
export async function started(db: CallDojoDb, overrides: Partial<StartAttemptInput> = {}) {
  const profile = overrides.profileId
    ? { id: overrides.profileId }
    : await createProfile(db, { name: '王小明', staffNo: 'A1001' });
  const attempt = await startAttempt(db, {
    profileId: profile.id,
    scenarioId: 'first-contact-01',
    scenarioTitle: '首次催收：还款提醒',
    lang: 'zh',
    mode: 'practice',
    seed: 42,
    snapshot: snap('opening'),
    ...overrides,
  });
  return { profileId: profile.id, attempt };
}

/** Scores for a completed call. */
export function scores(total: number) {
  return { compliance: total, script: total, tone: total, outcome: total, record: total, total };
}

/** Makes every write to `table` fail the way a full disk does, at the IndexedDB request level, while `full()` says so. */
export function quotaOn(table: string, full: () => boolean): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'simulated-quota',
    create: (down) => ({
      ...down,
      table(name) {
        const t = down.table(name);
        if (name !== table) return t;
        return {
          ...t,
          mutate: (req) =>
            full()
              ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
              : t.mutate(req),
        };
      },
    }),
  };
}

/** Every row of every table, to prove an operation changed nothing. */
export async function dump(db: CallDojoDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

/**
 * Imports `text` as a mentor does: a file held because its device (or its being unsigned) was never accepted here is
 * accepted and imported; any other result is returned as it is.
 */
export async function importAccepted(db: CallDojoDb, text: string, options: ImportOptions = {}): Promise<ImportResult> {
  const first = await importBundle(db, text, options);
  if (first.signature?.status !== 'held') return first;
  return importBundle(db, text, { ...options, accept: { token: acceptToken(first.signature), by: '李老师' } });
}

/**
 * This PC's mentor key, unlocked as a mentor's PIN unlocks it: corrections count only when signed with it (an
 * override row written any other way is shown in the audit trail and never counted).
 */
export async function mentorSigner(db: CallDojoDb): Promise<SigningKey> {
  await setMentorPin(db, '2468');
  return (await unlockMentor(db, '2468'))!;
}
