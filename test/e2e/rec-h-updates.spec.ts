/**
 * Issue 15 part H: deployed fixes arrive (a new service worker is offered and takes over; each call records the
 * versions that judged it), English plurals, and the About page's licence list.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain',
  '.png': 'image/png',
};

/** A deployment of the built app in a folder of its own, served on a loopback port, so the test can replace it. */
function deploy(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = readFileSync(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('a deployed build is offered as a new version and, on reload, its service worker takes over', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'calldojo-deploy-'));
  cpSync('dist', dir, { recursive: true });
  let server: Server | undefined = await deploy(dir);
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await page.goto(`${origin}/?lang=en`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scenario library');
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The second visit is served by the installed worker; nothing new to offer yet.
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await expect(page.getByRole('button', { name: 'Reload' })).toHaveCount(0);

    // Deploy build 2: its page carries a marker, and its worker precaches that page under a new revision.
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    writeFileSync(join(dir, 'index.html'), html.replace('<head>', '<head><meta name="calldojo-build" content="2">'));
    const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
    expect(sw).toMatch(/url:"index\.html",revision:"[0-9a-f]+"/);
    writeFileSync(join(dir, 'sw.js'), sw.replace(/(url:"index\.html",revision:")[0-9a-f]+"/, '$1build-2"'));

    // The next load still shows build 1 (a call in progress is never swapped out) but offers the new version.
    await page.reload();
    const offer = page.getByRole('region', { name: /A new version is available/ });
    await expect(offer).toBeVisible();
    await expect(page.locator('meta[name="calldojo-build"]')).toHaveCount(0);
    await expectNoAxeViolations(page, 'update prompt (en)');

    // Offline from here on: what the reloaded page shows can only come from the new worker's cache.
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    await page.getByRole('button', { name: 'Reload' }).click();
    await expect(page.locator('meta[name="calldojo-build"]')).toHaveAttribute('content', '2');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scenario library');
    await expect(page.getByRole('button', { name: 'Reload' })).toHaveCount(0);
    const registration = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { waiting: Boolean(r?.waiting), controlled: navigator.serviceWorker.controller !== null };
    });
    expect(registration).toEqual({ waiting: false, controlled: true });
  } finally {
    if (server) await new Promise((resolve) => server!.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the English library counts one scenario as "1 scenario"', async ({ page }) => {
  await page.goto('./?lang=en#/library');
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: 'English' });
  await page.getByRole('combobox', { name: 'Course stage' }).selectOption({ label: 'Third party' });
  await expect(page.getByRole('status').filter({ hasText: /scenario/ })).toHaveText('1 scenario');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('status').filter({ hasText: /scenario/ })).toHaveText(/^\d+ scenarios$/);
});

for (const lang of ['zh-CN', 'en'] as const) {
  test(`the About page, linked from every page, lists the bundled libraries' licences (${lang})`, async ({ page }) => {
    const en = lang === 'en';
    await page.goto(`./?lang=${lang}#/library`);
    await page
      .getByRole('contentinfo')
      .getByRole('link', { name: en ? 'About and licenses' : '关于与许可' })
      .click();
    await expect(page).toHaveURL(/#\/about$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en ? 'About CallDojo' : '关于话术道场');
    await expect(page.getByText(en ? /^App version \d+\.\d+\.\d+$/ : /^应用版本 \d+\.\d+\.\d+$/)).toBeVisible();
    const svelte = page.getByRole('listitem').filter({ hasText: /^svelte \d/ });
    await expect(svelte).toContainText(en ? 'License: MIT' : '许可证：MIT');
    await expect(page.getByRole('listitem').filter({ hasText: /^dexie \d/ })).toContainText('Apache-2.0');
    await svelte.locator('summary').click();
    await expect(svelte.locator('pre')).toContainText('Permission is hereby granted');
    await expectNoAxeViolations(page, `#/about (${lang})`);
  });
}

test('a call started in the built app records the app, rule-pack and scenario versions that judge it', async ({
  page,
}) => {
  await page.goto('./?lang=zh-CN#/library');
  await page.getByRole('link', { name: '首次联系：手头紧的张先生' }).click();
  await page.getByLabel('姓名').fill('王小明');
  await page.getByLabel('工号').fill('3021');
  await page.getByRole('button', { name: '创建档案' }).click();
  await page.getByRole('button', { name: '开始通话' }).click();
  await expect(page.getByRole('log').getByRole('listitem')).toHaveCount(1);
  const versions = await page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('calldojo');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('attempts').objectStore('attempts').getAll();
          all.onsuccess = () => resolve(all.result.map((a: { versions?: unknown }) => a.versions));
        };
      }),
  );
  expect(versions).toEqual([
    {
      app: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      rules: {
        cn: expect.stringMatching(/^[0-9a-f]{12}$/),
        gp: expect.stringMatching(/^[0-9a-f]{12}$/),
        tone: expect.stringMatching(/^[0-9a-f]{12}$/),
        us: expect.stringMatching(/^[0-9a-f]{12}$/),
      },
      scenario: expect.stringMatching(/^[0-9a-f]{12}$/),
    },
  ]);
});

test('the web manifest offers PNG icons beside the SVG, and they load at their stated sizes', async ({ page }) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await page.request.get(new URL(href!, page.url()).href)).json();
  const pngs = (manifest.icons as { src: string; sizes: string; type: string }[]).filter((i) => i.type === 'image/png');
  expect(pngs.map((i) => i.sizes).sort()).toEqual(['192x192', '512x512']);
  for (const icon of pngs) {
    const size = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return `${img.naturalWidth}x${img.naturalHeight}`;
    }, new URL(icon.src, page.url()).href);
    expect(size).toBe(icon.sizes);
  }
});
