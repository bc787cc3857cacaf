import { describe, expect, it } from 'vitest';
import { checkChain } from '../../src/security/audit-chain.ts';
import { hashPin } from '../../src/security/pin.ts';
import { keyFingerprint } from '../../src/security/signature.ts';
import { completeAttempt } from '../../src/storage/attempts.ts';
import {
  addFinding,
  changeMentorPin,
  getMentorKey,
  listOverrides,
  overruleFinding,
  setMentorPin,
  unlockMentor,
} from '../../src/storage/index.ts';
import { recordTraineeTurn } from '../../src/storage/turns.ts';
import { assessment, finding, freshDb, scores, snap, started } from './helpers.ts';

describe('the mentor key in storage', { timeout: 30_000 }, () => {
  it('upgrades a PC whose PIN was set before mentor keys: the right PIN makes the key, a wrong one changes nothing', async () => {
    const db = freshDb();
    // As an older CallDojo stored it: the salted hash only.
    await db.settings.put({ key: 'mentorPin', value: await hashPin('2468') });
    expect(await getMentorKey(db)).toBeNull();
    expect(await unlockMentor(db, '1357')).toBeNull();
    expect(await getMentorKey(db)).toBeNull();
    const key = await unlockMentor(db, '2468');
    expect(key?.privateKey).toMatchObject({ extractable: false });
    const sealed = await getMentorKey(db);
    expect(sealed?.publicKey).toEqual(key!.publicJwk);
    // Later unlocks open the same key.
    expect((await unlockMentor(db, '2468'))?.publicJwk).toEqual(key!.publicJwk);
  });

  it('is made with the first PIN and resealed when the PIN changes', async () => {
    const db = freshDb();
    expect(await unlockMentor(db, '2468')).toBeNull();
    await setMentorPin(db, '2468');
    const first = await unlockMentor(db, '2468');
    expect(first).not.toBeNull();
    await changeMentorPin(db, '2468', '8642');
    expect(await unlockMentor(db, '2468')).toBeNull();
    expect((await unlockMentor(db, '8642'))?.publicJwk).toEqual(first!.publicJwk);
  });
});

describe('signed, chained corrections', { timeout: 30_000 }, () => {
  it('every correction is signed and linked to the one before; the review keeps the newest link', async () => {
    const db = freshDb();
    await setMentorPin(db, '2468');
    const signer = (await unlockMentor(db, '2468'))!;
    const { attempt } = await started(db);
    await recordTraineeTurn(
      db,
      attempt.id,
      {
        text: '你再不还钱后果自负',
        assessment: assessment(finding('cn.threat', 'threat', 'critical')),
        stage: 'negotiation',
      },
      snap('n2'),
    );
    await completeAttempt(db, attempt.id, {
      scores: scores(40),
      outcome: 'refused',
      passed: false,
      blockerRule: 'cn.threat',
    });
    const o1 = await overruleFinding(db, {
      attemptId: attempt.id,
      turnIndex: 0,
      rule: 'cn.threat',
      reason: '复述客户的话',
      by: '李老师',
      signer,
    });
    const o2 = await addFinding(db, {
      attemptId: attempt.id,
      turnIndex: 0,
      rule: 'cn.rude',
      category: 'tone',
      severity: 'minor',
      reason: '语气生硬',
      by: '李老师',
      signer,
    });
    expect(o1.chain).toMatchObject({ prev: '', signature: { publicKey: signer.publicJwk } });
    expect(o2.chain!.prev).toBe(o1.chain!.hash);
    const review = await db.reviews.get(o1.reviewId);
    expect(review?.auditHead).toBe(o2.chain!.hash);
    const me = await keyFingerprint(signer.publicJwk);
    expect(await checkChain(await listOverrides(db, attempt.id), review?.auditHead, me)).toEqual([]);

    // A trainee deletes the first correction, or edits the second, in IndexedDB: both show.
    await db.overrides.delete(o1.id);
    expect(await checkChain(await listOverrides(db, attempt.id), review?.auditHead, me)).toEqual([
      { kind: 'removed_before', id: o2.id },
    ]);
    await db.overrides.put({ ...o2, reason: '学员表现很好' });
    expect((await checkChain(await listOverrides(db, attempt.id), review?.auditHead, me)).map((p) => p.kind)).toEqual([
      'removed_before',
      'edited',
    ]);
  });

  it('a correction written without the mentor key is chained but shows as unsigned', async () => {
    const db = freshDb();
    const { attempt } = await started(db);
    await recordTraineeTurn(
      db,
      attempt.id,
      {
        text: '你再不还钱后果自负',
        assessment: assessment(finding('cn.threat', 'threat', 'critical')),
        stage: 'negotiation',
      },
      snap('n2'),
    );
    await completeAttempt(db, attempt.id, {
      scores: scores(40),
      outcome: 'refused',
      passed: false,
      blockerRule: 'cn.threat',
    });
    const o = await overruleFinding(db, {
      attemptId: attempt.id,
      turnIndex: 0,
      rule: 'cn.threat',
      reason: '自己驳回',
      by: '李老师',
    });
    const review = await db.reviews.get(o.reviewId);
    expect(await checkChain([o], review?.auditHead, null)).toEqual([{ kind: 'unsigned', id: o.id }]);
  });
});
