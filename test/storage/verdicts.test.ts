/** Issue 14: calls judged by their course's policy, narrowed findings, credited elements and corrected verdicts in Progress. */
import { describe, expect, it } from 'vitest';
import { attemptReport } from '../../src/report/attempt-report.ts';
import { effectiveReport } from '../../src/report/overrides.ts';
import type { ReportInput } from '../../src/report/types.ts';
import type { PassPolicy } from '../../src/scenarios/ir.ts';
import { completeAttempt } from '../../src/storage/attempts.ts';
import type { CallDojoDb } from '../../src/storage/db.ts';
import { exportAll } from '../../src/storage/export.ts';
import { correctedVerdicts, libraryStats, scenarioHistory } from '../../src/storage/progress.ts';
import {
  acknowledgeReview,
  addFinding,
  commentReview,
  creditElement,
  disputeReview,
  effectiveScores,
  ensureReview,
  narrowFinding,
} from '../../src/storage/index.ts';
import { recordPersonaTurn, recordTraineeTurn } from '../../src/storage/turns.ts';
import { assessment, finding, freshDb, importAccepted, snap, started, mentorSigner } from './helpers.ts';
import { generateSigningKey } from '../../src/security/signature.ts';

const POLICY: PassPolicy = {
  blocking: ['critical', 'major'],
  pass_mark: 60,
  minimums: {},
  failing_endings: ['hung_up', 'complaint'],
};
const by = '李老师';

/** A call stored as the practice screen stores it: lines, its course policy, missed elements and verdict. */
async function call(db: CallDojoDb, findings: ReturnType<typeof finding>[][], elements: string[][] = []) {
  const { attempt, profileId } = await started(db);
  const lines = findings.map((f, i) => ({ ...assessment(...f), elements: elements[i] ?? [] }));
  const input: ReportInput = {
    course: 'first_contact',
    policy: POLICY,
    outcome: { code: 'ptp', amount: 500, date: '+3d' },
    recordChecks: [{ field: 'resultCode', ok: true, expected: 'ptp', actual: 'ptp' }],
    turns: lines.map((a, i) => ({
      text: `第${i}句：你欠了三万多`,
      nodeId: `n${i}`,
      expected: ['purpose'],
      assessment: a,
    })),
  };
  for (const [i, a] of lines.entries()) {
    await recordPersonaTurn(
      db,
      attempt.id,
      { text: '喂？', personaState: { node: `n${i}` }, stage: 'opening' },
      snap(`n${i}`),
    );
    await recordTraineeTurn(
      db,
      attempt.id,
      { text: input.turns[i].text, assessment: a, stage: 'negotiation' },
      snap(`n${i}`),
    );
  }
  const report = attemptReport(input);
  await completeAttempt(db, attempt.id, {
    scores: report.scores,
    outcome: 'ptp',
    passed: report.passed,
    blockerRule: report.blocker?.rule ?? null,
    policy: POLICY,
    missed: report.missed,
    expected: report.expected,
  });
  return { attemptId: attempt.id, profileId, input, report };
}

describe('a call judged by its course policy', () => {
  it('is revised by the policy it was stored with: a major finding blocks it until a mentor narrows it to minor', async () => {
    const db = freshDb();
    const signer = await mentorSigner(db);
    const leak = finding('cn-disclose-before-verify', 'premature_disclosure', 'major');
    const { attemptId, input, report } = await call(db, [[], [leak]], [['purpose'], ['purpose']]);
    expect(report.passed).toBe(false);
    const before = await effectiveScores(db, attemptId);
    expect(before).toMatchObject({
      passed: false,
      machinePassed: false,
      reasons: [{ kind: 'blocker', rule: leak.rule, turn: 1 }],
    });

    await expect(
      narrowFinding(db, {
        attemptId,
        turnIndex: 1,
        rule: leak.rule,
        severity: 'minor',
        quote: '不在这句里',
        reason: '只是提到',
        by,
        signer,
      }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    const o = await narrowFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: leak.rule,
      severity: 'minor',
      quote: '三万多',
      reason: '数额已说过，只算提示',
      by,
      signer,
    });
    expect(o).toMatchObject({ action: 'narrow', severity: 'minor', quote: '三万多', start: 7, end: 10 });
    const after = await effectiveScores(db, attemptId);
    expect(after).toMatchObject({ passed: true, machinePassed: false, reasons: [] });
    expect(after.scores).toEqual(effectiveReport(input, [o]).scores);
    expect(effectiveReport(input, [o]).blocker).toBeNull();
  });

  it('credits a missed element only where the report listed it, and recounts the script score', async () => {
    const db = freshDb();
    const signer = await mentorSigner(db);
    const { attemptId, input, report } = await call(db, [[], []], [[], ['purpose']]);
    expect(report.missed).toEqual([{ turn: 0, nodeId: 'n0', element: 'purpose' }]);
    await expect(
      creditElement(db, { attemptId, turnIndex: 1, rule: 'purpose', reason: '说过了', by, signer }),
    ).rejects.toMatchObject({ kind: 'invalid' });
    const o = await creditElement(db, {
      attemptId,
      turnIndex: 0,
      rule: 'purpose',
      reason: '“今天来电是想了解情况”就是目的',
      by,
      signer,
    });
    const after = await effectiveScores(db, attemptId);
    expect(after.scores.script).toBe(100);
    expect(after.scores).toEqual(effectiveReport(input, [o]).scores);
    expect(effectiveReport(input, [o]).missed).toEqual([]);
    await expect(
      creditElement(db, { attemptId, turnIndex: 0, rule: 'purpose', reason: '再来一次', by, signer }),
    ).rejects.toMatchObject({ kind: 'invalid' });
  });
});

describe('a signed bundle', () => {
  it("carries a call's policy, its missed elements and narrowed and credited corrections to another PC unchanged", async () => {
    const a = freshDb();
    const signer = await mentorSigner(a);
    const leak = finding('cn-disclose-before-verify', 'premature_disclosure', 'major');
    const { attemptId } = await call(a, [[], [leak]], [[], ['purpose']]);
    await narrowFinding(a, {
      attemptId,
      turnIndex: 1,
      rule: leak.rule,
      severity: 'minor',
      quote: '三万多',
      reason: '只算提示',
      by,
      signer,
    });
    await creditElement(a, { attemptId, turnIndex: 0, rule: 'purpose', reason: '说过了', by, signer });
    const b = freshDb();
    await importAccepted(b, JSON.stringify(await exportAll(a)));
    expect(await b.attempts.get(attemptId)).toMatchObject({
      policy: POLICY,
      expected: 2,
      missed: [{ turn: 0, element: 'purpose' }],
    });
    expect(await b.overrides.where('attemptId').equals(attemptId).count()).toBe(2);
    expect(await effectiveScores(a, attemptId)).toMatchObject({ passed: true, overrides: 2, untrusted: 0 });
    // On another PC the corrections arrive and are shown, but another PC's mentor key does not speak for this one:
    // the call counts with the machine's verdict until a mentor here reviews it.
    expect(await effectiveScores(b, attemptId)).toMatchObject({ passed: false, overrides: 0, untrusted: 2 });
  });
});

describe('a correction nobody signed', () => {
  it('does not count: a row added with the developer tools, or signed with a key anyone can make, leaves the verdict as it was', async () => {
    const db = freshDb();
    const signer = await mentorSigner(db);
    const leak = finding('cn-disclose-before-verify', 'premature_disclosure', 'major');
    const { attemptId } = await call(db, [[], [leak]], [[], []]);
    // The trainee's forgery: a narrowing to minor without the mentor's PIN (no signer), then one with a fresh key.
    await narrowFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: leak.rule,
      severity: 'minor',
      quote: '三万多',
      reason: '只算提示',
      by,
    });
    expect(await effectiveScores(db, attemptId)).toMatchObject({ passed: false, overrides: 0, untrusted: 1 });
    const fake = await generateSigningKey();
    await narrowFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: leak.rule,
      severity: 'minor',
      quote: '三万多',
      reason: '只算提示',
      by,
      signer: fake,
    });
    expect(await effectiveScores(db, attemptId)).toMatchObject({ passed: false, overrides: 0, untrusted: 2 });
    // The mentor's own correction, signed with this PC's key, counts.
    await narrowFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: leak.rule,
      severity: 'minor',
      quote: '三万多',
      reason: '复听：只算提示',
      by,
      signer,
    });
    expect(await effectiveScores(db, attemptId)).toMatchObject({ passed: true, overrides: 1, untrusted: 2 });
  });

  it('does not count once edited after it was signed', async () => {
    const db = freshDb();
    const signer = await mentorSigner(db);
    const leak = finding('cn-disclose-before-verify', 'premature_disclosure', 'major');
    const { attemptId } = await call(db, [[], [leak]], [[], []]);
    const o = await addFinding(db, {
      attemptId,
      turnIndex: 0,
      rule: 'cn-violence-threat',
      category: 'threat',
      severity: 'critical',
      reason: '威胁',
      by,
      signer,
    });
    expect(await effectiveScores(db, attemptId)).toMatchObject({ blockerRule: 'cn-violence-threat', overrides: 1 });
    expect((await effectiveScores(db, attemptId)).untrusted).toBe(0);
    await db.overrides.update(o.id, { severity: 'minor', category: 'abuse' });
    expect(await effectiveScores(db, attemptId)).toMatchObject({
      blockerRule: 'cn-disclose-before-verify',
      overrides: 0,
      untrusted: 1,
    });
  });
});

describe('calls stored before pass policies were content', () => {
  it('keep being judged as they were: a major finding a mentor adds does not fail such a call', async () => {
    const db = freshDb();
    const signer = await mentorSigner(db);
    const { attempt } = await started(db);
    await recordTraineeTurn(db, attempt.id, { text: '您好', assessment: assessment(), stage: 'opening' }, snap('n0'));
    await completeAttempt(db, attempt.id, {
      scores: { compliance: 100, script: 100, tone: 80, outcome: 100, record: 100, total: 97 },
      outcome: 'ptp',
      passed: true,
      blockerRule: null,
    });
    expect(await db.attempts.get(attempt.id)).not.toHaveProperty('policy');
    await addFinding(db, {
      attemptId: attempt.id,
      turnIndex: 0,
      rule: 'gp-pressure',
      category: 'misrepresentation',
      severity: 'major',
      reason: '施压',
      by,
      signer,
    });
    expect(await effectiveScores(db, attempt.id)).toMatchObject({ passed: true, reasons: [] });
    await addFinding(db, {
      attemptId: attempt.id,
      turnIndex: 0,
      rule: 'cn-violence-threat',
      category: 'threat',
      severity: 'critical',
      reason: '威胁',
      by,
      signer,
    });
    expect(await effectiveScores(db, attempt.id)).toMatchObject({ passed: false, blockerRule: 'cn-violence-threat' });
  });
});

describe("corrected verdicts in the trainee's progress", () => {
  it("count the mentor's verdict in history and the library, with the machine's kept beside", async () => {
    const db = freshDb();
    const signer = await mentorSigner(db);
    const { attemptId, profileId, report } = await call(db, [[], []], [['purpose'], []]);
    expect(report.passed).toBe(true);
    expect((await scenarioHistory(db, profileId, 'first-contact-01')).points[0]?.machine ?? null).toBeNull();

    await addFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: 'cn-third-party-disclosure',
      category: 'third_party',
      severity: 'critical',
      reason: '暗示了欠款',
      by,
      signer,
    });
    expect((await correctedVerdicts(db, profileId)).get(attemptId)).toMatchObject({
      passed: false,
      machinePassed: true,
    });
    const history = await scenarioHistory(db, profileId, 'first-contact-01');
    expect(history.points[0]).toMatchObject({ passed: false, machine: { total: report.scores.total, passed: true } });
    expect((await libraryStats(db, profileId)).get('first-contact-01')).toMatchObject({
      passedEver: false,
      machine: { bestTotal: report.scores.total, passedEver: true },
    });
  });

  it("a mentor's comment after the trainee answered opens the review again for the trainee", async () => {
    const db = freshDb();
    const { attemptId } = await call(db, [[]]);
    const review = await ensureReview(db, attemptId, by);
    await disputeReview(db, review.id, '我觉得没问题');
    expect((await commentReview(db, review.id, '请再听一遍第 2 句')).status).toBe('open');
    await acknowledgeReview(db, review.id);
    expect((await commentReview(db, review.id, '好的')).status).toBe('open');
  });
});
