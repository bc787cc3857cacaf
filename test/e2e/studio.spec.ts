import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';

test('a trainer checks a draft script in the Studio: positioned errors, then a clean run with its playthrough', async ({
  page,
}) => {
  await page.goto('./#/studio');
  // The Studio holds model answers and hidden facts: a mentor unlocks it first (the first visit sets the PIN).
  await page.getByLabel('你的姓名（记入复核记录）').fill('李老师');
  await page.getByLabel('新密码', { exact: true }).fill('246810');
  await page.getByLabel('再次输入新密码').fill('246810');
  await page.getByRole('button', { name: '保存密码并进入' }).click();
  await page.getByRole('button', { name: '打开' }).click();
  const editor = page.getByLabel('脚本源文件');
  await expect(editor).toHaveValue(/id: example-first-contact/);
  const source = await editor.inputValue();
  await editor.fill(source.replace('- if verify_identity → confirmed', '- if verify_identity → confirmd'));
  // The checker runs in the Studio's worker, off the page's thread.
  const worker = page.waitForEvent('worker');
  await page.getByRole('button', { name: '检查脚本' }).click();
  expect((await worker).url()).toMatch(/studio\.worker-[\w-]+\.js$/);
  await expect(page.getByRole('status').filter({ hasText: '个错误' })).toHaveText('1 个错误');
  await expect(page.getByText('unknown_branch_target')).toBeVisible();
  await expectNoAxeViolations(page, 'studio with diagnostics');

  await page.reload(); // the draft survives a reload
  await expect(editor).toHaveValue(/→ confirmd/);
  await editor.fill(source);
  await page.getByRole('button', { name: '检查脚本' }).click();
  await expect(page.getByRole('status').filter({ hasText: '没有错误' })).toBeVisible();
  await expect(page.getByText(/按参考回答一路说下去，结局是：承诺还款/)).toBeVisible();

  // The model call on the live persona, with its state after every line (state debugging for the trainer).
  const rehearsal = page.getByRole('region', { name: '示范通话：逐句说出参考回答' });
  await expect(rehearsal).toContainText('20 次不同随机种子的通话中：承诺还款 20 次。');
  const rows = rehearsal.getByRole('row');
  await expect(rows.nth(1)).toContainText('pickup');
  await expect(rows.nth(2).getByRole('cell').nth(0)).toHaveText('pickup → confirmed');
  await expect(rows.last()).toContainText('→ promise');
  await expect(rehearsal.getByRole('columnheader', { name: '还款意愿' })).toBeVisible();
  await expectNoAxeViolations(page, 'studio with the model call');
});
