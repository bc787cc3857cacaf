/**
 * The LRS journeys against a real LRS (Learning Locker's statement service on 127.0.0.1, started by
 * playwright.config.ts): a call played partly offline arrives once per line with its result and the mentor's
 * correction; 50 lines over ten minutes offline arrive once each; a mentor reads a cohort that practised on another PC.
 */
import { expect, test } from '@playwright/test';
import { statementId } from '../../src/lrs/ids.ts';
import {
  attemptedStatement,
  completionStatements,
  exchangeStatements,
  type CompletedFacts,
  type StatementEnv,
} from '../../src/lrs/statements.ts';
import { EXT, VERBS, staffAgent, type Statement } from '../../src/lrs/xapi.ts';
import type { Assessment } from '../../src/scoring/types.ts';
import type { Turn } from '../../src/storage/types.ts';
import { expectNoAxeViolations } from './axe.ts';
import { THREAT, ZH_OPENING, ZH_TITLE, say } from './journey.ts';
import {
  ACTIVITY_BASE,
  HOME_PAGE,
  LRS_ENDPOINT,
  configureLrs,
  freshStaffNo,
  lrsPost,
  lrsStatements,
  setMentorPin,
  watchLrs,
} from './lrs.ts';

const REPLY_1 = '我是张伟，什么事？';
const REPLY_2 = '你这是在威胁我吗？我要投诉！';

/** Statements of one call by `staffNo` as another PC sends them (built by the app's own statement builder). */
function anotherPcsCall(staffNo: string, activityBase: string) {
  const env: StatementEnv = { actor: staffAgent(HOME_PAGE, staffNo), homePage: HOME_PAGE, activityBase };
  const at = Date.now() - 3_600_000;
  const attempt: CompletedFacts = {
    id: crypto.randomUUID(),
    scenarioId: 'zh-first-contact-tight-money',
    scenarioTitle: ZH_TITLE,
    lang: 'zh',
    mode: 'practice',
    course: 'first_contact',
    startedAt: at - 300_000,
    endedAt: at,
    outcome: 'complaint',
    passed: false,
    blockerRule: 'cn-violence-threat',
    scores: { compliance: 0, script: 60, tone: 20, outcome: 0, record: 80, total: 23 },
    findings: {
      byCategory: { threat: 1 },
      byRule: { 'cn-violence-threat': { category: 'threat', severity: 'critical', count: 1 } },
    },
  };
  const clean: Assessment = {
    findings: [],
    tone: { label: 'polite', score: 80, reasons: [] },
    moves: [],
    elements: [],
  };
  const threat: Assessment = {
    findings: [
      {
        rule: 'cn-violence-threat',
        category: 'threat',
        severity: 'critical',
        start: 7,
        end: 11,
        quote: '后果自负',
        message: '',
        better: '',
        sources: [],
      },
    ],
    tone: { label: 'rude', score: 5, reasons: [] },
    moves: [],
    elements: [],
  };
  const line = (index: number, speaker: Turn['speaker'], text: string, assessment: Assessment | null = null): Turn => ({
    attemptId: attempt.id,
    index,
    speaker,
    text,
    assessment,
    personaState: null,
    stage: 'opening',
    at: at - 200_000 + index * 10_000,
    node: `n${index}`,
  });
  const lines = [
    line(0, 'trainee', ZH_OPENING, clean),
    line(1, 'persona', REPLY_1),
    line(2, 'trainee', THREAT, threat),
    line(3, 'persona', REPLY_2),
  ];
  return [
    attemptedStatement(env, attempt),
    ...exchangeStatements(env, attempt, lines),
    ...completionStatements(env, attempt, null, at),
  ];
}

test('a mentor reads a trainee from another PC out of the LRS and opens their call line by line', async ({
  page,
  context,
}) => {
  const staffNo = freshStaffNo();
  const activityBase = `${ACTIVITY_BASE}cohort-${staffNo}/`; // this test's courses alone, whatever else the LRS holds
  await lrsPost(anotherPcsCall(staffNo, activityBase));
  const requests = watchLrs(page);

  await setMentorPin(page, '李老师', 'M0007');
  await configureLrs(page, activityBase);
  await page.getByRole('link', { name: '带教复核' }).click();
  const panel = page.getByRole('region', { name: '学习记录库（LRS）中的学员' });
  await expect(panel).toContainText(LRS_ENDPOINT);
  await expect(page.getByRole('region', { name: '学员 × 场景' })).toHaveCount(0); // nothing on this PC, nothing read yet
  expect(requests, 'no request to the LRS before the mentor asks').toEqual([]);

  await panel.getByLabel('课程').selectOption({ label: '首次联系' });
  await panel.getByRole('button', { name: '从学习记录库读取' }).click();
  await expect(panel.getByRole('status').first()).toContainText(
    '学习记录库中有 1 次其他电脑上的通话，来自 1 名本机没有的学员',
  );
  const grid = page.getByRole('region', { name: '学员 × 场景' });
  await expect(grid.getByRole('rowheader', { name: `${staffNo} LRS` })).toBeVisible();
  await expect(grid.getByRole('row', { name: new RegExp(staffNo) })).toContainText('23 1 次 · 未通过');
  await expect(page.getByRole('region', { name: '违规热力图' })).toContainText('cn-violence-threat');
  // Readiness counts the remote blocker too; that call has no review page on this PC, so no link to one.
  const ready = page.getByRole('region', { name: '上线准备情况' }).getByRole('listitem').filter({ hasText: staffNo });
  await expect(ready).toContainText('尚未达标');
  await expect(ready).toContainText('最近通话中有一票否决：cn-violence-threat');
  await expect(ready.getByRole('link')).toHaveCount(0);
  const calls = panel.getByRole('table', { name: '学习记录库中的通话' });
  await expect(calls.getByRole('row', { name: new RegExp(staffNo) })).toContainText(
    /未通过\s*·\s*一票否决：cn-violence-threat/,
  );
  expect(requests.every((r) => r === 'GET /xAPI/statements')).toBe(true);

  await calls.getByRole('button', { name: `查看逐句：工号 ${staffNo}，${ZH_TITLE}` }).click();
  const lines = panel.getByRole('region', { name: `逐句记录（工号 ${staffNo}，${ZH_TITLE}）` });
  await expect(lines.getByRole('listitem').filter({ hasText: ZH_OPENING })).toContainText(REPLY_1);
  await expect(lines.getByRole('listitem').filter({ hasText: THREAT })).toContainText('严重 cn-violence-threat');
  await expect(lines).toContainText(REPLY_2);
  await panel.getByText('带教读取凭据（可选）').click();
  await expect(panel.getByLabel('读取密钥（Key）')).toBeVisible();
  await expectNoAxeViolations(page, 'cohort with the LRS read, a call opened and the mentor credential form');

  // The LRS cannot be reached: the mentor is told so, and the cohort read before stays.
  await context.setOffline(true);
  await panel.getByRole('button', { name: '从学习记录库读取' }).click();
  await expect(panel.getByRole('alert')).toContainText('连接不上学习记录库：请检查网络，或稍后再试。');
  await expect(grid.getByRole('rowheader', { name: `${staffNo} LRS` })).toBeVisible();
  await context.setOffline(false);
});

const ZH_PURPOSE =
  '张先生您好，您尾号6688的信用卡已经逾期35天，目前应还12860.50元，最低还款额1286元。今天来电是想了解一下您的情况。';
const ZH_ASK = '请问您最近是遇到什么困难了吗？我们可以一起看看怎么安排还款。';
const REASON = '学员在复述客户担心的后果，不是威胁';

const byVerb = (all: Statement[], verb: keyof typeof VERBS) => all.filter((s) => s.verb.id === VERBS[verb].id);

test('a call played partly offline reaches the LRS once per line, with its result and the mentor’s correction', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const staffNo = freshStaffNo();
  const agent = JSON.stringify({ account: { homePage: HOME_PAGE, name: staffNo } });
  const mine = () => lrsStatements({ agent });
  await configureLrs(page);

  await page.goto('./?lang=zh-CN#/library');
  await page.getByRole('link', { name: ZH_TITLE }).click();
  await page.getByLabel('姓名').fill('陈静');
  await page.getByLabel('工号').fill(staffNo);
  await page.getByRole('button', { name: '创建档案' }).click();
  await page.getByRole('button', { name: '开始通话' }).click();
  await say(page, ZH_OPENING);
  // Online, the first line goes out while the call goes on.
  await expect.poll(async () => byVerb(await mine(), 'responded').length, { timeout: 30_000 }).toBe(1);

  await context.setOffline(true);
  await say(page, ZH_PURPOSE);
  await say(page, ZH_ASK);
  await say(page, THREAT);
  if (await page.getByRole('button', { name: '挂断' }).isVisible())
    await page.getByRole('button', { name: '挂断' }).click();
  await page.getByLabel('结果代码').selectOption('complaint');
  await page.getByLabel('下一步行动').fill('主管回访');
  await page.getByLabel('备注').fill('客户对通话不满并投诉');
  await page.getByRole('button', { name: '提交记录' }).click();
  await expect(page.getByRole('status').filter({ hasText: '一票否决' })).toContainText('cn-violence-threat');
  await page.getByRole('link', { name: '设置' }).click();
  await expect(page.getByText(/待发送 [1-9]\d* 条/)).toBeVisible();
  expect(byVerb(await mine(), 'responded').length, 'nothing left this PC while offline').toBe(1);

  await context.setOffline(false);
  // Back online, the outbox empties by itself, and the real LRS refused nothing and saw no conflicting id.
  await expect(page.getByText('待发送 0 条 · 冲突 0 条 · 被拒 0 条')).toBeVisible({ timeout: 30_000 });
  const all = await mine();
  const registration = all[0].context!.registration!;
  expect(all.every((s) => s.context?.registration === registration)).toBe(true);
  // Every trainee line exactly once, in order, under the id its attempt and line give.
  const lines = byVerb(all, 'responded').sort(
    (a, b) => (a.result!.extensions![EXT.turnIndex] as number) - (b.result!.extensions![EXT.turnIndex] as number),
  );
  expect(lines.map((s) => s.result!.response)).toEqual([ZH_OPENING, ZH_PURPOSE, ZH_ASK, THREAT]);
  const indexes = lines.map((s) => s.result!.extensions![EXT.turnIndex] as number);
  expect(new Set(indexes).size).toBe(4);
  expect(lines.map((s) => s.id)).toEqual(indexes.map((i) => statementId(registration, `turn/${i}`)));
  expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
  // The attempt's statements: started, completed, failed on the blocker (a raw score, no scaled one).
  expect(byVerb(all, 'attempted')).toHaveLength(1);
  expect(byVerb(all, 'completed')).toHaveLength(1);
  expect(byVerb(all, 'passed')).toHaveLength(0);
  const [failed] = byVerb(all, 'failed');
  expect(failed.result).toMatchObject({ success: false, completion: true, score: { min: 0, max: 100 } });
  expect(failed.result!.score!.scaled).toBeUndefined();
  expect(failed.result!.extensions![EXT.blockerRule]).toBe('cn-violence-threat');
  const threatLine = lines[3];
  expect(threatLine.result!.success).toBe(false);
  expect(threatLine.result!.extensions![EXT.personaReply]).toEqual(expect.any(String));

  // The mentor overrules the blocker in Review: it reaches the LRS as a comment on that line, nothing voided.
  await setMentorPin(page, '李老师', 'M0007');
  await page.getByRole('link', { name: '通话列表' }).click();
  await page.getByRole('link', { name: /^复核：陈静/ }).click();
  await page.getByText('驳回 cn-violence-threat（误判）').click();
  await page.getByLabel('驳回 cn-violence-threat 的理由').fill(REASON);
  await page.getByRole('button', { name: '确认驳回' }).click();
  await expect(page.getByText('已驳回')).toBeVisible();
  const comments = async () => byVerb(await lrsStatements({ registration }), 'commented');
  await expect.poll(async () => (await comments()).length, { timeout: 30_000 }).toBe(1);
  const [comment] = await comments();
  expect(comment.object).toEqual({ objectType: 'StatementRef', id: threatLine.id });
  // The mentor is their staff number in the LRS; their name stays on this PC.
  expect(comment.actor).toMatchObject({ account: { homePage: HOME_PAGE, name: 'M0007' } });
  expect(JSON.stringify(comment)).not.toContain('李老师');
  expect(comment.result!.response).toBe(REASON);
  expect(comment.result!.extensions![EXT.correction]).toMatchObject({ action: 'overrule', rule: 'cn-violence-threat' });
  expect(await lrsStatements({ registration, verb: 'http://adlnet.gov/expapi/verbs/voided' })).toEqual([]);
  await expect.poll(async () => byVerb(await mine(), 'responded').length).toBe(4); // still once per line
});

const DRILL_TITLE = '背诵练习：首次联系标准开场白';
const DRILL_MODEL = '您好，我是华信银行信用卡中心账务管理部的工作人员，我姓李，工号3021。请问您是王建国先生本人吗？';

test('50 lines recited over 10 minutes offline reach the LRS once each when the PC is back online', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  const staffNo = freshStaffNo();
  const mine = () => lrsStatements({ agent: JSON.stringify({ account: { homePage: HOME_PAGE, name: staffNo } }) });
  await page.clock.install(); // the page's clock, so ten minutes offline pass in a moment (retries and backoff included)
  await configureLrs(page);
  await page.goto('./?lang=zh-CN#/library');
  await page.getByRole('link', { name: DRILL_TITLE }).click();
  await page.getByLabel('姓名').fill('周八');
  await page.getByLabel('工号').fill(staffNo);
  await page.getByRole('button', { name: '创建档案' }).click();
  await page.getByRole('button', { name: '开始通话' }).click();
  await context.setOffline(true);
  // The opening drill recites again without ending the call: 50 trainee lines in one call.
  for (let i = 0; i < 50; i++) {
    await say(page, DRILL_MODEL);
    if (i % 10 === 9) await page.clock.fastForward('02:00');
    if (i < 49) await page.getByRole('button', { name: '再背一遍' }).click();
  }
  await page.getByRole('button', { name: '结束练习' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '通话报告' })).toBeVisible();
  await page.getByRole('link', { name: '设置' }).click();
  const waiting = page.getByText(/待发送 \d+ 条/);
  await expect(waiting).toBeVisible();
  const queued = Number((await waiting.innerText()).match(/待发送 (\d+) 条/)![1]);
  expect(await mine(), 'nothing left this PC while offline').toEqual([]);

  await context.setOffline(false);
  await expect(page.getByText('待发送 0 条 · 冲突 0 条 · 被拒 0 条')).toBeVisible({ timeout: 60_000 });
  const all = await mine();
  const lines = byVerb(all, 'responded');
  expect(lines).toHaveLength(50);
  expect(lines.every((s) => s.result!.response === DRILL_MODEL)).toBe(true);
  expect(new Set(lines.map((s) => s.result!.extensions![EXT.turnIndex])).size).toBe(50);
  expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
  expect(new Set(all.map((s) => s.context!.registration)).size).toBe(1);
  // Nothing lost: everything that waited arrived, and nothing more: the 50 lines and the call's start and result.
  expect(all).toHaveLength(queued);
  expect(
    all
      .map((s) => s.verb.id.split('/').pop())
      .filter((v) => v !== 'responded')
      .sort(),
  ).toEqual(['attempted', 'completed', 'passed']);
});
