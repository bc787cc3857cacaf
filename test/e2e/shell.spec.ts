import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';

const pages = [
  { hash: 'library', zh: '场景库', en: 'Scenario library', navZh: '场景库', navEn: 'Library' },
  { hash: 'practice', zh: '练习', en: 'Practice', navZh: '练习', navEn: 'Practice' },
  { hash: 'progress', zh: '我的进度', en: 'My progress', navZh: '进度', navEn: 'Progress' },
  { hash: 'review', zh: '带教复核', en: 'Mentor review', navZh: '带教复核', navEn: 'Review' },
  { hash: 'studio', zh: '脚本工坊', en: 'Script studio', navZh: '脚本工坊', navEn: 'Studio' },
  { hash: 'settings', zh: '设置', en: 'Settings', navZh: '设置', navEn: 'Settings' },
];

test('opens in zh-CN by default and every page is reachable from the navigation', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('场景库');
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const p of pages) {
    await nav.getByRole('link', { name: p.navZh, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/${p.hash}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(p.zh);
    await expect(nav.getByRole('link', { name: p.navZh, exact: true })).toHaveAttribute('aria-current', 'page');
  }
});

test('deep links and reloads land on the same page; back returns to the previous one', async ({ page }) => {
  await page.goto('./#/studio');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('脚本工坊');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('脚本工坊');
  await page.getByRole('link', { name: '设置', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('脚本工坊');
  await page.goto('./#/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这个页面');
});

test('?lang=en switches to English and the choice is remembered; the picker switches back', async ({ page }) => {
  await page.goto('./?lang=en#/progress');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My progress');
  await page.goto('./#/library');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scenario library');
  await page.getByLabel('Interface language').first().selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('场景库');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('场景库');
  await page.goto('./?lang=zh-CN#/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('设置');
});

for (const lang of ['zh-CN', 'en'] as const) {
  test(`axe finds no violations on any shell page (${lang})`, async ({ page }) => {
    for (const p of pages) {
      await page.goto(`./?lang=${lang}#/${p.hash}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'en' ? p.en : p.zh);
      await expectNoAxeViolations(page, `#/${p.hash} (${lang})`);
    }
  });
}

test('makes no request beyond its own origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:') foreign.push(req.url());
  });
  for (const p of pages) {
    await page.goto(`./#/${p.hash}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  expect(foreign).toEqual([]);
});

test('keeps working offline after the first visit (service worker precache)', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('场景库');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first load is not controlled yet; reload once online so the service worker serves the page.
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('场景库');
  await page.getByRole('link', { name: '带教复核', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('带教复核');
  await context.setOffline(false);
});

test('a browser without IndexedDB (private mode, policy) is told so clearly and can still browse', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await page.goto('./');
  await expect(page.getByRole('alert')).toContainText('无法使用浏览器本地存储');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('场景库');
});
