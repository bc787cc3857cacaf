import { describe, expect, it } from 'vitest';
import { attemptReport } from '../../src/report/attempt-report.ts';
import { effectiveReport } from '../../src/report/overrides.ts';
import type { ReportInput } from '../../src/report/types.ts';
import { abandonAttempt, completeAttempt } from '../../src/storage/attempts.ts';
import type { CallDojoDb } from '../../src/storage/db.ts';
import {
  acknowledgeReview,
  addFinding,
  changeMentorPin,
  checkMentorPin,
  commentReview,
  disputeReview,
  effectiveScores,
  ensureReview,
  getMentorPin,
  listOverrides,
  overruleFinding,
  reviewsFor,
  setMentorPin,
} from '../../src/storage/index.ts';
import { createProfile } from '../../src/storage/profiles.ts';
import { recordPersonaTurn, recordTraineeTurn } from '../../src/storage/turns.ts';
import { assessment, dump, finding, freshDb, snap, started, mentorSigner } from './helpers.ts';
import { LEGACY_POLICY } from '../../src/report/pass-policy.ts';

const threat = finding('cn-violence-threat', 'threat', 'critical');
const pressure = finding('gp-pressure', 'misrepresentation', 'major');

/** A call failed by one threat on its second trainee line, scored exactly as the practice screen scores it. */
async function failedCall(db: CallDojoDb, profileId?: string) {
  const { attempt, profileId: pid } = await started(db, profileId ? { profileId } : {});
  const lines = [assessment(), assessment(threat), assessment(pressure)];
  const input: ReportInput = {
    course: 'first_contact',
    policy: LEGACY_POLICY,
    outcome: { code: 'ptp', amount: 500, date: '+3d' },
    recordChecks: [{ field: 'resultCode', ok: true, expected: 'ptp', actual: 'ptp' }],
    turns: lines.map((a, i) => ({ text: `line ${i}`, nodeId: `n${i}`, expected: ['institution'], assessment: a })),
  };
  for (const [i, a] of lines.entries()) {
    await recordPersonaTurn(
      db,
      attempt.id,
      { text: '喂？', personaState: { node: `n${i}`, trust: 40 }, stage: 'opening' },
      snap(`n${i}`),
    );
    await recordTraineeTurn(db, attempt.id, { text: `line ${i}`, assessment: a, stage: 'negotiation' }, snap(`n${i}`));
  }
  const report = attemptReport(input);
  await completeAttempt(db, attempt.id, {
    scores: report.scores,
    outcome: 'ptp',
    passed: report.passed,
    blockerRule: report.blocker?.rule ?? null,
  });
  return { attemptId: attempt.id, profileId: pid, input, machine: report };
}

const by = '李老师';

describe('mentor PIN', () => {
  it('is set once, stored only as a salted hash, checked, and changed only with the old PIN', async () => {
    const db = freshDb();
    expect(await getMentorPin(db)).toBeNull();
    expect(await checkMentorPin(db, '1234')).toBe(false);
    await setMentorPin(db, '2468');
    expect(JSON.stringify(await dump(db))).not.toContain('2468');
    expect(await checkMentorPin(db, '2468')).toBe(true);
    expect(await checkMentorPin(db, '2469')).toBe(false);
    await expect(setMentorPin(db, '1111')).rejects.toMatchObject({ kind: 'pin_already_set' });
    await expect(changeMentorPin(db, '0000', '1111')).rejects.toMatchObject({
      kind: 'wrong_pin',
      text: { zh: expect.stringContaining('PIN 不正确') },
    });
    expect(await checkMentorPin(db, '2468')).toBe(true);
    await changeMentorPin(db, '2468', '135790');
    expect(await checkMentorPin(db, '135790')).toBe(true);
    expect(await checkMentorPin(db, '2468')).toBe(false);
  });

  it('refuses a PIN that is not 4–12 digits', async () => {
    const db = freshDb();
    await expect(setMentorPin(db, '12')).rejects.toMatchObject({ kind: 'invalid' });
    await expect(setMentorPin(db, 'abcd')).rejects.toMatchObject({ kind: 'invalid' });
    expect(await getMentorPin(db)).toBeNull();
  });
});

describe('overrides', () => {
  it('overruling the blocker passes the call, keeps both verdicts in the trail, and never edits the attempt row', async () => {
    const db = freshDb();
    const signer = await mentorSigner(db);
    const { attemptId, input, machine } = await failedCall(db);
    const row = await db.attempts.get(attemptId);
    const o = await overruleFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: 'cn-violence-threat',
      reason: '学员在复述客户原话',
      by,
      signer,
    });
    expect(o).toMatchObject({
      action: 'overrule',
      rule: 'cn-violence-threat',
      category: 'threat',
      severity: 'critical',
      by,
      reason: '学员在复述客户原话',
    });
    expect(o.scoresBefore).toEqual(machine.scores);
    expect(o.scoresAfter).toEqual(effectiveReport(input, [o]).scores);
    expect(o.scoresAfter.total).toBeGreaterThan(o.scoresBefore.total);
    const eff = await effectiveScores(db, attemptId);
    expect(eff).toMatchObject({
      machine: machine.scores,
      scores: o.scoresAfter,
      passed: true,
      blockerRule: null,
      overrides: 1,
    });
    expect(await db.attempts.get(attemptId)).toEqual(row);
  });

  it('adding a critical finding fails the call; corrections chain, each before = the previous after', async () => {
    const db = freshDb();
    const signer = await mentorSigner(db);
    const { attemptId, input } = await failedCall(db);
    const first = await overruleFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: 'cn-violence-threat',
      reason: '误报',
      by,
      signer,
    });
    const second = await addFinding(db, {
      attemptId,
      turnIndex: 2,
      rule: 'cn-fake-lawyer',
      category: 'impersonation',
      severity: 'critical',
      reason: '自称律师',
      by,
      signer,
    });
    expect(second.scoresBefore).toEqual(first.scoresAfter);
    expect(second.scoresAfter).toEqual(effectiveReport(input, [first, second]).scores);
    expect(await effectiveScores(db, attemptId)).toMatchObject({
      passed: false,
      blockerRule: 'cn-fake-lawyer',
      overrides: 2,
    });
    expect((await listOverrides(db, attemptId)).map((x) => x.action)).toEqual(['overrule', 'add']);
    // The added finding can itself be overruled later: the trail only grows.
    await overruleFinding(db, {
      attemptId,
      turnIndex: 2,
      rule: 'cn-fake-lawyer',
      reason: '复听后确认没有',
      by,
      signer,
    });
    expect(await effectiveScores(db, attemptId)).toMatchObject({ passed: true, overrides: 3 });
    // Counts for heat maps follow the corrections: only the pressure finding of line 2 is left.
    expect((await effectiveScores(db, attemptId)).findings).toEqual({
      byCategory: { misrepresentation: 1 },
      byRule: { 'gp-pressure': { category: 'misrepresentation', severity: 'major', count: 1 } },
    });
    expect(await listOverrides(db, attemptId)).toHaveLength(3);
  });

  it('refuses corrections without a reason, on a missing line or finding, or on a call that is not finished', async () => {
    const db = freshDb();
    const signer = await mentorSigner(db);
    const { attemptId, profileId } = await failedCall(db);
    const ok = { attemptId, turnIndex: 1, rule: 'cn-violence-threat', reason: 'r', by, signer };
    await expect(overruleFinding(db, { ...ok, reason: '  ' })).rejects.toMatchObject({
      kind: 'invalid',
      detail: 'the reason must not be empty',
    });
    await expect(overruleFinding(db, { ...ok, turnIndex: 3 })).rejects.toMatchObject({
      kind: 'invalid',
      detail: expect.stringMatching(/3 trainee lines; there is no line 3/),
    });
    await expect(overruleFinding(db, { ...ok, turnIndex: 0 })).rejects.toMatchObject({
      detail: expect.stringMatching(/no finding of rule cn-violence-threat/),
    });
    await expect(addFinding(db, { ...ok, category: 'weather' as 'threat', severity: 'major' })).rejects.toMatchObject({
      kind: 'invalid',
    });
    await expect(overruleFinding(db, { ...ok, attemptId: 'nope' })).rejects.toMatchObject({ kind: 'not_found' });
    const { attempt } = await started(db, { profileId });
    await abandonAttempt(db, attempt.id);
    await expect(ensureReview(db, attempt.id, by)).rejects.toMatchObject({ kind: 'invalid' });
    expect(await listOverrides(db, attemptId)).toEqual([]);
    expect(await db.reviews.count()).toBe(0);
  });
});

describe('review life', () => {
  it('one review per call; the trainee acknowledges or disputes with a comment; a new correction reopens it', async () => {
    const db = freshDb();
    const signer = await mentorSigner(db);
    const { attemptId, profileId } = await failedCall(db);
    const review = await ensureReview(db, attemptId, by);
    expect(review).toMatchObject({ attemptId, mentor: by, status: 'open', traineeComment: null });
    expect((await ensureReview(db, attemptId, '别的老师')).id).toBe(review.id);
    await commentReview(db, review.id, '开场很好，威胁的话一定不能说');
    const o = await overruleFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: 'cn-violence-threat',
      reason: '误报',
      by,
      signer,
    });
    expect(o.reviewId).toBe(review.id);
    await expect(disputeReview(db, review.id, ' ')).rejects.toMatchObject({ kind: 'invalid' });
    const disputed = await disputeReview(db, review.id, '第三句我没有施压');
    expect(disputed).toMatchObject({
      status: 'disputed',
      traineeComment: '第三句我没有施压',
      comment: '开场很好，威胁的话一定不能说',
    });
    await overruleFinding(db, { attemptId, turnIndex: 2, rule: 'gp-pressure', reason: '同意，撤销', by, signer });
    expect((await db.reviews.get(review.id))?.status).toBe('open');
    expect((await acknowledgeReview(db, review.id)).status).toBe('acknowledged');
    await expect(acknowledgeReview(db, 'missing')).rejects.toMatchObject({ kind: 'not_found' });

    const other = await failedCall(db, (await createProfile(db, { name: '张三', staffNo: 'A1002' })).id);
    const otherReview = await ensureReview(db, other.attemptId, by);
    expect((await reviewsFor(db, { profileId })).map((r) => r.id)).toEqual([review.id]);
    expect((await reviewsFor(db, { profileId: other.profileId })).map((r) => r.id)).toEqual([otherReview.id]);
    expect((await reviewsFor(db)).map((r) => r.id)).toEqual([otherReview.id, review.id]);
  });
});
