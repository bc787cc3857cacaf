import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { statementId } from '../../src/lrs/ids.ts';
import { setSessionTarget } from '../../src/lrs/target.ts';
import { VERBS, type Activity } from '../../src/lrs/xapi.ts';
import { attemptReport } from '../../src/report/attempt-report.ts';
import { LEGACY_POLICY } from '../../src/report/pass-policy.ts';
import { completeAttempt } from '../../src/storage/attempts.ts';
import { createDb, SCHEMA_VERSION, STORES_V2 } from '../../src/storage/db.ts';
import { outboxCounts, queueStatements } from '../../src/storage/outbox.ts';
import { saveRecord } from '../../src/storage/records.ts';
import { overruleFinding } from '../../src/storage/index.ts';
import { listTurns, recordExchange, type ExchangeLine } from '../../src/storage/turns.ts';
import { exportProfile } from '../../src/storage/export.ts';
import {
  assessment,
  dump,
  finding,
  freshDb,
  importAccepted,
  quotaOn,
  scores,
  snap,
  started,
} from '../storage/helpers.ts';
import { configure } from './fixtures.ts';

const threat = finding('cn-violence-threat', 'threat', 'critical');
const said = (text: string, extra: Partial<ExchangeLine> = {}): ExchangeLine => ({
  speaker: 'trainee',
  text,
  assessment: assessment(),
  stage: 'opening',
  personaState: null,
  node: 'greet',
  ...extra,
});
const reply: ExchangeLine = {
  speaker: 'persona',
  text: '什么事？',
  assessment: null,
  stage: 'opening',
  personaState: { trust: 40 },
};

afterEach(() => setSessionTarget(null));

async function queued(db: ReturnType<typeof freshDb>) {
  return (await db.outbox.orderBy('queuedAt').toArray()).map((r) => ({
    verb: r.statement.verb.id.split('/').pop(),
    id: r.id,
    state: r.state,
  }));
}

describe('outbox writes', () => {
  it('queues nothing when no LRS is configured', async () => {
    const db = freshDb();
    const { attempt } = await started(db);
    await recordExchange(db, attempt.id, [reply, said('您好'), reply], snap('n1', 1));
    await completeAttempt(db, attempt.id, { scores: scores(80), outcome: 'ptp', passed: true, blockerRule: null });
    expect(await db.outbox.count()).toBe(0);
  });

  it('queues `attempted`, one statement per scored line and the result, in the order they were written', async () => {
    const db = freshDb();
    await configure(db);
    const { attempt } = await started(db, { course: 'first_contact' });
    await recordExchange(db, attempt.id, [reply], snap('n0', 0));
    await recordExchange(db, attempt.id, [said('您好，我是华信银行的小王'), reply], snap('n1', 1));
    await recordExchange(
      db,
      attempt.id,
      [said('你再不还就起诉你', { assessment: assessment(threat), node: 'pay' }), reply],
      snap('end', 2),
      { end: { outcome: 'refused' } },
    );
    await saveRecord(db, attempt.id, {
      resultCode: 'refused',
      promiseAmount: null,
      promiseDate: null,
      nextAction: '',
      notes: '',
      checks: [],
    });
    await completeAttempt(db, attempt.id, {
      scores: scores(30),
      outcome: 'refused',
      passed: false,
      blockerRule: 'cn-violence-threat',
    });
    expect(await queued(db)).toEqual([
      { verb: 'attempted', id: statementId(attempt.id, 'attempted'), state: 'queued' },
      { verb: 'responded', id: statementId(attempt.id, 'turn/1'), state: 'queued' },
      { verb: 'responded', id: statementId(attempt.id, 'turn/3'), state: 'queued' },
      { verb: 'completed', id: statementId(attempt.id, 'completed'), state: 'queued' },
      { verb: 'failed', id: statementId(attempt.id, 'result'), state: 'queued' },
    ]);
    const line = await db.outbox.get(statementId(attempt.id, 'turn/3'));
    expect((line!.statement.object as Activity).id).toBe(
      'https://bank.example/calldojo/scenarios/first-contact-01/nodes/pay',
    );
    expect(line!.statement.actor.account).toEqual({ homePage: 'https://staff.bank.example', name: 'A1001' });
    const failed = await db.outbox.get(statementId(attempt.id, 'result'));
    expect(failed!.statement.result!.score).toEqual({ raw: 30, min: 0, max: 100 });
    expect(await outboxCounts(db)).toEqual({ queued: 5, conflict: 0, parked: 0 });
  });

  it('a line that cannot be stored (disk full) queues no statement, and storing it again queues exactly one', async () => {
    let full = false;
    const db = freshDb().use(quotaOn('turns', () => full));
    await configure(db);
    const { attempt } = await started(db);
    const before = await dump(db);
    full = true;
    await expect(recordExchange(db, attempt.id, [said('您好'), reply], snap('n1', 1))).rejects.toMatchObject({
      kind: 'quota_exceeded',
    });
    expect(await dump(db)).toEqual(before);
    full = false;
    await recordExchange(db, attempt.id, [said('您好'), reply], snap('n1', 1));
    expect((await queued(db)).map((r) => r.verb)).toEqual(['attempted', 'responded']);
  });

  it('an outbox that cannot be written keeps the line out too (one transaction)', async () => {
    let full = false;
    const db = freshDb().use(quotaOn('outbox', () => full));
    await configure(db);
    const { attempt } = await started(db);
    full = true;
    await expect(recordExchange(db, attempt.id, [said('您好'), reply], snap('n1', 1))).rejects.toMatchObject({
      kind: 'quota_exceeded',
    });
    expect(await listTurns(db, attempt.id)).toEqual([]);
  });

  it('keeps one row when the same statement is queued twice', async () => {
    const db = freshDb();
    await configure(db);
    const { attempt } = await started(db);
    const row = (await db.outbox.toArray())[0]!;
    await db.transaction('rw', db.outbox, () => queueStatements(db, 'lrs', [row.statement, row.statement]));
    expect(await db.outbox.count()).toBe(1);
    expect((await db.outbox.get(statementId(attempt.id, 'attempted')))!.queuedAt).toBe(row.queuedAt);
  });

  it('files a mentor correction as a comment on the corrected line, in the correction’s transaction', async () => {
    const db = freshDb();
    await configure(db);
    const { attempt } = await started(db);
    await recordExchange(
      db,
      attempt.id,
      [reply, said('您好'), reply, said('你再不还就起诉你', { assessment: assessment(threat) })],
      snap('n2', 2),
    );
    const report = attemptReport({
      course: 'first_contact',
      policy: LEGACY_POLICY,
      outcome: null,
      recordChecks: [],
      turns: (await listTurns(db, attempt.id))
        .filter((t) => t.assessment)
        .map((t) => ({ text: t.text, nodeId: '', expected: [], assessment: t.assessment! })),
    });
    await completeAttempt(db, attempt.id, {
      scores: report.scores,
      outcome: null,
      passed: report.passed,
      blockerRule: report.blocker?.rule ?? null,
    });
    const o = await overruleFinding(db, {
      attemptId: attempt.id,
      turnIndex: 1,
      rule: 'cn-violence-threat',
      reason: '转述客户原话',
      by: '李老师',
      byStaffNo: 'M0007',
    });
    const comment = await db.outbox.get(statementId(attempt.id, `override/${o.id}`));
    expect(comment!.statement).toMatchObject({
      actor: { account: { homePage: 'https://staff.bank.example', name: 'M0007' } },
      verb: VERBS.commented,
      object: { objectType: 'StatementRef', id: statementId(attempt.id, 'turn/3') },
      result: { response: '转述客户原话' },
    });
    // The line it points at was queued too.
    expect(await db.outbox.get(statementId(attempt.id, 'turn/3'))).toBeDefined();
  });

  it('routes statements of a launch to its session target, about its learner, even with no LRS configured', async () => {
    const db = freshDb();
    setSessionTarget({
      endpoint: 'http://lms.test/lrs/',
      authorization: 'Basic abc',
      registration: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.example', name: 'learner-9' } },
    });
    const { attempt } = await started(db);
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({
      id: statementId(attempt.id, 'attempted'),
      to: 'session',
      statement: { actor: { account: { name: 'learner-9' } } },
    });
    expect(row!.statement.context!.registration).toBe('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
  });

  it('lets a launch rewrite the statements of a write before they are queued (in the same transaction)', async () => {
    const db = freshDb();
    setSessionTarget({
      endpoint: 'http://lms.test/lrs/',
      authorization: 'Basic abc',
      registration: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      actor: { objectType: 'Agent', account: { homePage: 'https://lms.example', name: 'learner-9' } },
      // e.g. cmi5: no `responded` lines for this LMS, and a cmi5 category on the rest.
      adapt: (statements) =>
        statements
          .filter((s) => s.verb.id !== VERBS.responded.id)
          .map((s) => ({
            ...s,
            context: { ...s.context, extensions: { ...s.context?.extensions, 'https://example/adapted': true } },
          })),
    });
    const { attempt } = await started(db);
    await recordExchange(db, attempt.id, [said('您好'), reply], snap('n1', 1));
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => r.statement.verb.id)).toEqual([VERBS.attempted.id]);
    expect(rows[0]!.statement.context!.extensions!['https://example/adapted']).toBe(true);
  });
});

describe('exported calls', () => {
  it('carry the node answered, the option picked and the course to another PC, and import there', async () => {
    const a = freshDb();
    const { attempt, profileId } = await started(a, { course: 'first_contact', mode: 'guided' });
    await recordExchange(a, attempt.id, [said('您好', { node: 'greet', picked: 2 }), reply], snap('n1', 1));
    await completeAttempt(a, attempt.id, { scores: scores(80), outcome: null, passed: true, blockerRule: null });
    const b = freshDb();
    const result = await importAccepted(b, JSON.stringify(await exportProfile(a, profileId)));
    expect(result.diagnostics).toEqual([]);
    expect(await b.attempts.get(attempt.id)).toMatchObject({ course: 'first_contact' });
    expect(await listTurns(b, attempt.id)).toMatchObject([{ node: 'greet', picked: 2 }, { speaker: 'persona' }]);
  });
});

describe('schema upgrade v2 → v3', () => {
  it('opens a v2 database with data, keeps every row and adds an empty outbox', async () => {
    const name = `calldojo-v2-${Math.random().toString(36).slice(2)}`;
    const old = new Dexie(name);
    old.version(2).stores(STORES_V2);
    await old.open();
    await old.table('profiles').add({ id: 'p1', name: '张伟', staffNo: 'C042', createdAt: 1, lastActiveAt: 5 });
    const base = {
      profileId: 'p1',
      scenarioId: 's1',
      scenarioTitle: '首次催收',
      lang: 'zh',
      mode: 'practice',
      seed: 7,
      blockerRule: null,
      findings: null,
    };
    await old.table('attempts').bulkAdd([
      {
        ...base,
        id: 'a1',
        status: 'completed',
        startedAt: 1,
        endedAt: 2,
        outcome: 'ptp',
        scores: scores(60),
        passed: true,
        snapshot: null,
      },
      {
        ...base,
        id: 'a2',
        status: 'in_progress',
        startedAt: 3,
        endedAt: null,
        outcome: null,
        scores: null,
        passed: null,
        snapshot: snap('n3', 4),
      },
    ]);
    await old.table('turns').add({
      attemptId: 'a2',
      index: 0,
      speaker: 'trainee',
      text: '您好',
      assessment: assessment(),
      personaState: null,
      stage: 'opening',
      at: 3,
    });
    await old.table('settings').add({ key: 'mentorPin', value: { hash: 'h', salt: 's' } });
    const before = Object.fromEntries(
      await Promise.all(old.tables.map(async (t) => [t.name, await t.toArray()] as const)),
    );
    old.close();

    const db = createDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(SCHEMA_VERSION);
      const after = await dump(db);
      expect(after.outbox).toEqual([]);
      delete after.outbox;
      expect(after).toEqual(before);
      // The migrated call goes on, and its next line is reported once an LRS is configured.
      await configure(db);
      await recordExchange(db, 'a2', [said('我是华信银行的小王'), reply], snap('n4', 5));
      expect((await db.outbox.toArray()).map((r) => r.id)).toEqual([statementId('a2', 'turn/1')]);
    } finally {
      await db.delete();
    }
  });
});
