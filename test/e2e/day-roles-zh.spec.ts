import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { expectNoAxeViolations } from './axe.ts';
import { PIN, THREAT, ZH_OPENING, ZH_TITLE, say } from './journey.ts';

// Issue 14, roles and zh throughout: the Studio is for mentors and trainers, exam scripts stay unseen by trainees, and
// a zh session shows rule sources, CSV values and Studio tools in Chinese.

const SCRIPT = '010_zh-first-contact-tight-money.md';
/** An English word; section letters of a citation such as 1692c(b) or (iii) read the same in both languages. */
const ENGLISH_WORD = /[A-Za-z]{3,}/;
const english = (text: string) => ENGLISH_WORD.exec(text.replace(/\([a-z]+\)/g, ''))?.[0];

/** Model answers, their reasons and the hidden facts of a bundled script, read from the file the trainer wrote. */
async function secretsOf(file: string): Promise<string[]> {
  const source = await readFile(join(import.meta.dirname, '../../content/scripts', file), 'utf8');
  const lines = [...source.matchAll(/^(?:model|why| {2}real_reason):\s*(.+)$/gm)].map((m) => m[1].trim());
  expect(lines.length).toBeGreaterThan(6);
  return lines;
}

/** Everything a person can read on the page: its text and the values of its fields. */
async function readable(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((e) => (e as HTMLInputElement).value);
    return [document.body.innerText, ...values].join('\n');
  });
}

/** Unlocks mentor mode on this browser profile (the first visit sets the PIN). */
async function unlock(page: Page, mentor = '李老师') {
  await page.getByLabel('你的姓名（记入复核记录）').fill(mentor);
  await page.getByLabel('新密码', { exact: true }).fill(PIN);
  await page.getByLabel('再次输入新密码').fill(PIN);
  await page.getByRole('button', { name: '保存密码并进入' }).click();
  await expect(page.getByText(`带教老师：${mentor}`)).toBeVisible();
}

/** Downloads one CSV export of the mentor's data panel and reads it as a spreadsheet would. */
async function csv(page: Page, button: string): Promise<Record<string, string>[]> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const text = (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '');
  const sheet = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(sheet.errors).toEqual([]);
  return sheet.data;
}

test('a trainee who opens the Studio gets the mentor PIN gate, and no script reaches the page', async ({ page }) => {
  await page.goto('./?lang=zh-CN#/library');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '脚本工坊' }).click();
  await expect(page.getByRole('heading', { name: '设置带教密码' })).toBeVisible();
  await expect(page.getByText('只对带教老师和培训师开放')).toBeVisible();
  await expect(page.getByLabel('脚本源文件')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '打开' })).toHaveCount(0);
  await expect(page.getByText(SCRIPT)).toHaveCount(0);
  expect(await readable(page)).not.toMatch(/model:|hidden:|example-first-contact/);
  await expectNoAxeViolations(page, 'studio gate');

  // A mentor sets the PIN, sees the scripts, and locks the Studio again before leaving the PC.
  await unlock(page);
  await expect(page.getByRole('cell', { name: `content/scripts/${SCRIPT}` })).toBeVisible();
  await expectNoAxeViolations(page, 'studio unlocked');
  await page.getByRole('button', { name: '锁定' }).click();
  await expect(page.getByRole('heading', { name: '带教复核已锁定' })).toBeVisible();
  await expect(page.getByText(SCRIPT)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: '带教复核已锁定' })).toBeVisible();
  await expect(page.getByLabel('脚本源文件')).toHaveCount(0);
});

test('a trainee preparing for an exam finds no model answer or hidden fact before the call', async ({ page }) => {
  const secrets = await secretsOf(SCRIPT);
  const leaked = async (where: string) => {
    const text = await readable(page);
    expect(
      secrets.filter((s) => text.includes(s)),
      `secrets on ${where}`,
    ).toEqual([]);
  };
  await page.goto('./?lang=zh-CN#/library');
  await leaked('library');
  await page.getByRole('link', { name: ZH_TITLE }).click();
  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('工号').fill('3021');
  await page.getByRole('button', { name: '创建档案' }).click();
  await expect(page.getByRole('heading', { name: '客户资料' })).toBeVisible();
  await page.getByLabel(/考核模式/).check();
  await leaked('briefing');
  await page.getByRole('button', { name: '开始通话' }).click();
  await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(1);
  await leaked('exam call');

  // The Studio would show the exam's script: it stays locked, with no way to pick a file.
  await page.goto('./#/studio');
  await expect(page.getByRole('heading', { name: '设置带教密码' })).toBeVisible();
  await expect(page.getByLabel('从现有脚本开始')).toHaveCount(0);
  await leaked('studio');
});

test('Studio: diagnostics in Chinese, "go to line" scrolls the editor to the line, a download keeps the file name', async ({
  page,
}) => {
  await page.goto('./?lang=zh-CN#/studio');
  await unlock(page);
  await page.getByLabel('从现有脚本开始').selectOption(SCRIPT);
  await page.getByRole('button', { name: '打开' }).click();
  const editor = page.getByLabel('脚本源文件');
  await expect(editor).toHaveValue(/id: zh-first-contact-tight-money/);

  // Break a branch target half-way down the file: below the editor's first screen, and above where typing left it.
  const source = await editor.inputValue();
  const at = source.indexOf('→ ', source.length / 2);
  const broken = `${source.slice(0, at)}→ nowhere-node${source.slice(source.indexOf('\n', at))}`;
  await editor.fill(broken);
  await page.getByRole('button', { name: '检查脚本' }).click();
  await expect(page.getByRole('status').filter({ hasText: '个错误' })).toHaveText('1 个错误');
  // The diagnostic reads in Chinese, from its code and parameters.
  const item = page.getByRole('listitem').filter({ hasText: 'unknown_branch_target' });
  await expect(item).toContainText('错误 unknown_branch_target 没有 id 为 `nowhere-node` 的节点。');
  await expect(item).not.toContainText('No node has the id');
  const line = broken.slice(0, broken.indexOf('nowhere-node')).split('\n').length;
  expect(line).toBeGreaterThan(60);
  await page.getByRole('button', { name: new RegExp(`定位到第 ${line} 行`) }).click();

  await expect(editor).toBeInViewport({ ratio: 1 });
  const view = await editor.evaluate((el: HTMLTextAreaElement) => {
    // Where the selected line starts in the editor's text: the height of the text before it, laid out at the same width.
    const css = getComputedStyle(el);
    const copy = Object.assign(document.createElement('textarea'), { value: el.value.slice(0, el.selectionStart) });
    Object.assign(copy.style, {
      position: 'absolute',
      visibility: 'hidden',
      boxSizing: 'content-box',
      height: '0',
      overflow: 'hidden',
      width: `${el.clientWidth - parseFloat(css.paddingLeft) - parseFloat(css.paddingRight)}px`,
      padding: css.padding,
      font: css.font,
      lineHeight: css.lineHeight,
      letterSpacing: css.letterSpacing,
      whiteSpace: css.whiteSpace,
      wordBreak: css.wordBreak,
    });
    document.body.append(copy);
    const lineTop = copy.scrollHeight - parseFloat(css.paddingBottom);
    copy.remove();
    const lineHeight = parseFloat(css.lineHeight) || parseFloat(css.fontSize) * 1.2;
    return {
      top: el.scrollTop,
      height: el.clientHeight,
      lineTop,
      lineHeight,
      selected: el.value.slice(el.selectionStart, el.selectionEnd),
    };
  });
  expect(view.selected).toBe('nowhere-node');
  // The selected line lies inside the editor's visible part.
  expect(view.lineTop - view.lineHeight).toBeGreaterThanOrEqual(view.top);
  expect(view.lineTop).toBeLessThanOrEqual(view.top + view.height);
  await expectNoAxeViolations(page, 'studio with a diagnostic');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载 .md' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(SCRIPT);
  expect(await readFile((await download.path())!, 'utf8')).toBe(broken);
});

test('a zh session cites rule sources in Chinese, and the CSV exports read in Chinese with codes kept apart', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('./?lang=zh-CN#/library');
  await page.getByRole('link', { name: ZH_TITLE }).click();
  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('工号').fill('3021');
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

  const report = page.getByRole('region', { name: '逐句点评' });
  await expect(report).toContainText('cn-violence-threat');
  const sources = await report.getByRole('link').allInnerTexts();
  expect(sources.length).toBeGreaterThan(2);
  expect(sources.filter((s) => english(s))).toEqual([]);
  expect(sources).toContain('《商业银行信用卡业务监督管理办法》(2011) 第 68 条：不得暴力、胁迫、恐吓');
  await expectNoAxeViolations(page, 'zh report with sources');

  await page.goto('./#/review');
  await unlock(page);
  const calls = await csv(page, '导出通话明细');
  expect(calls).toEqual([
    expect.objectContaining({
      姓名: '王小明',
      语言: '中文',
      模式: '练习',
      状态: '已完成',
      结果: '投诉',
      通过: '否',
      模式代码: 'practice',
      状态代码: 'completed',
      结果代码: 'complaint',
      通过代码: 'FALSE',
    }),
  ]);
  const findings = await csv(page, '导出问题明细');
  const threat = findings.find((r) => r['规则'] === 'cn-violence-threat')!;
  expect(threat).toMatchObject({
    类别: '威胁恐吓',
    严重程度: '严重',
    带教处理: '保留（机器判定）',
    类别代码: 'threat',
    严重程度代码: 'critical',
    带教处理代码: 'machine',
  });
  // Every column meant for people is in Chinese; English codes sit only in the code columns.
  for (const row of [...calls, ...findings]) {
    const words = Object.entries(row)
      .filter(([k]) => !k.endsWith('代码') && !['规则', '一票否决规则', '场景编号', '练习编号'].includes(k))
      .map(([, v]) => v);
    expect(words.filter((v) => english(v))).toEqual([]);
  }
});
