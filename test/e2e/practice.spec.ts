import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { ZH_OPENING, ZH_TITLE } from './journey.ts';

const ZH_PURPOSE =
  '张先生您好，您尾号6688的信用卡已经逾期35天，目前应还12860.50元，最低还款额1286元。今天来电是想了解一下您的情况。';

async function createProfile(page: Page, name: string, staffNo: string, zh = true) {
  await page.getByLabel(zh ? '姓名' : 'Name').fill(name);
  await page.getByLabel(zh ? '工号' : 'Staff number').fill(staffNo);
  await page.getByRole('button', { name: zh ? '创建档案' : 'Create profile' }).click();
}

/** Sends a typed line and waits until the persona has answered (or the call has ended). */
async function say(page: Page, text: string, zh = true) {
  const log = page.getByRole('log');
  const before = await log.getByRole('listitem').count();
  await page.getByLabel(zh ? '你的回复' : 'Your reply').fill(text);
  await page.getByRole('button', { name: zh ? '发送' : 'Send', exact: true }).click();
  await expect
    .poll(async () => (await log.count()) === 0 || (await log.getByRole('listitem').count()) >= before + 2)
    .toBe(true);
}

async function openScenario(page: Page, title: string, lang: 'zh-CN' | 'en' = 'zh-CN') {
  await page.goto(`./?lang=${lang}#/library`);
  await page.getByRole('link', { name: title }).click();
}

test('a new trainee types a zh call, sees per-line findings, hangs up, files the record and reads the report', async ({
  page,
}) => {
  await openScenario(page, ZH_TITLE);
  await createProfile(page, '王小明', '3021');
  await expect(page.getByRole('heading', { name: '客户资料' })).toBeVisible();
  await expect(page.getByText('厂子停工')).toHaveCount(0); // hidden facts never reach the briefing
  await expectNoAxeViolations(page, 'briefing');
  await page.getByRole('button', { name: '开始通话' }).click();

  await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('你的回复').fill('你再不还钱，后果自负');
  await expect(page.getByRole('region', { name: '实时提示' })).toContainText('cn-violence-threat');
  await expectNoAxeViolations(page, 'call screen');
  await say(page, ZH_OPENING);
  await say(page, ZH_PURPOSE);
  await page.getByRole('button', { name: '挂断' }).click();

  await expect(page.getByRole('heading', { name: '催收记录' })).toBeVisible();
  await expectNoAxeViolations(page, 'record form');
  await page.getByLabel('结果代码').selectOption('hung_up');
  await page.getByLabel('下一步行动').fill('明天上午再次联系');
  await page.getByLabel('备注').fill('客户承认逾期，通话中途结束');
  await page.getByRole('button', { name: '提交记录' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '通话报告' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '逐句点评' })).toBeVisible();
  await expect(page.getByRole('region', { name: '逐句点评' })).toContainText(ZH_OPENING);
  await expect(page.getByText('参考回答').first()).toBeVisible();
  await expectNoAxeViolations(page, 'report');
  await expect(page.getByRole('button', { name: '再练一次' })).toBeVisible();
});

test('a line that threatens the cardholder fails the call and names the blocker', async ({ page }) => {
  await openScenario(page, ZH_TITLE);
  await createProfile(page, '李四', '3022');
  await page.getByRole('button', { name: '开始通话' }).click();
  await say(page, ZH_OPENING);
  await say(page, '你再不还钱，后果自负！我们知道你家住哪。');
  if (await page.getByRole('button', { name: '挂断' }).isVisible())
    await page.getByRole('button', { name: '挂断' }).click();
  await page.getByLabel('结果代码').selectOption('complaint');
  await page.getByLabel('下一步行动').fill('主管回访');
  await page.getByLabel('备注').fill('客户对通话不满并投诉');
  await page.getByRole('button', { name: '提交记录' }).click();
  const verdict = page.getByRole('status').filter({ hasText: '一票否决' });
  await expect(verdict).toContainText('未通过');
  await expect(verdict).toContainText('cn-violence-threat');
  await expect(page.locator('mark').first()).toBeVisible();
});

test('reloading mid-call offers to resume exactly where it was; after the call the attempt is in Progress', async ({
  page,
}) => {
  await openScenario(page, ZH_TITLE);
  await createProfile(page, '赵六', '3023');
  await page.getByRole('button', { name: '开始通话' }).click();
  await say(page, ZH_OPENING);
  const lines = await page.getByRole('log').getByRole('listitem').allInnerTexts();
  await page.reload();
  await page.getByRole('button', { name: '继续通话' }).click();
  await expect(page.getByRole('log').getByRole('listitem')).toHaveText(lines);
  await say(page, ZH_PURPOSE);
  await page.getByRole('button', { name: '挂断' }).click();
  await page.getByLabel('结果代码').selectOption('hung_up');
  await page.getByLabel('下一步行动').fill('再次联系');
  await page.getByLabel('备注').fill('通话中途客户挂断');
  await page.getByRole('button', { name: '提交记录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '通话报告' })).toBeVisible();

  await page.reload();
  await page.goto('./#/progress');
  await expect(page.getByRole('main')).toContainText(ZH_TITLE);
  await page.goto('./#/library');
  await expect(page.getByRole('listitem').filter({ hasText: ZH_TITLE })).toContainText('练习 1 次');
});

test('guided mode: the trainee chooses replies and gets the trainer feedback', async ({ page }) => {
  await openScenario(page, ZH_TITLE);
  await createProfile(page, '孙七', '3024');
  await page.getByLabel(/引导模式/).check();
  await page.getByRole('button', { name: '开始通话' }).click();
  await page.getByRole('button', { name: ZH_OPENING }).click();
  await expect(page.getByText('开场要素齐全')).toBeVisible();
  await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(3);
  await expectNoAxeViolations(page, 'guided call');
});

test('the same flow works in English on a US scenario', async ({ page }) => {
  await openScenario(page, 'First contact: Maria Lopez, hours cut at work', 'en');
  await createProfile(page, 'Alex Kim', '9001', false);
  await page.getByRole('button', { name: 'Start call' }).click();
  await say(
    page,
    "Hi, good evening. My name is Dan Mercer, and I'm calling from Harbor National Bank. May I speak with Maria Lopez, please?",
    false,
  );
  await say(page, "Listen, pay up today or we'll have you arrested.", false);
  if (await page.getByRole('button', { name: 'Hang up' }).isVisible())
    await page.getByRole('button', { name: 'Hang up' }).click();
  await page.getByLabel('Result code').selectOption('hung_up');
  await page.getByLabel('Next action').fill('Call back tomorrow');
  await page.getByLabel('Notes').fill('Customer upset; call ended early');
  await page.getByRole('button', { name: 'Submit record' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Call report' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Failed' })).toBeVisible();
  await expectNoAxeViolations(page, 'en report');
  await page.getByRole('button', { name: 'Practice again' }).click();
  await expect(page.getByRole('button', { name: 'Start call' })).toBeVisible();
});
