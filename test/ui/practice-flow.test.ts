import { readFileSync } from 'node:fs';
import { configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { compile } from '../../src/scenarios/index.ts';
import type { Scenario } from '../../src/scenarios/ir.ts';
import { createEngine, loadRulePacks } from '../../src/scoring/index.ts';
import { appDb, useDb } from '../../src/state/db.ts';
import { loadEngine } from '../../src/state/engine.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { createDb } from '../../src/storage/db.ts';
import { createProfile } from '../../src/storage/profiles.ts';
import { listTurns } from '../../src/storage/turns.ts';
import PracticeFlow from '../../src/ui/practice/PracticeFlow.svelte';

const engine = createEngine(loadRulePacks(readRuleFiles()));
const file = 'test/ui/fixtures/practice-call.md';
const scenario = compile(readFileSync(file, 'utf8'), { file, engine }).scenario as Scenario;
const opening = '您好，我是华信银行信用卡中心账务管理部的工作人员，我姓陈，工号2087。请问您是李娜女士本人吗？';

// Whole calls in jsdom on a busy 2-core machine: give async queries and tests room.
configure({ asyncUtilTimeout: 5000 });
let profileId = '';
// The app's engine chunk is compiled from content/rules on first import; do it once, not inside a test's timeout.
beforeAll(() => loadEngine(), 60_000);
beforeEach(async () => {
  locale.set('zh-CN');
  useDb(createDb(`practice-${Math.random()}`));
  profileId = (await createProfile(appDb(), { name: '王小明', staffNo: '3021' })).id;
});

async function startCall(user: ReturnType<typeof userEvent.setup>) {
  render(PracticeFlow, { scenario, profileId });
  await user.click(await screen.findByRole('button', { name: '开始通话' }));
  expect(await screen.findByText('喂，您好？')).toBeInTheDocument();
}

async function say(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.type(screen.getByLabelText('你的回复'), text);
  await user.click(screen.getByRole('button', { name: '发送' }));
}

describe('practice flow', { timeout: 30_000 }, () => {
  it('plays a call by typing, stores each turn, takes the record and shows a passing report', async () => {
    const user = userEvent.setup({ delay: null });
    await startCall(user);
    await say(user, opening);
    expect(await screen.findByText('对，我是李娜。什么事？')).toBeInTheDocument();
    await say(
      user,
      '李女士您好，您尾号3519的信用卡已经逾期32天，目前应还8420元，最低还款842元。今天来电是想了解一下您的情况。',
    );
    await screen.findByText('我这几天能先还842。');
    await say(user, '好的，跟您确认一下：您会在三天内通过手机银行还款842元，对吗？谢谢您，再见。');

    await screen.findByRole('heading', { name: '催收记录' });
    await user.selectOptions(screen.getByLabelText('结果代码'), 'ptp');
    await user.type(screen.getByLabelText('承诺金额（元）'), '842');
    await user.type(screen.getByLabelText('下一步行动'), '到期日核实还款');
    await user.type(screen.getByLabelText('备注'), '客户因手术费用逾期，承诺三天内还最低还款');
    await user.click(screen.getByRole('button', { name: '提交记录' }));

    expect(await screen.findByRole('heading', { level: 1, name: '通话报告' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('通过');
    const attempts = await appDb().attempts.toArray();
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: 'completed', outcome: 'ptp', passed: true });
    const turns = await listTurns(appDb(), attempts[0].id);
    expect(turns.map((t) => t.speaker)).toEqual([
      'persona',
      'trainee',
      'persona',
      'trainee',
      'persona',
      'trainee',
      'persona',
    ]);
    expect(screen.getByRole('button', { name: '再练一次' })).toBeInTheDocument();
  });

  it('fails the call on a threat, naming the blocker and marking the words in the transcript', async () => {
    const user = userEvent.setup({ delay: null });
    await startCall(user);
    await say(user, opening);
    await screen.findByText('对，我是李娜。什么事？');
    await say(user, '你再不还钱，后果自负！');
    // The call ends on this reply: it is shown with the record form, in the call's lines (客户：…).
    await screen.findByText(/你这是威胁我，我要投诉你！/);
    await user.selectOptions(await screen.findByLabelText('结果代码'), 'complaint');
    await user.type(screen.getByLabelText('下一步行动'), '转投诉处理');
    await user.type(screen.getByLabelText('备注'), '客户对催收话术不满并投诉');
    await user.click(screen.getByRole('button', { name: '提交记录' }));

    const verdict = await screen.findByText(/一票否决/);
    expect(verdict.closest('[role=status]')).toHaveTextContent('未通过');
    expect(verdict).toHaveTextContent('cn-violence-threat');
    const marked = document.querySelector('mark');
    expect(marked?.textContent).toBeTruthy();
    expect('你再不还钱，后果自负！').toContain(marked!.textContent!);
  });

  it('shows live hints for the line being typed in practice mode', async () => {
    const user = userEvent.setup({ delay: null });
    await startCall(user);
    const hints = screen.getByRole('region', { name: '实时提示' });
    expect(within(hints).getByText('目前没有问题。')).toBeInTheDocument();
    await user.type(screen.getByLabelText('你的回复'), '你再不还钱，后果自负');
    expect(await within(hints).findByText(/cn-violence-threat/)).toBeInTheDocument();
  });

  it('offers to resume an unfinished call after a reload and continues where it stopped', async () => {
    const user = userEvent.setup({ delay: null });
    await startCall(user);
    await say(user, opening);
    await screen.findByText('对，我是李娜。什么事？');
    document.body.innerHTML = ''; // the tab closes

    render(PracticeFlow, { scenario, profileId });
    await user.click(await screen.findByRole('button', { name: '继续通话' }));
    expect(await screen.findByText('对，我是李娜。什么事？')).toBeInTheDocument();
    expect(screen.getByText(opening)).toBeInTheDocument();
    await say(
      user,
      '李女士您好，您尾号3519的信用卡已经逾期32天，目前应还8420元，最低还款842元。今天来电是想了解一下您的情况。',
    );
    expect(await screen.findByText('我这几天能先还842。')).toBeInTheDocument();
  });

  it('keeps a call that ended without its record as ended and brings its record form back later', async () => {
    const user = userEvent.setup({ delay: null });
    await startCall(user);
    await say(user, opening);
    await screen.findByText('对，我是李娜。什么事？');
    await user.click(screen.getByRole('button', { name: '挂断' }));
    await screen.findByRole('heading', { name: '催收记录' });
    const [ended] = await appDb().attempts.toArray();
    expect(ended).toMatchObject({ status: 'ended', scores: null });
    expect(ended.endedAt).toBeTypeOf('number');
    document.body.innerHTML = ''; // the trainee leaves without filing it

    render(PracticeFlow, { scenario, profileId });
    expect(await screen.findByRole('heading', { name: '这通电话的催收记录还没填写' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '填写记录' }));
    expect(await screen.findByRole('heading', { name: '催收记录' })).toBeInTheDocument();
    expect(screen.getByText(new RegExp(opening.slice(0, 12)))).toBeInTheDocument();
  });

  it('says plainly when a saved call cannot go on after the script changed, keeps its lines and offers a fresh start', async () => {
    const user = userEvent.setup({ delay: null });
    await startCall(user);
    await say(user, opening);
    await screen.findByText('对，我是李娜。什么事？');
    document.body.innerHTML = '';

    // The trainer edited the script since: every step after the first was renamed, so the saved one is gone.
    const edited: Scenario = {
      ...scenario,
      nodes: scenario.nodes.map((n, i) => (i === 0 ? n : { ...n, id: `${n.id}-v2` })),
    };
    render(PracticeFlow, { scenario: edited, profileId });
    await user.click(await screen.findByRole('button', { name: '继续通话' }));
    expect(await screen.findByRole('heading', { name: '这通电话没法接着打了' })).toBeInTheDocument();
    expect(screen.getByText(/话术在你保存之后修改过/)).toBeInTheDocument();
    expect(screen.queryByText(/损坏|联系带教/)).not.toBeInTheDocument();
    expect(screen.getByText(new RegExp(opening.slice(0, 12)))).toBeInTheDocument();
    const before = (await appDb().attempts.toArray()).map((a) => a.id);
    await user.click(screen.getByRole('button', { name: '重新开始这个场景' }));
    expect(await screen.findByRole('button', { name: '开始通话' })).toBeInTheDocument();
    // Nothing the trainee said is lost: the old attempt and its lines are still stored, marked abandoned.
    const [attempt] = await appDb().attempts.where('id').anyOf(before).toArray();
    expect(attempt.status).toBe('abandoned');
    expect((await listTurns(appDb(), attempt.id)).some((t) => t.text === opening)).toBe(true);
  });

  it('lets a guided-mode trainee choose replies and shows the trainer feedback', async () => {
    const user = userEvent.setup({ delay: null });
    render(PracticeFlow, { scenario, profileId });
    await user.click(await screen.findByLabelText(/引导模式/));
    await user.click(screen.getByRole('button', { name: '开始通话' }));
    await user.click(await screen.findByRole('button', { name: opening }));
    expect(await screen.findByText('开场要素齐全。')).toBeInTheDocument();
    expect(await screen.findByText('对，我是李娜。什么事？')).toBeInTheDocument();
  });
  it('keeps the customer card and objectives beside the call, except in an exam whose scenario hides them', async () => {
    const user = userEvent.setup({ delay: null });
    const hiding = { ...scenario, exam_hide_card: true };
    const practice = render(PracticeFlow, { scenario: hiding, profileId });
    await user.click(await screen.findByRole('button', { name: '开始通话' }));
    const card = await screen.findByRole('region', { name: '客户资料' });
    expect(card).toHaveTextContent('3519');
    expect(screen.getByRole('region', { name: '本次目标' })).toBeInTheDocument();
    practice.unmount();

    useDb(createDb(`practice-exam-${Math.random()}`));
    profileId = (await createProfile(appDb(), { name: '王小明', staffNo: '3021' })).id;
    render(PracticeFlow, { scenario: hiding, profileId });
    await user.click(await screen.findByLabelText(/考核模式/));
    await user.click(screen.getByRole('button', { name: '开始通话' }));
    expect(await screen.findByText('喂，您好？')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '客户资料' })).toBeNull();
    expect(screen.queryByRole('region', { name: '本次目标' })).toBeNull();
  });
});
