import { readFile } from 'node:fs/promises';
import { webcrypto } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { PIN, THREAT, ZH_OPENING, ZH_TITLE, say } from './journey.ts';

/** The app's canonical JSON (src/security/canonical.ts): keys sorted at every depth, no whitespace. */
const canonicalJson = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    !v || typeof v !== 'object' || Array.isArray(v)
      ? v
      : Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );

// Issue 15, records a mentor can trust: forged scores, invented trainees and unsigned files do not reach the mentor as
// genuine; the mentor lock is the PIN, not a flag; a removed audit entry shows.

/** A trainee plays the zh first-contact call with a threat (a critical finding: the call fails) and files the record. */
async function playThreatCall(page: Page, name: string, staffNo: string) {
  await page.goto('./?lang=zh-CN#/library');
  await page.getByRole('link', { name: ZH_TITLE }).click();
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('工号').fill(staffNo);
  await page.getByRole('button', { name: '创建档案' }).click();
  await page.getByRole('button', { name: '开始通话' }).click();
  await say(page, ZH_OPENING);
  await say(page, THREAT);
  // The persona may hang up on a threat itself; otherwise the trainee does. Retried, since that can happen mid-click.
  const hangUp = page.getByRole('button', { name: '挂断' });
  await expect(async () => {
    if (await hangUp.isVisible()) await hangUp.click({ timeout: 2000 });
    await expect(page.getByLabel('结果代码')).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await page.getByLabel('结果代码').selectOption('complaint');
  await page.getByLabel('下一步行动').fill('主管回访');
  await page.getByLabel('备注').fill('客户对通话不满并投诉');
  await page.getByRole('button', { name: '提交记录' }).click();
  await expect(page.getByRole('status').filter({ hasText: '一票否决' })).toContainText('cn-violence-threat');
}

async function setPin(page: Page, mentor: string) {
  await page.goto('./?lang=zh-CN#/review');
  await page.getByLabel('你的姓名（记入复核记录）').fill(mentor);
  await page.getByLabel('新密码', { exact: true }).fill(PIN);
  await page.getByLabel('再次输入新密码').fill(PIN);
  await page.getByRole('button', { name: '保存密码并进入' }).click();
  await expect(page.getByText(`带教老师：${mentor}`)).toBeVisible();
}

/** Changes rows of one object store of the app's database, as a trainee with devtools could. */
async function editStore(page: Page, store: string, edit: string) {
  await page.evaluate(
    ([storeName, body]) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('calldojo');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(storeName, 'readwrite');
          const os = tx.objectStore(storeName);
          const all = os.getAll();
          all.onsuccess = () => {
            const change = new Function('row', 'store', body) as (row: unknown, s: IDBObjectStore) => void;
            for (const row of all.result) change(row, os);
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    [store, edit] as const,
  );
}

/** The trainee's own export from Settings (signed by their PC). */
async function exportMine(page: Page): Promise<string> {
  await page.goto('./?lang=zh-CN#/settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出我的数据' }).click(),
  ]);
  return readFile((await download.path())!, 'utf8');
}

async function mentorPc(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await setPin(page, '周老师');
  return { context, page };
}

async function importFile(page: Page, name: string, text: string) {
  await page.getByLabel('导入数据包').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a bundle exported after editing the score to 100/passed is flagged on import with the re-scored verdict', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const pcA = await browser.newContext();
  const a = await pcA.newPage();
  await playThreatCall(a, '王小明', '3021');
  // The trainee turns the failed call into a perfect pass in IndexedDB, then exports it: the file's signature is valid.
  await editStore(
    a,
    'attempts',
    `row.scores = { compliance: 100, script: 100, tone: 100, outcome: 100, record: 100, total: 100 };
    row.passed = true; row.blockerRule = null; store.put(row);`,
  );
  const forged = await exportMine(a);
  expect(JSON.parse(forged).attempts[0]).toMatchObject({ passed: true, scores: { total: 100 } });
  await pcA.close();

  const { context, page: b } = await mentorPc(browser);
  await importFile(b, 'wang.json', forged);
  await b.getByRole('button', { name: '接受这台设备并导入' }).click();
  const flag = b.getByRole('alert').filter({ hasText: '重新评分发现 1 次通话的成绩与文件中记录的不一致' });
  await expect(flag).toBeVisible({ timeout: 30_000 });
  await expect(flag).toContainText(
    /王小明（3021）· 首次联系：手头紧的张先生：文件记录 100 分 · 通过，重新评分 \d+ 分 · 未通过/,
  );
  await expectNoAxeViolations(b, 'forged score flagged');
  await context.close();
});

test('a bundle signed with a fresh key (an invented trainee) and an unsigned v1 file are held until a mentor accepts them', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const pcA = await browser.newContext();
  const a = await pcA.newPage();
  await playThreatCall(a, '王小明', '3021');
  const real = JSON.parse(await exportMine(a));
  await pcA.close();

  // An invented trainee with a made-up exam, signed with a key made for the occasion.
  const { signature: _s, ...rest } = real;
  const payload = structuredClone(rest);
  payload.profiles[0].name = '赵无中';
  payload.profiles[0].staffNo = '9999';
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const { kty, crv, x, y } = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
  const value = await webcrypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    keys.privateKey,
    new TextEncoder().encode(canonicalJson(payload)),
  );
  const invented = JSON.stringify({
    ...payload,
    signature: {
      alg: 'ECDSA-P256-SHA256',
      publicKey: { kty, crv, x, y },
      value: Buffer.from(value).toString('base64'),
    },
  });

  const { context, page: b } = await mentorPc(browser);
  // The cohort grid appears once a trainee is on this PC; nobody is until a file is accepted.
  const listed = (name: string) => b.getByRole('region', { name: '学员 × 场景' }).filter({ hasText: name });
  await importFile(b, 'invented.json', invented);
  const held = b.getByRole('alert').filter({ hasText: '来自未确认设备的数据包，尚未导入' });
  await expect(held).toBeVisible();
  await expect(held).toContainText('赵无中（工号 9999）');
  await expect(held.locator('code')).toHaveText(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
  await expect(b.getByText(/签名有效/)).toHaveCount(0);
  await expect(listed('赵无中')).toHaveCount(0);
  await expectNoAxeViolations(b, 'bundle held');

  // The v1 format carries no signature at all: held the same way.
  const v1 = JSON.stringify({
    format: 'calldojo-export',
    version: 1,
    exportedAt: real.exportedAt,
    profile: real.profiles[0],
    attempts: real.attempts,
    turns: real.turns,
    records: real.records,
  });
  await importFile(b, 'old.json', v1);
  const heldV1 = b.getByRole('alert').filter({ hasText: '这个文件没有签名' });
  await expect(heldV1).toBeVisible();
  await expect(listed('王小明')).toHaveCount(0);

  // Accepted by the mentor, the file imports (and is then re-scored like any other).
  await b.getByRole('button', { name: '确认来源并导入未签名文件' }).click();
  await expect(b.getByText('导入完成：新增 1 名学员、1 次通话、0 条复核；跳过 0 条已有记录。')).toBeVisible();
  await expect(listed('王小明')).toHaveCount(1);
  await expect(listed('赵无中')).toHaveCount(0);

  // Settings holds the invented file the same way, and offers the unlocked mentor the same check.
  await b.goto('./?lang=zh-CN#/settings');
  await b
    .getByLabel('导入数据文件')
    .setInputFiles({ name: 'invented.json', mimeType: 'application/json', buffer: Buffer.from(invented) });
  const heldHere = b.getByRole('alert').filter({ hasText: '来自未确认设备的数据包，尚未导入' });
  await expect(heldHere).toContainText('赵无中（工号 9999）');
  await expect(heldHere.getByRole('button', { name: '接受这台设备并导入' })).toBeVisible();
  await expectNoAxeViolations(b, 'bundle held in Settings');
  await context.close();
});

test('setting the old sessionStorage unlock key and reloading does not unlock Review', async ({ page }) => {
  await setPin(page, '李老师');
  await page.getByRole('button', { name: '锁定' }).click();
  await expect(page.getByRole('heading', { name: '带教复核已锁定' })).toBeVisible();
  await page.evaluate(() => sessionStorage.setItem('calldojo.mentor', '李老师'));
  await page.reload();
  await expect(page.getByRole('heading', { name: '带教复核已锁定' })).toBeVisible();
  await expect(page.getByRole('button', { name: '锁定' })).toHaveCount(0);
  // The PIN still opens it, and a reload of the unlocked tab stays unlocked.
  await page.getByLabel('你的姓名（记入复核记录）').fill('李老师');
  await page.getByLabel('带教密码').fill(PIN);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByText('带教老师：李老师')).toBeVisible();
  await page.reload();
  await expect(page.getByText('带教老师：李老师')).toBeVisible();
});

test('deleting an audit entry in IndexedDB is detected and shown to the mentor', async ({ page }) => {
  test.setTimeout(120_000);
  await playThreatCall(page, '王小明', '3021');
  await setPin(page, '李老师');
  await page.getByRole('link', { name: '通话列表' }).click();
  await page.getByRole('link', { name: /^复核：王小明/ }).click();
  await page.getByText('驳回 cn-violence-threat（误判）').click();
  await page.getByLabel('驳回 cn-violence-threat 的理由').fill('学员在复述客户担心的后果，不是威胁');
  await page.getByRole('button', { name: '确认驳回' }).click();
  await expect(page.getByText('已驳回')).toBeVisible();
  const audit = page.getByRole('region', { name: '复核记录（审计轨迹）' });
  await expect(audit.getByRole('row')).toHaveCount(3);
  await expect(audit.getByRole('alert')).toHaveCount(0);

  await editStore(page, 'overrides', 'store.delete(row.id);');
  await page.reload();
  await expect(audit.getByRole('row')).toHaveCount(2);
  await expect(audit.getByRole('alert')).toContainText('复核记录的完整性校验发现问题');
  await expect(audit.getByRole('alert')).toContainText('最近的修改记录已被删除');
  await expectNoAxeViolations(page, 'audit trail with a removed entry');
});

test('a correction edited in IndexedDB is flagged and stops counting: the score goes back to the machine’s', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await playThreatCall(page, '王小明', '3021');
  await setPin(page, '李老师');
  await page.getByRole('link', { name: '通话列表' }).click();
  await page.getByRole('link', { name: /^复核：王小明/ }).click();
  const totalRow = page.getByRole('table', { name: '机器评分与复核后得分' }).getByRole('row', { name: /总分/ });
  const machineTotal = (await totalRow.getByRole('cell').first().innerText()).trim();
  await page.getByText('驳回 cn-violence-threat（误判）').click();
  await page.getByLabel('驳回 cn-violence-threat 的理由').fill('学员在复述客户担心的后果，不是威胁');
  await page.getByRole('button', { name: '确认驳回' }).click();
  await expect(page.getByText('已驳回')).toBeVisible();
  await expect(totalRow.getByRole('cell').nth(1)).not.toHaveText(machineTotal);

  // The trainee rewrites the correction's reason with the developer tools.
  await editStore(page, 'overrides', "row.reason = '带教老师同意'; store.put(row);");
  await page.reload();
  const audit = page.getByRole('region', { name: '复核记录（审计轨迹）' });
  await expect(audit.getByRole('alert')).toContainText('第 1 条修改在记录后被改动过');
  await expect(audit.getByRole('alert')).toContainText('不计入成绩');
  await expect(totalRow.getByRole('cell').nth(1)).toHaveText(machineTotal);
  await expectNoAxeViolations(page, 'audit trail with an edited entry');
});
