import { describe, expect, it } from 'vitest';
import {
  abandonAttempt,
  completeAttempt,
  endAttempt,
  findResumableAttempt,
  getAttempt,
  startAttempt,
} from '../../src/storage/attempts.ts';
import { createProfile } from '../../src/storage/profiles.ts';
import { getRecord, saveRecord, type RecordInput } from '../../src/storage/records.ts';
import { listTurns, recordPersonaTurn, recordTraineeTurn } from '../../src/storage/turns.ts';
import { assessment, finding, freshDb, scores, snap, started } from './helpers.ts';

const record: RecordInput = {
  resultCode: 'ptp',
  promiseAmount: 500,
  promiseDate: '2026-12-01',
  nextAction: '12月1日回访确认',
  notes: '客户失业',
  checks: [{ field: 'promiseAmount', ok: true, expected: '500', actual: '500' }],
};

describe('a call from start to report', () => {
  it('starts an attempt in progress with its snapshot', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db);
    expect(attempt).toMatchObject({
      profileId,
      status: 'in_progress',
      endedAt: null,
      scores: null,
      snapshot: snap('opening'),
    });
    await expect(startAttempt(db, { ...attempt, snapshot: snap('opening'), profileId: 'ghost' })).rejects.toMatchObject(
      { kind: 'not_found' },
    );
  });

  it('numbers turns in order and saves the snapshot with each line', async () => {
    const db = freshDb();
    const { attempt } = await started(db);
    await recordPersonaTurn(
      db,
      attempt.id,
      { text: '喂，哪位？', personaState: { trust: 40 }, stage: 'opening' },
      snap('n1', 1),
    );
    const t = await recordTraineeTurn(
      db,
      attempt.id,
      { text: '您好，我是XX银行信用卡中心的', assessment: assessment(), stage: 'opening' },
      snap('n1', 2),
    );
    expect(t).toMatchObject({ index: 1, speaker: 'trainee', personaState: null });
    const turns = await listTurns(db, attempt.id);
    expect(turns.map((x) => [x.index, x.speaker])).toEqual([
      [0, 'persona'],
      [1, 'trainee'],
    ]);
    expect((await getAttempt(db, attempt.id)).snapshot).toEqual(snap('n1', 2));
  });

  it('after a reload, offers the unfinished call exactly where the last stored line left it', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db);
    await recordPersonaTurn(
      db,
      attempt.id,
      { text: '喂？', personaState: { trust: 40 }, stage: 'opening' },
      snap('n1', 1),
    );
    await recordTraineeTurn(
      db,
      attempt.id,
      { text: '您好', assessment: assessment(), stage: 'opening' },
      snap('n2', 2),
    );
    db.close();
    await db.open(); // what a reload does
    const resume = await findResumableAttempt(db, profileId);
    expect(resume?.attempt.id).toBe(attempt.id);
    expect(resume?.attempt.snapshot).toEqual(snap('n2', 2));
    expect(resume?.turns.map((t) => t.text)).toEqual(['喂？', '您好']);
  });

  it('starting another call abandons the unfinished one, so only one call is ever resumable', async () => {
    const db = freshDb();
    const { attempt: first, profileId } = await started(db);
    await recordTraineeTurn(
      db,
      first.id,
      { text: '你必须', assessment: assessment(finding('tone.imperative', 'tone')), stage: 'opening' },
      snap('a'),
    );
    const { attempt: second } = await started(db, { profileId, scenarioId: 'other' });
    expect((await getAttempt(db, first.id)).status).toBe('abandoned');
    // Its findings are counted, so the mentor sees what was said in it.
    expect((await getAttempt(db, first.id)).findings?.byCategory).toEqual({ tone: 1 });
    expect((await getAttempt(db, first.id)).snapshot).toBeNull();
    expect((await findResumableAttempt(db, profileId))?.attempt.id).toBe(second.id);
  });

  it('completing stores scores and a finding summary, drops the snapshot and ends resumability', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db);
    await recordTraineeTurn(
      db,
      attempt.id,
      {
        text: '你必须今天还',
        assessment: assessment(finding('cn.threat', 'threat', 'critical'), finding('tone.imperative', 'tone')),
        stage: 'negotiation',
      },
      snap('a'),
    );
    await recordTraineeTurn(
      db,
      attempt.id,
      { text: '你必须', assessment: assessment(finding('tone.imperative', 'tone')), stage: 'negotiation' },
      snap('b'),
    );
    const done = await completeAttempt(db, attempt.id, {
      scores: scores(35),
      outcome: 'refused',
      passed: false,
      blockerRule: 'cn.threat',
    });
    expect(done).toMatchObject({ status: 'completed', passed: false, blockerRule: 'cn.threat', snapshot: null });
    expect(done.endedAt).toBeTypeOf('number');
    expect(done.findings).toEqual({
      byCategory: { threat: 1, tone: 2 },
      byRule: {
        'cn.threat': { category: 'threat', severity: 'critical', count: 1 },
        'tone.imperative': { category: 'tone', severity: 'major', count: 2 },
      },
    });
    expect(await findResumableAttempt(db, profileId)).toBeNull();
    await expect(
      recordTraineeTurn(db, attempt.id, { text: 'x', assessment: assessment(), stage: 'closing' }, snap('c')),
    ).rejects.toMatchObject({ kind: 'not_found' });
    await expect(
      completeAttempt(db, attempt.id, { scores: scores(99), outcome: null, passed: true, blockerRule: null }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    expect((await getAttempt(db, attempt.id)).scores?.total).toBe(35);
  });

  it('abandoning keeps the turns but the call is neither resumable nor scored', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db);
    await recordTraineeTurn(db, attempt.id, { text: '您好', assessment: assessment(), stage: 'opening' }, snap('a'));
    const gone = await abandonAttempt(db, attempt.id);
    expect(gone).toMatchObject({ status: 'abandoned', snapshot: null, scores: null });
    expect(await findResumableAttempt(db, profileId)).toBeNull();
    expect(await listTurns(db, attempt.id)).toHaveLength(1);
    await expect(abandonAttempt(db, attempt.id)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('abandoning counts the findings of the call so the mentor still sees them', async () => {
    const db = freshDb();
    const { attempt } = await started(db);
    await recordTraineeTurn(
      db,
      attempt.id,
      {
        text: '你必须今天还',
        assessment: assessment(finding('cn.threat', 'threat', 'critical')),
        stage: 'negotiation',
      },
      snap('a'),
    );
    const gone = await abandonAttempt(db, attempt.id);
    expect(gone.findings?.byRule).toEqual({ 'cn.threat': { category: 'threat', severity: 'critical', count: 1 } });
    expect(gone.passed).toBeNull();
  });

  it('a call that ends without its record stays ended, resumable to file the record, and is never abandoned by the next call', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db);
    await recordTraineeTurn(
      db,
      attempt.id,
      { text: '你必须', assessment: assessment(finding('tone.imperative', 'tone')), stage: 'opening' },
      snap('a'),
    );
    const ended = await endAttempt(db, attempt.id, 'hung_up', snap('end', 2));
    expect(ended).toMatchObject({
      status: 'ended',
      outcome: 'hung_up',
      scores: null,
      passed: null,
      snapshot: snap('end', 2),
    });
    expect(ended.findings?.byCategory).toEqual({ tone: 1 });
    // No more lines once the call is over.
    await expect(
      recordTraineeTurn(db, attempt.id, { text: 'x', assessment: assessment(), stage: 'closing' }, snap('b')),
    ).rejects.toMatchObject({ kind: 'not_found' });
    const { attempt: next } = await started(db, { profileId, scenarioId: 'other' });
    expect((await getAttempt(db, attempt.id)).status).toBe('ended');
    // A call in progress comes first; the ended one is found for its own scenario.
    expect((await findResumableAttempt(db, profileId))?.attempt.id).toBe(next.id);
    expect((await findResumableAttempt(db, profileId, 'first-contact-01'))?.attempt.id).toBe(attempt.id);
    await saveRecord(db, attempt.id, record);
    const done = await completeAttempt(db, attempt.id, {
      scores: scores(70),
      outcome: 'hung_up',
      passed: true,
      blockerRule: null,
    });
    expect(done).toMatchObject({ status: 'completed', endedAt: ended.endedAt, snapshot: null });
    expect(await findResumableAttempt(db, profileId, 'first-contact-01')).toBeNull();
  });

  it('an ended call can still be abandoned; it then keeps the time it ended', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db);
    const ended = await endAttempt(db, attempt.id, null, snap('end'));
    const gone = await abandonAttempt(db, attempt.id);
    expect(gone).toMatchObject({ status: 'abandoned', endedAt: ended.endedAt, snapshot: null });
    expect(await findResumableAttempt(db, profileId)).toBeNull();
  });

  it('an ended call without a snapshot (imported from another PC) is listed but never offered to file', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db);
    await endAttempt(db, attempt.id, 'hung_up', snap('end'));
    await db.attempts.update(attempt.id, { snapshot: null }); // as an import stores it
    expect(await findResumableAttempt(db, profileId, 'first-contact-01')).toBeNull();
  });

  it('refuses a snapshot without a numeric version and writes nothing', async () => {
    const db = freshDb();
    const { attempt } = await started(db);
    const bad = { node: 'x' } as unknown as { version: number };
    await expect(
      recordTraineeTurn(db, attempt.id, { text: 'a', assessment: assessment(), stage: 'opening' }, bad),
    ).rejects.toMatchObject({ kind: 'invalid' });
    expect(await listTurns(db, attempt.id)).toEqual([]);
  });

  it('saves the after-call record, replaces it on resubmit, and refuses it for abandoned or unknown calls', async () => {
    const db = freshDb();
    const { attempt, profileId } = await started(db);
    expect(await getRecord(db, attempt.id)).toBeNull();
    await saveRecord(db, attempt.id, record);
    await saveRecord(db, attempt.id, { ...record, promiseAmount: 800 });
    expect(await getRecord(db, attempt.id)).toMatchObject({
      attemptId: attempt.id,
      promiseAmount: 800,
      notes: '客户失业',
    });
    await expect(saveRecord(db, attempt.id, { ...record, promiseDate: '1/12' })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(saveRecord(db, attempt.id, { ...record, resultCode: 'paid' as never })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(saveRecord(db, 'ghost', record)).rejects.toMatchObject({ kind: 'not_found' });
    const { attempt: other } = await started(db, { profileId });
    await abandonAttempt(db, other.id);
    await expect(saveRecord(db, other.id, record)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it("keeps profiles apart: one trainee never resumes another trainee's call", async () => {
    const db = freshDb();
    await started(db);
    const other = await createProfile(db, { name: 'Bob', staffNo: 'B2' });
    expect(await findResumableAttempt(db, other.id)).toBeNull();
  });
});
