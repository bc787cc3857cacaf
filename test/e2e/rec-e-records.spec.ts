import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { ZH_OPENING, ZH_TITLE } from './journey.ts';

// Issue 15, part E: one transaction per exchange, one tab per call, honest storage errors.
const ZH_PURPOSE =
  '张先生您好，您尾号6688的信用卡已经逾期35天，目前应还12860.50元，最低还款额1286元。今天来电是想了解一下您的情况。';

interface StoredCall {
  status: string;
  turns: { index: number; speaker: string; text: string }[];
}

/** Every call in the browser's database with its lines in order, read straight from IndexedDB. */
async function storedCalls(page: Page): Promise<StoredCall[]> {
  return page.evaluate(
    () =>
      new Promise<StoredCall[]>((resolve, reject) => {
        const open = indexedDB.open('calldojo');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['attempts', 'turns'], 'readonly');
          const attempts = tx.objectStore('attempts').getAll();
          const turns = tx.objectStore('turns').getAll();
          tx.oncomplete = () => {
            db.close();
            resolve(
              attempts.result.map((a) => ({
                status: a.status,
                turns: turns.result
                  .filter((t) => t.attemptId === a.id)
                  .sort((x, y) => x.index - y.index)
                  .map((t) => ({ index: t.index, speaker: t.speaker, text: t.text })),
              })),
            );
          };
        };
      }),
  );
}

/** Trainee lines stored without the persona's reply right after them (every line in these calls gets one). */
function unanswered(call: StoredCall): string[] {
  return call.turns
    .filter((t, i) => t.speaker === 'trainee' && call.turns[i + 1]?.speaker !== 'persona')
    .map((t) => t.text);
}

async function openScenario(page: Page) {
  await page.goto('./?lang=zh-CN#/library');
  await page.getByRole('link', { name: ZH_TITLE }).click();
}

async function startCall(page: Page, staffNo: string) {
  await openScenario(page);
  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('工号').fill(staffNo);
  await page.getByRole('button', { name: '创建档案' }).click();
  await page.getByRole('button', { name: '开始通话' }).click();
  await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(1);
}

/** Sends a line and waits for the persona's answer. */
async function say(page: Page, text: string) {
  const lines = page.getByRole('log').getByRole('listitem');
  const before = await lines.count();
  await page.getByLabel('你的回复').fill(text);
  await page.getByRole('button', { name: '发送', exact: true }).click();
  await expect(lines).toHaveCount(before + 2);
}

/** Resumes the call in progress; a call the persona ended is given up and a new one started. */
async function backToCall(page: Page) {
  await openScenario(page);
  const resume = page.getByRole('button', { name: '继续通话' });
  const file = page.getByRole('button', { name: '填写记录' });
  await expect(resume.or(file)).toBeVisible();
  if (await resume.isVisible()) return void (await resume.click());
  await page.getByRole('button', { name: '放弃并重新开始' }).click();
  await page.getByRole('button', { name: '放弃这通电话' }).click();
  await page.getByRole('button', { name: '开始通话' }).click();
  await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(1);
}

async function inNewPage<T>(context: BrowserContext, run: (page: Page) => Promise<T>): Promise<T> {
  const page = await context.newPage();
  try {
    return await run(page);
  } finally {
    await page.close();
  }
}

test('a tab closed 0–5 ms after sending never keeps a line without its reply', async ({ context }) => {
  await inNewPage(context, (page) => startCall(page, '5101'));
  for (const delay of [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]) {
    const page = await context.newPage();
    await backToCall(page);
    await page.getByLabel('你的回复').fill(`${ZH_OPENING}（${delay}）`);
    await page.getByRole('button', { name: '发送', exact: true }).click();
    await new Promise((r) => setTimeout(r, delay));
    await page.close();
    const calls = await inNewPage(context, async (p) => {
      await p.goto('./?lang=zh-CN#/library');
      return storedCalls(p);
    });
    for (const call of calls) expect(unanswered(call), `closed ${delay} ms after send`).toEqual([]);
  }
  // The call resumes as stored: the screen shows exactly the stored lines, each of the trainee's with its reply.
  await inNewPage(context, async (page) => {
    await backToCall(page);
    const call = (await storedCalls(page)).find((c) => c.status === 'in_progress');
    await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(call!.turns.length);
    await say(page, ZH_PURPOSE);
    const same = (c: StoredCall) =>
      JSON.stringify(c.turns.slice(0, call!.turns.length)) === JSON.stringify(call!.turns);
    const after = (await storedCalls(page)).find((c) => c.status !== 'abandoned' && same(c));
    expect(after!.turns.length).toBe(call!.turns.length + 2);
    expect(unanswered(after!)).toEqual([]);
  });
});

test('a second tab on the same call cannot write to it, is told it is open elsewhere, and can take it over', async ({
  context,
}) => {
  const first = await context.newPage();
  await startCall(first, '5102');
  await say(first, ZH_OPENING);

  const second = await context.newPage();
  await openScenario(second);
  await expect(second.getByRole('heading', { name: '这通电话已在另一个标签页中打开' })).toBeVisible();
  await expect(second.getByLabel('你的回复')).toHaveCount(0);
  await expectNoAxeViolations(second, 'call open in another tab');

  // The first tab keeps the call while the second only watches.
  await say(first, ZH_PURPOSE);
  await second.getByRole('button', { name: '在此标签页接管' }).click();
  await expect(second.getByRole('log').getByRole('listitem')).toHaveCount(5);
  await expect(first.getByRole('heading', { name: '这通电话已在另一个标签页中接管' })).toBeVisible();
  await expect(first.getByLabel('你的回复')).toHaveCount(0);
  await expectNoAxeViolations(first, 'call taken over');

  await say(second, '张先生，请问您最近方便还款吗？');
  const [call] = await storedCalls(second);
  expect(call!.turns.map((t) => t.speaker)).toEqual([
    'persona',
    'trainee',
    'persona',
    'trainee',
    'persona',
    'trainee',
    'persona',
  ]);
  await first.close();
  await second.close();
});

test('a full disk (the errors Chromium throws) says storage is full, changes nothing, and the next send works without a reload', async ({
  page,
}) => {
  // Chromium's disk-full commit: the transaction aborts with QuotaExceededError, or UnknownError when LevelDB does
  // not recognise the full disk. Only the write of the persona's reply fails, as when the disk fills mid-exchange.
  await page.addInitScript(() => {
    const w = window as unknown as { diskFull: string | null };
    w.diskFull = null;
    for (const method of ['add', 'put'] as const) {
      const original = IDBObjectStore.prototype[method];
      IDBObjectStore.prototype[method] = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        const request = original.call(this, value, key);
        if (w.diskFull && this.name === 'turns' && (value as { speaker?: string }).speaker === 'persona') {
          const error =
            w.diskFull === 'quota'
              ? new DOMException('Encountered disk full while committing transaction.', 'QuotaExceededError')
              : new DOMException('Internal error committing transaction.', 'UnknownError');
          Object.defineProperty(this.transaction, 'error', { value: error });
          this.transaction.abort();
        }
        return request;
      };
    }
  });
  await startCall(page, '5103');
  await say(page, ZH_OPENING);
  const before = await storedCalls(page);

  for (const kind of ['quota', 'unknown']) {
    await page.evaluate((k) => ((window as unknown as { diskFull: string | null }).diskFull = k), kind);
    await page.getByLabel('你的回复').fill(ZH_PURPOSE);
    await page.getByRole('button', { name: '发送', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('存储空间已满');
    await expect(alert).toContainText('清理磁盘空间');
    await expect(alert).not.toContainText('损坏');
    await expect(alert).not.toContainText('无痕');
    // Nothing changed: not in the database, not on screen; the line stays in the box to send again.
    expect(await storedCalls(page)).toEqual(before);
    await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(3);
    await expect(page.getByLabel('你的回复')).toHaveValue(ZH_PURPOSE);
  }
  await expectNoAxeViolations(page, 'storage full');

  await page.evaluate(() => ((window as unknown as { diskFull: string | null }).diskFull = null));
  await page.getByRole('button', { name: '发送', exact: true }).click();
  await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(5);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const [call] = await storedCalls(page);
  expect(call!.turns.filter((t) => t.text === ZH_PURPOSE)).toHaveLength(1);
  expect(unanswered(call!)).toEqual([]);
});

test('storage that cannot open on a full disk says so, and opens on "try again" once space is freed, without a reload', async ({
  page,
}) => {
  // Chromium's answer to indexedDB.open() when the disk is full.
  await page.addInitScript(() => {
    const w = window as unknown as { diskFull: boolean };
    w.diskFull = true;
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, name: string, version?: number) {
      if (w.diskFull)
        throw new DOMException('Encountered full disk while opening backing store for indexedDB.open.', 'UnknownError');
      return open.call(this, name, version);
    };
  });
  await page.goto('./?lang=zh-CN#/library');
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('存储空间已满');
  await expect(alert).not.toContainText('无痕');
  await expectNoAxeViolations(page, 'storage full at start-up');

  // Space freed; the marker proves the page is never reloaded.
  await page.evaluate(() => Object.assign(window, { diskFull: false, sameDocument: true }));
  await alert.getByRole('button', { name: '再试一次' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.getByRole('link', { name: ZH_TITLE }).click();
  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('工号').fill('5104');
  await page.getByRole('button', { name: '创建档案' }).click();
  await page.getByRole('button', { name: '开始通话' }).click();
  await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(1);
  await say(page, ZH_OPENING);
  expect((await storedCalls(page))[0]!.turns).toHaveLength(3);
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

test('a browser that refuses to keep the data (persistence refused, private window) says so and suggests export', async ({
  page,
}) => {
  await page.addInitScript(() => {
    navigator.storage.persisted = () => Promise.resolve(false);
    navigator.storage.persist = () => Promise.resolve(false);
  });
  await page.goto('./?lang=zh-CN#/library');
  const notice = page.getByRole('region', { name: '练习记录可能不会保留' });
  await expect(notice).toContainText('导出');
  await expectNoAxeViolations(page, 'persistence refused');
  await page.goto('./?lang=en#/library');
  await expect(page.getByRole('region', { name: 'Your practice may not be kept' })).toContainText('Export');
});

test('a browser that keeps the data shows no such notice', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.storage.persisted = () => Promise.resolve(true);
  });
  await page.goto('./?lang=zh-CN#/library');
  await expect(page.getByRole('link', { name: ZH_TITLE })).toBeVisible();
  await expect(page.getByRole('region', { name: '练习记录可能不会保留' })).toHaveCount(0);
});
