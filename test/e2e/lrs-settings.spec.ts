import { expect, test, type Page, type Route } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { PIN, say, THREAT, ZH_OPENING, ZH_TITLE } from './journey.ts';

/** A stand-in LRS at a foreign origin, answered by Playwright: records what the page asked. */
const LRS = 'http://lrs.bank.test/xAPI/';

async function fakeLrs(page: Page, status = 200) {
  const seen: { method: string; url: string; auth: string | null; body: unknown }[] = [];
  await page.route(`${LRS}**`, async (route: Route) => {
    const req = route.request();
    seen.push({
      method: req.method(),
      url: req.url(),
      auth: req.headers()['authorization'] ?? null,
      body: req.postDataJSON?.() ?? null,
    });
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*',
      'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    };
    if (req.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    if (req.method() === 'GET')
      return route.fulfill({
        status,
        headers: { ...cors, 'content-type': 'application/json' },
        body: JSON.stringify({ statements: [], more: '' }),
      });
    const ids = (req.postDataJSON() as { id: string }[]).map((s) => s.id);
    return route.fulfill({
      status,
      headers: { ...cors, 'content-type': 'application/json' },
      body: JSON.stringify(ids),
    });
  });
  return seen;
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`the LRS section of Settings passes axe, with and without field errors (${lang})`, async ({ page }) => {
    await page.goto(`./?lang=${lang}#/settings`);
    const section = page.getByRole('region', {
      name: lang === 'en' ? 'Learning Record Store (LRS)' : '学习记录库 LRS',
    });
    await expect(section).toBeVisible();
    await expectNoAxeViolations(page, `#/settings LRS (${lang})`);
    await section.getByRole('button', { name: lang === 'en' ? 'Save connection' : '保存连接' }).click();
    await expect(section.getByLabel(lang === 'en' ? 'Key' : '密钥 ID（key）')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page, `#/settings LRS with errors (${lang})`);
  });
}

type Sent = {
  id: string;
  verb: { id: string };
  actor: { account: { name: string } };
  object: { objectType?: string; id: string };
  result?: { response?: string; success?: boolean; score?: { scaled?: number; raw?: number } };
};

/** Settings → LRS: fills and saves the connection to the stand-in. */
async function saveConnection(page: Page) {
  await page.goto('./?lang=zh-CN#/settings');
  const section = page.getByRole('region', { name: '学习记录库 LRS' });
  await section.getByLabel('LRS 地址（xAPI endpoint）').fill(LRS);
  await section.getByLabel('密钥 ID（key）').fill('calldojo');
  await section.getByLabel('密钥（secret）').fill('s3cret');
  await section.getByLabel('员工账号主页（homePage）').fill('https://staff.bank.test');
  await section.getByRole('button', { name: '保存连接' }).click();
  await expect(section.getByText(/已保存/)).toBeVisible();
}

test('a failed call and a mentor’s overrule reach the LRS once each: lines, result without scaled score, comment', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const seen = await fakeLrs(page);
  await saveConnection(page);
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
  await page.getByRole('button', { name: '提交记录' }).click();
  await expect(page.getByRole('status').filter({ hasText: '一票否决' })).toContainText('cn-violence-threat');

  await page.goto('./#/review');
  await page.getByLabel('你的姓名（记入复核记录）').fill('李老师');
  await page.getByLabel(/你的工号/).fill('M0007');
  await page.getByLabel('新密码', { exact: true }).fill(PIN);
  await page.getByLabel('再次输入新密码').fill(PIN);
  await page.getByRole('button', { name: '保存密码并进入' }).click();
  await page.getByRole('link', { name: '通话列表' }).click();
  await page.getByRole('link', { name: /^复核：王小明/ }).click();
  await page.getByText('驳回 cn-violence-threat（误判）').click();
  await page.getByLabel('驳回 cn-violence-threat 的理由').fill('学员在复述客户担心的后果，不是威胁');
  await page.getByRole('button', { name: '确认驳回' }).click();
  await expect(page.getByText('已驳回')).toBeVisible();

  const sent = () => seen.filter((s) => s.method === 'POST').flatMap((s) => s.body as Sent[]);
  const verbs = () => sent().map((s) => s.verb.id.split('/').pop());
  await expect.poll(verbs, { timeout: 15_000 }).toContain('commented');
  expect(verbs()).toEqual(['attempted', 'responded', 'responded', 'completed', 'failed', 'commented']);
  expect(new Set(sent().map((s) => s.id)).size).toBe(6);
  const [, , threat, , failed, comment] = sent();
  expect(threat!.result).toMatchObject({ response: THREAT, success: false });
  expect(failed!.result!.score!.scaled).toBeUndefined();
  expect(comment!.actor.account.name).toBe('M0007');
  expect(comment!.object).toEqual({ objectType: 'StatementRef', id: threat!.id });
  expect(comment!.result!.response).toBe('学员在复述客户担心的后果，不是威胁');
});

test('a saved LRS is tested with one read, and a practice call is sent to it', async ({ page }) => {
  const seen = await fakeLrs(page);
  await page.goto('./?lang=zh-CN#/settings');
  const section = page.getByRole('region', { name: '学习记录库 LRS' });
  await section.getByLabel('LRS 地址（xAPI endpoint）').fill(LRS);
  await section.getByLabel('密钥 ID（key）').fill('calldojo');
  await section.getByLabel('密钥（secret）').fill('s3cret');
  await section.getByLabel('员工账号主页（homePage）').fill('https://staff.bank.test');
  expect(seen).toEqual([]);
  await section.getByRole('button', { name: '测试连接' }).click();
  await expect(section.getByText(/连接正常/)).toBeVisible();
  expect(seen.map((s) => [s.method, s.url])).toEqual([['GET', `${LRS}statements?limit=1`]]);
  await section.getByRole('button', { name: '保存连接' }).click();
  await expect(section.getByText(/已保存/)).toBeVisible();
  await expect(section.getByText('待发送 0 条 · 冲突 0 条 · 被拒 0 条')).toBeVisible();
  expect(seen.filter((s) => s.method === 'POST')).toEqual([]);

  // A call: its start and the trainee's line reach the LRS through the outbox, about the staff number, once each.
  await page.goto('./?lang=zh-CN#/library');
  await page.getByRole('link', { name: ZH_TITLE }).click();
  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('工号').fill('3021');
  await page.getByRole('button', { name: '创建档案' }).click();
  await page.getByRole('button', { name: '开始通话' }).click();
  await say(page, ZH_OPENING);
  const posted = async () =>
    seen
      .filter((s) => s.method === 'POST')
      .flatMap(
        (s) =>
          s.body as {
            id: string;
            verb: { id: string };
            actor: { account: { name: string } };
            result?: { response?: string };
          }[],
      );
  await expect
    .poll(async () => (await posted()).map((s) => s.verb.id.split('/').pop()))
    .toEqual(['attempted', 'responded']);
  const [, line] = await posted();
  expect(line!.result!.response).toBe(ZH_OPENING);
  expect(line!.actor.account.name).toBe('3021');
  expect(
    seen
      .filter((s) => s.method === 'POST')
      .every((s) => s.auth === `Basic ${Buffer.from('calldojo:s3cret').toString('base64')}`),
  ).toBe(true);
});
