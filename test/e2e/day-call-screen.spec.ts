import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { ZH_TITLE } from './journey.ts';

// Issue 14, "Seeing the call" and "Feedback": the call screen keeps the newest line and the customer card in view,
// marks each sent line with its findings, shows guided feedback for the pick that ends the call, and hints agree
// with what was already said, with the scenario's objectives and with the customer on the card.

const MODEL_LINES = [
  '您好，我是华信银行信用卡中心账务管理部的工作人员，我姓王，工号3021。请问您是张伟先生本人吗？',
  '张先生您好，您尾号6688的信用卡已经逾期35天，目前应还12860.50元，最低还款额1286元。今天来电是想了解一下您的情况，看看怎么把这笔款安排上。',
  '理解您的难处，谁都有不方便的时候。方便说说最近是遇到什么情况了吗？我们一起看看有什么办法。',
  '停工确实不容易，谢谢您跟我说实话。逾期会按每天万分之五计息，时间越长负担越重，也会影响您的征信记录。您看这个月能不能先还一部分，比如最低还款额1286元，把账户稳住？',
  '您看这样行不行：这个月先还一部分，就按最低还款额1286元，账户状态能先稳住；剩下的等厂里复工，我们再一起定个还款计划。',
];

async function openAs(page: Page, title: string, name: string, staffNo: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  const zh = lang === 'zh-CN';
  await page.goto(`./?lang=${lang}#/library`);
  await page.getByRole('link', { name: title }).click();
  await page.getByLabel(zh ? '姓名' : 'Name').fill(name);
  await page.getByLabel(zh ? '工号' : 'Staff number').fill(staffNo);
  await page.getByRole('button', { name: zh ? '创建档案' : 'Create profile' }).click();
}

/** An opening without the right-party question: the customer asks who is calling, and the call stays in its opening. */
const HALF_OPENING = '您好，我是华信银行信用卡中心账务管理部的工作人员。';

/** Starts the call and waits for the customer's first line. */
async function startCall(page: Page, zh = true) {
  await page.getByRole('button', { name: zh ? '开始通话' : 'Start call' }).click();
  await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(1);
}

/** Sends a typed line and waits until the persona has answered. */
async function say(page: Page, text: string, zh = true) {
  const lines = page.getByRole('log').getByRole('listitem');
  const before = await lines.count();
  await page.getByLabel(zh ? '你的回复' : 'Your reply').fill(text);
  await page.getByRole('button', { name: zh ? '发送' : 'Send', exact: true }).click();
  await expect(lines).toHaveCount(before + 2);
}

test('after ten lines the newest line is in view, and the customer card and objectives stay beside the call', async ({
  page,
}) => {
  await openAs(page, ZH_TITLE, '王小明', '3021');
  await startCall(page);
  for (const line of MODEL_LINES) await say(page, line);
  const lines = page.getByRole('log').getByRole('listitem');
  await expect(lines).toHaveCount(11);
  await expect(lines.last()).toBeInViewport();
  await expect(lines.first()).not.toBeInViewport();
  // The customer's newest line is announced on its own, not the whole transcript.
  const newest = await lines.last().locator('span[lang]').innerText();
  // The call's own live region (the update prompt has another).
  await expect(page.locator('p.visually-hidden[aria-live="polite"]')).toHaveText(`客户：${newest}`);

  const card = page.getByRole('region', { name: '客户资料' });
  await expect(card).toBeInViewport();
  await expect(card).toContainText('张伟');
  await expect(card).toContainText('6688');
  await expect(card).toContainText('¥12,860.50');
  await expect(card).toContainText('35');
  await expect(page.getByRole('region', { name: '本次目标' })).toContainText('还款承诺');
  await expectNoAxeViolations(page, 'call screen with the side panel');
});

test('the briefing names the bank, department, trainee and staff number, and the opening check accepts them', async ({
  page,
}) => {
  await openAs(page, ZH_TITLE, '王小明', '3021');
  const who = page.getByRole('region', { name: '你的身份' });
  await expect(who).toContainText('华信银行信用卡中心');
  await expect(who).toContainText('账务管理部');
  await expect(who).toContainText('王小明');
  await expect(who).toContainText('3021');
  await expectNoAxeViolations(page, 'briefing with the caller');
  await page.getByRole('button', { name: '开始通话' }).click();
  await page
    .getByLabel('你的回复')
    .fill('您好，这里是华信银行信用卡中心账务管理部，我是王小明，工号3021。请问是张伟先生本人吗？');
  await expect(page.getByRole('region', { name: '实时提示' })).toContainText('目前没有问题');
});

test('a sent line with a finding carries a marker that opens to the rule and a better line for this customer', async ({
  page,
}) => {
  await openAs(page, ZH_TITLE, '王小明', '3021');
  await startCall(page);
  await say(page, HALF_OPENING);
  const sent = page.getByRole('log').getByRole('listitem').nth(1);
  const marker = sent.getByText('本句 1 条点评（最重：提示）');
  await expect(marker).toBeVisible();
  await marker.click();
  await expect(sent).toContainText('cn-opening-elements');
  await expect(sent).toContainText('缺少：姓氏、工号、核实本人');
  // The better line names this call's people, not stand-ins.
  await expect(sent).toContainText('请问您是张伟先生本人吗');
  await expect(sent).toContainText('王小明，工号3021');
  await expect(sent).not.toContainText('张三');
  await expectNoAxeViolations(page, 'call screen with an open marker');
});

test('guided mode shows the trainer feedback for a bad pick that ends the call', async ({ page }) => {
  await openAs(page, ZH_TITLE, '孙七', '3024');
  await page.getByLabel(/引导模式/).check();
  await page.getByRole('button', { name: '开始通话' }).click();
  await page.getByRole('button', { name: '张伟是吧？你信用卡欠了一万多，逾期一个多月了！' }).click();
  await expect(page.getByRole('heading', { name: '催收记录' })).toBeVisible();
  const feedback = page.getByRole('status').filter({ hasText: '不恰当' });
  await expect(feedback).toContainText('没有自报家门，也没有核实本人就说欠款。');
  await expectNoAxeViolations(page, 'record form after a guided bad pick');
});

test('a hint does not demand a greeting already given and never says there is no problem beside missing elements', async ({
  page,
}) => {
  await openAs(page, ZH_TITLE, '李四', '3022');
  await startCall(page);
  await say(page, HALF_OPENING);
  const hints = page.getByRole('region', { name: '实时提示' });
  await page.getByLabel('你的回复').fill('我姓李。');
  await expect(hints).toContainText('缺少：工号、核实本人');
  await expect(hints).not.toContainText('问候语');
  await expect(hints).not.toContainText('没有问题');
  await page.getByLabel('你的回复').fill('我姓李，工号3022。请问您是张伟先生本人吗？');
  await expect(hints).toContainText('目前没有问题');
  await say(page, '我姓李，工号3022。请问您是张伟先生本人吗？');
  const sent = page.getByRole('log').getByRole('listitem').nth(3);
  await expect(sent).toContainText('我姓李，工号3022');
  await expect(sent.getByText(/本句 \d+ 条点评/)).toHaveCount(0);
  await expect(page.getByRole('log')).not.toContainText('没有问题');
});

test('an English hint follows the objectives: the company is not demanded where it may be named only when asked', async ({
  page,
}) => {
  await openAs(page, "Third party: Jordan Reed's roommate answers", 'Alex Kim', '9001', 'en');
  await startCall(page, false);
  await page.getByLabel('Your reply').fill('Hi, my name is Alex Kim. May I speak with Jordan Reed, please?');
  const hints = page.getByRole('region', { name: 'Live hints' });
  await expect(hints).toContainText('Nothing to flag so far.');
  await page.getByLabel('Your reply').fill('Hello, may I speak with Jordan Reed?');
  await expect(hints).toContainText('Missing: name');
  await expect(hints).not.toContainText('institution');
  // The better line addresses the customer from the card, not a stand-in.
  await expect(hints).toContainText('Mr. Reed');
  await expect(hints).not.toContainText('John Smith');
  await expect(hints).not.toContainText('Crestline');
});
