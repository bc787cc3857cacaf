/**
 * Issue 14, verdicts: a course's pass policy fails what a trainer would fail and the report says why; a mentor's
 * correction reaches the trainee (Progress, the top of the report, a notice), with the machine's verdict beside it.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { PIN, say } from './journey.ts';

/** A new trainee opens a zh scenario from the library and reaches its briefing. */
async function brief(page: Page, title: string, name: string, staffNo: string) {
  await page.goto('./?lang=zh-CN#/library');
  await page.getByRole('link', { name: title }).click();
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('工号').fill(staffNo);
  await page.getByRole('button', { name: '创建档案' }).click();
  await expect(page.getByRole('heading', { name: '客户资料' })).toBeVisible();
}

/** Plays the lines, hangs up if the customer has not, and files the record with `code`. */
async function playAndFile(page: Page, lines: string[], code: string) {
  await page.getByRole('button', { name: '开始通话' }).click();
  for (const line of lines) await say(page, line);
  if (await page.getByRole('button', { name: '挂断' }).isVisible())
    await page.getByRole('button', { name: '挂断' }).click();
  await page.getByLabel('结果代码').selectOption(code);
  await page.getByLabel('下一步行动').fill('明天上午再次联系本人');
  await page.getByLabel('备注').fill('按通话实际情况记录，客户情绪已记下');
  await page.getByRole('button', { name: '提交记录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '通话报告' })).toBeVisible();
}

/** The verdict at the top of the report. */
const SPOUSE = '第三人联系：接电话的是他爱人';
const SPOUSE_LINES = [
  '您好，我是XX银行信用卡中心账务管理部的，我姓王，工号3021，请问是周明先生吗？',
  '好的，谢谢您。是他个人的一些事情，需要他本人处理。麻烦您转告他有空回个电话，打XX银行客服热线转账务管理部，找工号3021就行。',
  '谢谢您的关心，但按规定我只能跟周先生本人说，这也是保护他的信息，请您理解。',
  '谢谢您。具体的事我得跟他本人确认。另外提醒您别往任何个人账户转钱。他晚上八点以后方便的话，请他回个电话，找工号3021。',
];

/** The trainee's latest call, opened from Progress: its attempt id. */
async function latestAttempt(page: Page): Promise<string> {
  await page.goto('./#/progress');
  await page
    .getByRole('link', { name: /查看报告/ })
    .first()
    .click();
  await expect(page).toHaveURL(/#\/progress\/[\w-]+$/);
  return decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);
}

/** First visit to mentor review on this browser profile: set the PIN, then open the call. */
async function mentorOpens(page: Page, attemptId: string) {
  await page.goto('./#/review');
  await page.getByLabel('你的姓名（记入复核记录）').fill('李老师');
  await page.getByLabel('新密码', { exact: true }).fill(PIN);
  await page.getByLabel('再次输入新密码').fill(PIN);
  await page.getByRole('button', { name: '保存密码并进入' }).click();
  await expect(page.getByText('带教老师：李老师')).toBeVisible();
  await page.goto(`./#/review/attempt/${attemptId}`);
  await expect(page.getByRole('heading', { name: '复核：王小明（3021）' })).toBeVisible();
}

const verdictOf = (page: Page) => page.getByRole('status').filter({ hasText: /通过/ }).first();

test('telling an unverified listener the debt (a major finding) fails the call, and the report says why', async ({
  page,
}) => {
  await brief(page, '首次联系：资料对不上的“刘先生”', '王小明', '3021');
  const policy = page.getByRole('region', { name: '本课程的通过标准' });
  await expect(policy).toContainText('出现严重或较重级的合规问题，即不通过');
  await expect(policy).toContainText('总分不低于 60 分');
  await expectNoAxeViolations(page, 'briefing with the pass policy');

  await playAndFile(
    page,
    [
      '您好，我是XX银行信用卡中心账务管理部的，我姓王，工号3021，请问是刘志强先生吗？',
      '你的信用卡欠款两万多，已经逾期三个月了，赶紧还。',
    ],
    'complaint',
  );
  const verdict = verdictOf(page);
  await expect(verdict).toContainText('未通过，因为：');
  await expect(verdict.getByRole('listitem').filter({ hasText: 'cn-disclose-before-verify' })).toContainText(
    '一票否决：第 2 句触犯了较重规则',
  );
  await expectNoAxeViolations(page, 'report with reasons');
});

test("a call the customer hangs up on after the trainee's rude line fails for that reason", async ({ page }) => {
  await brief(page, '首次联系：手头紧的张先生', '李四', '3022');
  await playAndFile(
    page,
    [
      '您好，我是华信银行信用卡中心账务管理部的工作人员，我姓王，工号3021。请问您是张伟先生本人吗？',
      '你到底还不还？别跟我废话。',
    ],
    'hung_up',
  );
  const verdict = verdictOf(page);
  await expect(verdict).toContainText('未通过，因为：');
  await expect(verdict.getByRole('listitem')).toContainText(['在你的第 2 句之后电话被挂断，通话没有完成']);
  await expect(verdict).not.toContainText('一票否决');
});

test("a mentor who fails a passed call changes the trainee's Progress and report, with the machine verdict beside and a notice", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await brief(page, SPOUSE, '王小明', '3021');
  await playAndFile(page, SPOUSE_LINES, 'third_party_message');
  await expect(verdictOf(page)).toContainText('通过');
  await expect(verdictOf(page)).not.toContainText('未通过');
  const machineTotal = (await page.getByRole('row', { name: /总分/ }).getByRole('cell').first().innerText()).trim();

  const attemptId = await latestAttempt(page);

  // The mentor adds the finding the machine missed on line 3.
  await mentorOpens(page, attemptId);
  const line = page.getByRole('listitem').filter({ hasText: '按规定我只能跟周先生本人说' });
  await line.getByText('补充机器漏掉的问题').click();
  await line.getByLabel('规则', { exact: true }).selectOption('cn-third-party-disclosure');
  await line.getByLabel('严重程度').selectOption('critical');
  await line.getByLabel('说明（学员会看到）').fill('“保护他的信息”等于向家属暗示了欠款');
  await line.getByRole('button', { name: '补充问题' }).click();
  await expect(page.getByRole('table', { name: '机器评分与复核后得分' })).toContainText('未通过');
  await page.getByRole('button', { name: '锁定' }).click();

  // The trainee sees a notice, the mentor's verdict in Progress with the machine's beside it, and at the report's top.
  await page.goto('./#/progress');
  const waiting = page.getByRole('region', { name: '导师复核' });
  await expect(waiting).toContainText('有 1 次通话的导师复核等你查看');
  await expect(waiting).toContainText('李老师');
  const row = page.locator(`tr[data-attempt="${attemptId}"]`);
  await expect(row).toContainText('✗ 未通过');
  await expect(row).toContainText(`系统原判 ${machineTotal} · 通过`);
  await expect(page.locator('tr[data-scenario="zh-third-party-spouse"]')).toContainText('未通过');
  await expectNoAxeViolations(page, 'progress with a waiting review');
  await page.goto('./#/library');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: SPOUSE }) });
  await expect(card).toContainText(`导师复核前：最好 ${machineTotal} · 通过`);
  await expect(card).not.toContainText('✓ 通过');
  await expectNoAxeViolations(page, 'library with a corrected verdict');
  await page.goto('./#/progress');

  await waiting.getByRole('link', { name: /查看复核/ }).click();
  const verdict = verdictOf(page);
  await expect(verdict).toContainText(/导师复核后：\d+ 分 · 未通过/);
  await expect(verdict).toContainText(`系统原判：${machineTotal} 分 · 通过`);
  await expect(verdict).toContainText('cn-third-party-disclosure');
  await expect(page.getByRole('region', { name: '带教复核意见' })).toContainText('“保护他的信息”等于向家属暗示了欠款');
  await expect(page.getByRole('listitem').filter({ hasText: '按规定我只能跟周先生本人说' }).first()).toContainText(
    'cn-third-party-disclosure',
  );
  await expectNoAxeViolations(page, "report after the mentor's review");

  await page.getByRole('region', { name: '带教复核意见' }).getByRole('button', { name: '我已阅读并确认' }).click();
  await page.goto('./#/progress');
  await expect(page.locator(`tr[data-attempt="${attemptId}"]`)).toBeVisible();
  await expect(page.getByRole('region', { name: '导师复核' })).toHaveCount(0);
});

test('a missed element the trainee did say is shown with its line, and a mentor credits it with a reason', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await brief(page, SPOUSE, '王小明', '3021');
  await playAndFile(page, SPOUSE_LINES, 'third_party_message');
  // The evidence: which line, at which step of the script, left out what.
  const line2 = page.getByRole('listitem').filter({ hasText: '打XX银行客服热线转账务管理部' });
  await expect(line2).toContainText(/第 2 句（.+）该说而没说：.*询问回电时间/);
  const attemptId = await latestAttempt(page);

  await mentorOpens(page, attemptId);
  const scores = page.getByRole('table', { name: '机器评分与复核后得分' });
  const scriptBefore = (
    await scores
      .getByRole('row', { name: /话术要点/ })
      .getByRole('cell')
      .nth(1)
      .innerText()
  ).trim();
  const reviewed = page.getByRole('listitem').filter({ hasText: '打XX银行客服热线转账务管理部' });
  await reviewed.getByText('认可已说到：询问回电时间').click();
  await expectNoAxeViolations(page, 'review with the credit form open');
  await reviewed.getByRole('button', { name: '确认认可' }).click();
  await expect(reviewed.getByText('请填写理由：学员和复核记录都会看到它。')).toBeVisible();
  await reviewed.getByLabel('认可“询问回电时间”的理由').fill('“有空回个电话”已经请他回电，时间由他本人定');
  await reviewed.getByRole('button', { name: '确认认可' }).click();
  await expect(reviewed).toContainText('已认可要点');
  await expect(
    scores
      .getByRole('row', { name: /话术要点/ })
      .getByRole('cell')
      .nth(1),
  ).not.toHaveText(scriptBefore);
  await expect(page.getByRole('region', { name: '复核记录（审计轨迹）' })).toContainText(
    '认可学员第 2 句已说到要点 ask_callback_time',
  );
  await page.getByRole('button', { name: '锁定' }).click();

  await page.goto(`./#/progress/${attemptId}`);
  await expect(page.getByRole('region', { name: '带教复核意见' })).toContainText(
    '“有空回个电话”已经请他回电，时间由他本人定',
  );
  const creditedLine = page.getByRole('listitem').filter({ hasText: '打XX银行客服热线转账务管理部' });
  await expect(creditedLine).toBeVisible();
  await expect(creditedLine).not.toContainText('询问回电时间');
});
