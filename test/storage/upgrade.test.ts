import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { findResumableAttempt } from '../../src/storage/attempts.ts';
import { createDb, openDb, SCHEMA_VERSION, STORES_V1, type CallDojoDb } from '../../src/storage/db.ts';
import { weakestRules } from '../../src/storage/progress.ts';
import { assessment, finding, scores, snap } from './helpers.ts';

const cleanup: Dexie[] = [];
afterEach(async () => {
  for (const db of cleanup.splice(0)) await db.delete();
});

/** A database exactly as version 1 of the app left it: no finding summaries, staff numbers as typed. */
async function v1Database(name: string): Promise<void> {
  const old = new Dexie(name);
  old.version(1).stores(STORES_V1);
  await old.open();
  await old.table('profiles').add({ id: 'p1', name: '张伟', staffNo: ' ｃ０４２ ', createdAt: 1, lastActiveAt: 5 });
  const base = {
    profileId: 'p1',
    scenarioId: 's1',
    scenarioTitle: '首次催收',
    lang: 'zh',
    mode: 'practice',
    seed: 7,
    outcome: 'ptp',
    passed: false,
    blockerRule: null,
  };
  await old.table('attempts').bulkAdd([
    { ...base, id: 'a1', status: 'completed', startedAt: 1, endedAt: 2, scores: scores(60), snapshot: null },
    {
      ...base,
      id: 'a2',
      status: 'in_progress',
      startedAt: 3,
      outcome: null,
      scores: null,
      passed: null,
      snapshot: snap('n3', 4),
    },
  ]);
  const turn = { speaker: 'trainee', personaState: null, stage: 'negotiation', at: 1 };
  await old.table('turns').bulkAdd([
    {
      ...turn,
      attemptId: 'a1',
      index: 0,
      text: '你再不还就起诉你',
      assessment: assessment(finding('cn.threat', 'threat', 'critical'), finding('tone.rude', 'tone')),
    },
    { ...turn, attemptId: 'a1', index: 1, text: '赶紧还', assessment: assessment(finding('tone.rude', 'tone')) },
    {
      ...turn,
      attemptId: 'a2',
      index: 0,
      text: '您好',
      assessment: assessment(finding('gp.no_intro', 'script', 'minor')),
    },
  ]);
  await old.table('records').add({
    attemptId: 'a1',
    resultCode: 'ptp',
    promiseAmount: 300,
    promiseDate: '2026-01-05',
    nextAction: '回访',
    notes: '',
    checks: [],
    savedAt: 2,
  });
  old.close();
}

describe('schema upgrade v1 → v2', () => {
  it('opens a v1 database with data, keeps every row and migrates them', async () => {
    const name = `calldojo-upgrade-${Math.random().toString(36).slice(2)}`;
    await v1Database(name);
    const db: CallDojoDb = createDb(name);
    cleanup.push(db);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);

    const profile = await db.profiles.get('p1');
    expect(profile).toMatchObject({ name: '张伟', staffNo: 'C042' });
    expect(await db.profiles.where('staffNo').equals('C042').count()).toBe(1);

    const done = await db.attempts.get('a1');
    expect(done).toMatchObject({ status: 'completed', scores: scores(60), endedAt: 2 });
    expect(done?.findings).toEqual({
      byCategory: { threat: 1, tone: 2 },
      byRule: {
        'cn.threat': { category: 'threat', severity: 'critical', count: 1 },
        'tone.rude': { category: 'tone', severity: 'major', count: 2 },
      },
    });
    // The unfinished call still resumes exactly where it was, and gets its summary only when it completes.
    const resume = await findResumableAttempt(db, 'p1');
    expect(resume?.attempt).toMatchObject({ id: 'a2', endedAt: null, findings: null, snapshot: snap('n3', 4) });
    expect(resume?.turns.map((t) => t.text)).toEqual(['您好']);

    expect(await db.turns.count()).toBe(3);
    expect((await db.records.get('a1'))?.promiseAmount).toBe(300);
    // v2's new indexes serve the progress queries over migrated rows.
    expect(await weakestRules(db, 'p1')).toEqual([
      { rule: 'tone.rude', category: 'tone', severity: 'major', count: 2, attempts: 1 },
      { rule: 'cn.threat', category: 'threat', severity: 'critical', count: 1, attempts: 1 },
    ]);
    // Issue 7's tables exist and start empty.
    expect(
      await Promise.all([db.reviews.count(), db.overrides.count(), db.deviceKeys.count(), db.settings.count()]),
    ).toEqual([0, 0, 0, 0]);
  });

  it('a new install opens straight at the current version', async () => {
    const db = await openDb(`calldojo-new-${Math.random().toString(36).slice(2)}`);
    cleanup.push(db);
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'attempts',
      'deviceKeys',
      'outbox',
      'overrides',
      'profiles',
      'records',
      'reviews',
      'settings',
      'turns',
    ]);
  });
});
