import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { expectNoAxeViolations } from './axe.ts';
import { PIN, THREAT, ZH_OPENING, ZH_TITLE, say } from './journey.ts';

/** A new trainee plays the zh first-contact call with a threatening line (a critical finding) and files the record. */
async function playThreatCall(page: Page, name: string, staffNo: string): Promise<string> {
  await page.goto('./?lang=zh-CN#/library');
  await page.getByRole('link', { name: ZH_TITLE }).click();
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('工号').fill(staffNo);
  await page.getByRole('button', { name: '创建档案' }).click();
  await page.getByRole('button', { name: '开始通话' }).click();
  await say(page, ZH_OPENING);
  await say(page, THREAT);
  if (await page.getByRole('button', { name: '挂断' }).isVisible())
    await page.getByRole('button', { name: '挂断' }).click();
  await page.getByLabel('结果代码').selectOption('complaint');
  await page.getByLabel('下一步行动').fill('主管回访');
  await page.getByLabel('备注').fill('客户对通话不满并投诉');
  await page.getByRole('button', { name: '提交记录' }).click();
  await expect(page.getByRole('status').filter({ hasText: '一票否决' })).toContainText('cn-violence-threat');
  await page.goto('./#/progress');
  await page
    .getByRole('link', { name: /查看报告/ })
    .first()
    .click();
  await expect(page).toHaveURL(/#\/progress\/[\w-]+$/);
  return decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);
}

/** First visit to mentor review on this browser profile: set the PIN twice. */
async function setPin(page: Page, mentor: string) {
  await page.goto('./#/review');
  await expect(page.getByRole('heading', { name: '设置带教密码' })).toBeVisible();
  await expectNoAxeViolations(page, 'PIN setup');
  await page.getByLabel('你的姓名（记入复核记录）').fill(mentor);
  await page.getByLabel('新密码', { exact: true }).fill(PIN);
  await page.getByLabel('再次输入新密码').fill(PIN);
  await page.getByRole('button', { name: '保存密码并进入' }).click();
  await expect(page.getByText(`带教老师：${mentor}`)).toBeVisible();
}

test('a mentor overrules a finding with a reason; the trainee sees the new score and disputes; the mentor sees it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const attemptId = await playThreatCall(page, '王小明', '3021');
  await expect(page.getByRole('region', { name: '带教复核意见' })).toHaveCount(0);

  await setPin(page, '李老师');
  await expect(page.getByRole('region', { name: '学员 × 场景' })).toContainText('王小明');
  await expectNoAxeViolations(page, 'cohort view');
  await page.getByRole('link', { name: '通话列表' }).click();
  await expect(page.getByRole('table')).toContainText('王小明');
  await expectNoAxeViolations(page, 'call list');
  await page.getByRole('link', { name: /^复核：王小明/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/review/attempt/${attemptId}$`));
  await expect(page.getByRole('heading', { name: '复核：王小明（3021）' })).toBeVisible();
  await expect(page.getByRole('region', { name: '客户状态变化' }).getByRole('table')).toBeVisible();
  await expectNoAxeViolations(page, 'attempt review');

  const scores = page.getByRole('table', { name: '机器评分与复核后得分' });
  const totalRow = scores.getByRole('row', { name: /总分/ });
  const machineTotal = (await totalRow.getByRole('cell').first().innerText()).trim();
  await page.getByText('驳回 cn-violence-threat（误判）').click();
  await page.getByRole('button', { name: '确认驳回' }).click();
  await expect(page.getByText('请填写理由：学员和复核记录都会看到它。')).toBeVisible();
  await page.getByLabel('驳回 cn-violence-threat 的理由').fill('学员在复述客户担心的后果，不是威胁');
  await page.getByRole('button', { name: '确认驳回' }).click();
  await expect(page.getByText('已驳回')).toBeVisible();
  await expect(totalRow.getByRole('cell').nth(1)).not.toHaveText(machineTotal);
  const effectiveTotal = (await totalRow.getByRole('cell').nth(1).innerText()).replace(/\s*\(.*\)$/, '').trim();

  const audit = page.getByRole('region', { name: '复核记录（审计轨迹）' }).getByRole('row');
  await expect(audit).toHaveCount(3);
  await expect(audit.nth(1)).toContainText(
    `机器原始评判：总分 ${machineTotal} · 未通过 · 一票否决：cn-violence-threat`,
  );
  await expect(audit.nth(2)).toContainText('李老师');
  await expect(audit.nth(2)).toContainText('驳回学员第 2 句的 cn-violence-threat（严重）');
  await expect(audit.nth(2)).toContainText('学员在复述客户担心的后果，不是威胁');
  await expect(audit.nth(2)).toContainText(`${machineTotal} → ${effectiveTotal}`);
  await expectNoAxeViolations(page, 'attempt review after overrule');
  await page.getByRole('button', { name: '锁定' }).click();
  await expect(page.getByRole('heading', { name: '带教复核已锁定' })).toBeVisible();
  await expect(page.getByText('王小明')).toHaveCount(0);

  // The trainee, on the same PC, re-opens the report.
  await page.goto(`./#/progress/${attemptId}`);
  const notice = page.getByRole('region', { name: '带教复核意见' });
  await expect(notice.getByRole('status')).toContainText(`机器评分 ${machineTotal} 分，复核后 ${effectiveTotal} 分`);
  await expect(notice).toContainText('学员在复述客户担心的后果，不是威胁');
  await expectNoAxeViolations(page, 'trainee report with review');
  await notice.getByRole('button', { name: '我有异议' }).click();
  await notice.getByLabel('请说明你的异议').fill('我认为这句确实是威胁，应该扣分');
  await notice.getByRole('button', { name: '提交异议' }).click();
  await expect(notice).toContainText('学员有异议');
  await expect(notice).toContainText('你的异议：我认为这句确实是威胁，应该扣分');

  // The mentor comes back: locked, unlocks, and sees the dispute next to the corrections.
  await page.goto(`./#/review/attempt/${attemptId}`);
  await page.getByLabel('你的姓名（记入复核记录）').fill('李老师');
  await page.getByLabel('带教密码').fill('000000');
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByText('密码不正确。')).toBeVisible();
  await page.getByLabel('带教密码').fill(PIN);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByRole('note')).toContainText('学员的异议：我认为这句确实是威胁，应该扣分');
  await expect(page.getByRole('region', { name: '复核记录（审计轨迹）' }).getByRole('row').last()).toContainText(
    '学员有异议',
  );
  await expectNoAxeViolations(page, 'attempt review with dispute');
});

test('a signed bundle moves a cohort to another browser profile; a tampered one changes nothing; CSV has the BOM', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const pcA = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const a = await pcA.newPage();
  await playThreatCall(a, '王小明', '3021');
  await setPin(a, '李老师');
  await expect(a.getByRole('region', { name: '学员 × 场景' })).toContainText('王小明');

  const [csv] = await Promise.all([
    a.waitForEvent('download'),
    a.getByRole('button', { name: '导出学员×场景表' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^calldojo-cohort-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await csv.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const sheet = Papa.parse<Record<string, string>>(bytes.toString('utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  expect(sheet.errors).toEqual([]);
  expect(sheet.data).toEqual([
    expect.objectContaining({
      工号: '3021',
      姓名: '王小明',
      场景: ZH_TITLE,
      完成次数: '1',
      已通过: '否',
      已通过代码: 'FALSE',
    }),
  ]);

  const [bundleDownload] = await Promise.all([
    a.waitForEvent('download'),
    a.getByRole('button', { name: '导出签名数据包' }).click(),
  ]);
  await expect(a.getByText(/已导出 calldojo-.*（1 次通话）/)).toBeVisible();
  const bundle = await readFile((await bundleDownload.path())!, 'utf8');
  await pcA.close();

  const pcB = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const b = await pcB.newPage();
  await playThreatCall(b, '陈小红', '3055');
  await setPin(b, '周老师');
  const grid = b.getByRole('region', { name: '学员 × 场景' });
  await expect(grid).toContainText('陈小红');
  await expect(grid).not.toContainText('王小明');

  const tampered = bundle.replace('"name": "王小明"', '"name": "王小明明"');
  expect(tampered).not.toBe(bundle);
  await b
    .getByLabel('导入数据包')
    .setInputFiles({ name: 'tampered.json', mimeType: 'application/json', buffer: Buffer.from(tampered) });
  const alert = b.getByRole('alert');
  await expect(alert).toContainText(
    '签名校验失败：这个文件在导出后被修改过（或已损坏），因此被拒绝。本机数据没有任何变化。',
  );
  await expect(grid).not.toContainText('王小明');
  await expectNoAxeViolations(b, 'tampered import refused');

  await b.getByLabel('导入数据包').setInputFiles({
    name: bundleDownload.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(bundle),
  });
  await b.getByRole('button', { name: '接受这台设备并导入' }).click(); // issue 15: a new device is accepted explicitly
  await expect(b.getByText('导入完成：新增 1 名学员、1 次通话、0 条复核；跳过 0 条已有记录。')).toBeVisible();
  await expect(b.getByText(/签名有效/)).toBeVisible();
  await expect(grid).toContainText('王小明');
  await expect(grid).toContainText('陈小红');
  await expect(b.getByRole('region', { name: '上线准备情况' })).toContainText('王小明');
  await expectNoAxeViolations(b, 'cohort after import');

  // Importing the same file again adds nothing.
  await b.getByLabel('导入数据包').setInputFiles({
    name: bundleDownload.suggestedFilename(),
    mimeType: 'application/json',
    buffer: Buffer.from(bundle),
  });
  await expect(b.getByText(/导入完成：新增 0 名学员、0 次通话、0 条复核；跳过 \d+ 条已有记录。/)).toBeVisible();
  await pcB.close();
});
