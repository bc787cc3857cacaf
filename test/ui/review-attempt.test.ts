import { configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { attemptReport } from '../../src/report/attempt-report.ts';
import { useDb } from '../../src/state/db.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { mentorLock } from '../../src/state/mentor-lock.svelte.ts';
import type { Finding } from '../../src/scoring/types.ts';
import {
  completeAttempt,
  createDb,
  createProfile,
  disputeReview,
  listOverrides,
  overruleFinding,
  recordPersonaTurn,
  recordTraineeTurn,
  reviewsFor,
  saveRecord,
  setMentorPin,
  startAttempt,
  type CallDojoDb,
} from '../../src/storage/index.ts';
import Review from '../../src/ui/pages/Review.svelte';
import ReviewNotice from '../../src/ui/review/ReviewNotice.svelte';
import { LEGACY_POLICY } from '../../src/report/pass-policy.ts';

configure({ asyncUtilTimeout: 8000 });

const OPENING = '您好，我是华信银行信用卡中心的小王，工号3021。';
const THREAT = '你再不还钱，后果自负！';
const threat: Finding = {
  rule: 'cn-violence-threat',
  category: 'threat',
  severity: 'critical',
  start: 6,
  end: 10,
  quote: '后果自负',
  message: '威胁债务人',
  better: '请您尽快安排还款',
  sources: [],
};
const assessment = (findings: Finding[]) => ({
  findings,
  tone: { label: 'neutral' as const, score: 60, reasons: [] },
  moves: [],
  elements: [],
});
const snap = { version: 1 };

let db: CallDojoDb;

/** A finished call whose second trainee line threatens: failed by the blocker, persona trust falling. */
async function threatCall(name = '王小明') {
  const p = await createProfile(db, { name, staffNo: `T${Math.floor(Math.random() * 1e9)}` });
  const a = await startAttempt(db, {
    profileId: p.id,
    scenarioId: 'zh-first-contact-tight-money',
    scenarioTitle: '首次联系：手头紧的张先生',
    lang: 'zh',
    mode: 'practice',
    seed: 1,
    snapshot: snap,
  });
  await recordPersonaTurn(
    db,
    a.id,
    {
      text: '喂，哪位？',
      stage: 'opening',
      personaState: { node: 'opening', mood: 'calm', trust: 50, irritation: 10 },
    },
    snap,
  );
  await recordTraineeTurn(db, a.id, { text: OPENING, assessment: assessment([]), stage: 'opening' }, snap);
  await recordPersonaTurn(
    db,
    a.id,
    {
      text: '哦，什么事？',
      stage: 'purpose',
      personaState: { node: 'purpose', mood: 'calm', trust: 55, irritation: 12 },
    },
    snap,
  );
  await recordTraineeTurn(db, a.id, { text: THREAT, assessment: assessment([threat]), stage: 'negotiation' }, snap);
  await recordPersonaTurn(
    db,
    a.id,
    {
      text: '你这是威胁我？',
      stage: 'negotiation',
      personaState: { node: 'angry', mood: 'annoyed', trust: 20, irritation: 80 },
    },
    snap,
  );
  const checks = [
    { field: 'resultCode' as const, ok: true, expected: 'complaint', actual: 'complaint' },
    { field: 'notes' as const, ok: false, expected: null, actual: '投诉' },
  ];
  await saveRecord(db, a.id, {
    resultCode: 'complaint',
    promiseAmount: null,
    promiseDate: null,
    nextAction: '主管回访',
    notes: '投诉',
    checks,
  });
  const report = attemptReport({
    course: 'first_contact',
    policy: LEGACY_POLICY,
    outcome: { code: 'complaint', amount: null, date: null },
    recordChecks: checks,
    turns: [OPENING, THREAT].map((text, i) => ({
      text,
      nodeId: 'n',
      expected: [],
      assessment: assessment(i ? [threat] : []),
    })),
  });
  await completeAttempt(db, a.id, {
    scores: report.scores,
    outcome: 'complaint',
    passed: report.passed,
    blockerRule: report.blocker?.rule ?? null,
  });
  return { profileId: p.id, attemptId: a.id, machine: report.scores };
}

beforeEach(async () => {
  locale.set('zh-CN');
  db = createDb(`t-${Math.random()}`);
  useDb(db);
  await setMentorPin(db, '2468');
  mentorLock.lock();
  await mentorLock.unlock('李老师', '2468'); // unlocked in this tab, as after entering the PIN
});

describe('reviewing one call', { timeout: 30_000 }, () => {
  it('shows every line with its findings, the persona state and record checks, scores machine = effective at first', async () => {
    const { attemptId, machine } = await threatCall();
    render(Review, { params: ['attempt', attemptId] });
    expect(await screen.findByRole('heading', { name: /复核：王小明/ })).toBeInTheDocument();
    const lines = within(screen.getByRole('region', { name: '通话逐句复核' }))
      .getAllByRole('listitem')
      .filter((li) => li.parentElement?.classList.contains('transcript'));
    expect(lines).toHaveLength(5);
    expect(lines[3]).toHaveTextContent(THREAT);
    expect(lines[3]).toHaveTextContent('cn-violence-threat');
    expect(lines[1]).toHaveTextContent('这句没有问题。');

    const scores = screen.getByRole('table', { name: '机器评分与复核后得分' });
    const total = within(scores).getByRole('row', { name: /总分/ });
    expect(
      within(total)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([String(machine.total), String(machine.total)]);
    expect(within(scores).getByRole('row', { name: /结论/ })).toHaveTextContent('未通过未通过');

    const persona = screen.getByRole('table', { name: '每次回应后的数值（0–100）' });
    expect(
      within(persona)
        .getAllByRole('row')
        .slice(1)
        .map((r) =>
          within(r)
            .getAllByRole('cell')
            .map((c) => c.textContent),
        ),
    ).toEqual([
      ['50', '10', '平静'],
      ['55', '12', '平静'],
      ['20', '80', '不耐烦'],
    ]);
    expect(screen.getByRole('img', { name: /信任度.*共 3 次/ }).querySelectorAll('path')).toHaveLength(2);
    expect(screen.getByRole('region', { name: '记录核对' })).toHaveTextContent(
      '✓ 结果代码：投诉✗ 备注：投诉 — 写得太简单',
    );
    const audit = screen.getByRole('region', { name: '复核记录（审计轨迹）' });
    expect(within(audit).getAllByRole('row')).toHaveLength(2);
    expect(audit).toHaveTextContent(`机器原始评判：总分 ${machine.total} · 未通过 · 一票否决：cn-violence-threat`);
  });

  it('overrules a finding only with a reason; the effective score, verdict and audit trail follow', async () => {
    const { attemptId, machine } = await threatCall();
    const user = userEvent.setup();
    render(Review, { params: ['attempt', attemptId] });
    await user.click(await screen.findByText('驳回 cn-violence-threat（误判）'));
    await user.click(screen.getByRole('button', { name: '确认驳回' }));
    expect(screen.getByText(/请填写理由/)).toBeInTheDocument();
    expect(await listOverrides(db, attemptId)).toEqual([]);

    await user.type(screen.getByLabelText('驳回 cn-violence-threat 的理由'), '学员在转述客户的话，不是威胁');
    await user.click(screen.getByRole('button', { name: '确认驳回' }));
    const correction = await screen.findByText('已驳回');
    expect(correction.closest('p')).toHaveTextContent('理由：学员在转述客户的话，不是威胁 （李老师');

    const [row] = await listOverrides(db, attemptId);
    const scores = screen.getByRole('table', { name: '机器评分与复核后得分' });
    const total = within(scores).getByRole('row', { name: /总分/ });
    await expect.poll(() => within(total).getAllByRole('cell')[1].textContent).toContain(String(row.scoresAfter.total));
    expect(row.scoresAfter.total).toBeGreaterThan(machine.total);
    expect(within(total).getAllByRole('cell')[0]).toHaveTextContent(String(machine.total));
    expect(within(scores).getByRole('row', { name: /结论/ })).toHaveTextContent('未通过通过');
    expect(screen.queryByText('驳回 cn-violence-threat（误判）')).not.toBeInTheDocument();

    const audit = within(screen.getByRole('region', { name: '复核记录（审计轨迹）' })).getAllByRole('row');
    expect(audit).toHaveLength(3);
    expect(audit[1]).toHaveTextContent('机器原始评判');
    expect(audit[2]).toHaveTextContent(
      `李老师驳回学员第 2 句的 cn-violence-threat（严重）学员在转述客户的话，不是威胁${machine.total} → ${row.scoresAfter.total}`,
    );
  });

  it('adds a finding the engine missed from the engine’s own rule list, failing the call again', async () => {
    const { attemptId } = await threatCall();
    await overruleFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: 'cn-violence-threat',
      reason: '转述',
      by: '李老师',
      signer: mentorLock.signer,
    });
    const user = userEvent.setup();
    render(Review, { params: ['attempt', attemptId] });
    await screen.findByText('已驳回');
    const opening = screen.getAllByText('补充机器漏掉的问题')[0];
    await user.click(opening);
    const form = opening.closest('details')!;
    const rule = await within(form).findByRole('combobox', { name: '规则' });
    await user.selectOptions(rule, 'cn-violence-threat');
    expect(within(form).getByRole('combobox', { name: '类别' })).toHaveValue('threat');
    expect(within(form).getByRole('combobox', { name: '严重程度' })).toHaveValue('critical');
    await user.click(within(form).getByRole('button', { name: '补充问题' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('请填写理由');
    await user.type(within(form).getByLabelText('说明（学员会看到）'), '开场就说了后果自负');
    await user.click(within(form).getByRole('button', { name: '补充问题' }));

    expect(await screen.findByText('已补充')).toBeInTheDocument();
    const scores = screen.getByRole('table', { name: '机器评分与复核后得分' });
    await expect.poll(() => within(scores).getByRole('row', { name: /结论/ }).textContent).toContain('未通过未通过');
    const [, added] = await listOverrides(db, attemptId);
    expect(added).toMatchObject({
      action: 'add',
      turnIndex: 0,
      rule: 'cn-violence-threat',
      severity: 'critical',
      by: '李老师',
    });
  });
});

describe('the trainee’s side of a review', { timeout: 30_000 }, () => {
  it('shows nothing before a review, then the change, the score that counts and acknowledge / dispute', async () => {
    const { attemptId, profileId, machine } = await threatCall();
    const user = userEvent.setup();
    const { container } = render(ReviewNotice, { attemptId, profileId });
    await new Promise((r) => setTimeout(r, 300));
    expect(container).toHaveTextContent(/^$/);

    const o = await overruleFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: 'cn-violence-threat',
      reason: '学员在转述',
      by: '李老师',
      signer: mentorLock.signer,
    });
    const notice = await screen.findByRole('region', { name: '带教复核意见' });
    expect(notice).toHaveTextContent('复核人：李老师');
    expect(within(notice).getByRole('status')).toHaveTextContent(
      `机器评分 ${machine.total} 分，复核后 ${o.scoresAfter.total} 分 · 通过`,
    );
    expect(notice).toHaveTextContent('驳回学员第 2 句的 cn-violence-threat（严重） — 学员在转述');

    await user.click(within(notice).getByRole('button', { name: '我有异议' }));
    await user.click(within(notice).getByRole('button', { name: '提交异议' }));
    expect(notice).toHaveTextContent('请写下你不同意的原因。');
    await user.type(within(notice).getByLabelText('请说明你的异议'), '我觉得这句确实不妥，应该扣分');
    await user.click(within(notice).getByRole('button', { name: '提交异议' }));
    await expect.poll(() => notice.textContent).toContain('学员有异议');
    expect(notice).toHaveTextContent('你的异议：我觉得这句确实不妥，应该扣分');
    expect((await reviewsFor(db, { profileId }))[0]).toMatchObject({
      status: 'disputed',
      traineeComment: '我觉得这句确实不妥，应该扣分',
    });
  });

  it('acknowledging closes the question; the mentor sees the trainee’s answer on the call and in the audit trail', async () => {
    const { attemptId, profileId } = await threatCall();
    const other = await threatCall('陈小红');
    await overruleFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: 'cn-violence-threat',
      reason: '转述',
      by: '李老师',
      signer: mentorLock.signer,
    });
    await overruleFinding(db, {
      attemptId: other.attemptId,
      turnIndex: 1,
      rule: 'cn-violence-threat',
      reason: '转述',
      by: '李老师',
      signer: mentorLock.signer,
    });
    const user = userEvent.setup();
    const trainee = render(ReviewNotice, { attemptId: other.attemptId, profileId });
    // Another trainee's review never shows on this trainee's report.
    await new Promise((r) => setTimeout(r, 300));
    expect(trainee.container).toHaveTextContent(/^$/);
    trainee.unmount();

    render(ReviewNotice, { attemptId, profileId });
    await user.click(await screen.findByRole('button', { name: '我已阅读并确认' }));
    await expect.poll(() => screen.getByRole('region', { name: '带教复核意见' }).textContent).toContain('学员已确认');
    expect(screen.queryByRole('button', { name: '我有异议' })).not.toBeInTheDocument();

    const [review] = await reviewsFor(db, { profileId: other.profileId });
    await disputeReview(db, review.id, '我没有威胁客户');
    render(Review, { params: ['attempt', other.attemptId] });
    expect(await screen.findByRole('note')).toHaveTextContent('学员的异议：我没有威胁客户');
    const audit = within(screen.getByRole('region', { name: '复核记录（审计轨迹）' })).getAllByRole('row');
    expect(audit.at(-1)).toHaveTextContent('学员学员有异议我没有威胁客户');
  });
});
