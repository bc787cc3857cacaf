import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { buildPackage, PASSING_CALL, PASSING_RECORD, serve } from './lms-package.ts';
import { THREAT, ZH_OPENING } from './journey.ts';

// A SCORM 1.2 LMS stand-in: a page that puts scorm-again's Scorm12API on window.API and opens the packaged SCO in a
// frame, the way an LMS's player does. The package is built by the real `npm run package:scorm` and served unzipped.
const SCENARIO = 'zh-first-contact-tight-money';
let server: Server;
let origin = '';
let scoHref = '';
let packaged: string[] = [];
let assignment: unknown;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const { files } = buildPackage('scorm', [SCENARIO, '--mode', 'practice', '--out', test.info().outputPath('zip')]);
  packaged = Object.keys(files);
  assignment = JSON.parse(new TextDecoder().decode(files['lms.json']));
  const manifest = new TextDecoder().decode(files['imsmanifest.xml']);
  scoHref = /<resource [^>]*adlcp:scormtype="sco" href="([^"]+)"/.exec(manifest)![1].replace(/&amp;/g, '&');
  const runtime = readFileSync('node_modules/scorm-again/dist/scorm12.min.js');
  ({ server, origin } = await serve(files, 0, (req, res) => {
    if (req.url === '/scorm12.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(runtime);
      return true;
    }
    if (!req.url?.startsWith('/lms.html')) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS stand-in</title>
      <script src="/scorm12.js"></script><script>window.API = new Scorm12API({ autocommit: false, logLevel: 5 });</script></head>
      <body><main aria-label="LMS course player"><h1>Course player</h1><iframe title="CallDojo SCO" src="/pkg/${scoHref}" style="width:100%;height:1500px;border:0"></iframe></main></body></html>`);
    return true;
  }));
});
test.afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** The LMS's record of this learner's attempt, as scorm-again holds it. */
async function cmi(page: Page): Promise<any> {
  return page.evaluate(() => JSON.parse(JSON.stringify((window as any).API.cmi)));
}

async function say(sco: FrameLocator, text: string) {
  const log = sco.getByRole('log');
  const before = await log.getByRole('listitem').count();
  await sco.getByLabel('你的回复').fill(text);
  await sco.getByRole('button', { name: '发送', exact: true }).click();
  await expect
    .poll(async () => (await log.count()) === 0 || (await log.getByRole('listitem').count()) >= before + 2)
    .toBe(true);
}

test('the SCORM package has imsmanifest.xml at its root, the fixed assignment, and no service worker', () => {
  expect(packaged).toContain('imsmanifest.xml');
  expect(packaged.filter((f) => /(^|\/)(sw\.js|workbox-[^/]*\.js|manifest\.webmanifest)$/.test(f))).toEqual([]);
  expect(scoHref).toBe(`index.html?scenario=${SCENARIO}`);
  expect(assignment).toEqual({ system: 'scorm12', scenarios: [SCENARIO], mode: 'practice' });
});

test('a SCORM 1.2 package plays its one scenario and reports status, score and one interaction per line to the LMS', async ({
  page,
}) => {
  await page.goto(`${origin}/lms.html`);
  const sco = page.frameLocator('iframe');
  await sco.getByLabel('姓名').fill('王小明');
  await sco.getByLabel('工号').fill('3021');
  await sco.getByRole('button', { name: '创建档案' }).click();
  await expect(sco.getByRole('heading', { name: '客户资料' })).toBeVisible();
  expect((await cmi(page)).core.lesson_status).toBe('incomplete');

  // Locked to the assignment: no navigation, no way to Settings, the mode fixed to the package's.
  await expect(sco.getByRole('navigation')).toHaveCount(0);
  await expect(sco.getByRole('link', { name: '切换' })).toHaveCount(0);
  await expect(sco.getByRole('radio')).toHaveCount(1);
  await expect(sco.getByRole('radio')).toBeChecked();
  await expectNoAxeViolations(page, 'SCO briefing');

  await sco.getByRole('button', { name: '开始通话' }).click();
  await say(sco, ZH_OPENING);
  await say(sco, THREAT);
  if (await sco.getByRole('button', { name: '挂断' }).isVisible())
    await sco.getByRole('button', { name: '挂断' }).click();
  await sco.getByLabel('结果代码').selectOption('complaint');
  await sco.getByLabel('下一步行动').fill('主管回访');
  await sco.getByLabel('备注').fill('客户对通话不满并投诉');
  await sco.getByRole('button', { name: '提交记录' }).click();
  await expect(sco.getByRole('status').filter({ hasText: '一票否决' })).toContainText('未通过');
  const total = (await sco.locator('tr.total td').first().textContent())!.trim();
  await expect(sco.getByRole('button', { name: '再练一次' })).toHaveCount(0); // one assessed attempt per launch
  await expectNoAxeViolations(page, 'SCO report');

  const data = await cmi(page);
  expect(data.core.lesson_status).toBe('failed');
  expect(data.core.score).toEqual({ raw: total, min: '0', max: '100' });
  const lines = Object.values(data.interactions) as any[];
  expect(lines.map((i) => [i.type, i.student_response, i.result])).toEqual([
    ['fill-in', ZH_OPENING, 'correct'],
    ['fill-in', THREAT, 'wrong'],
  ]);
  for (const i of lines) {
    expect(i.id).toMatch(/^turn-\d+-\S+$/);
    expect(i.time).toMatch(/^\d\d:\d\d:\d\d$/);
    expect(i.latency).toMatch(/^\d+:\d\d:\d\d(\.\d+)?$/);
  }

  await sco.getByRole('button', { name: '结束并返回学习管理系统' }).click();
  await expect(sco.getByRole('heading', { name: '练习已结束' })).toBeVisible();
  expect(await page.evaluate(() => (window as any).API.isTerminated())).toBe(true);
  expect((await cmi(page)).core.session_time).not.toBe('');
  await expectNoAxeViolations(page, 'SCO finished');
});

test('a call that passes is reported passed with its score', async ({ page }) => {
  await page.goto(`${origin}/lms.html`);
  const sco = page.frameLocator('iframe');
  await sco.getByLabel('姓名').fill('李娜');
  await sco.getByLabel('工号').fill('3022');
  await sco.getByRole('button', { name: '创建档案' }).click();
  await sco.getByRole('button', { name: '开始通话' }).click();
  for (const line of PASSING_CALL) await say(sco, line);
  await sco.getByLabel('结果代码').selectOption(PASSING_RECORD.code);
  await sco.getByLabel('承诺金额（元）').fill(PASSING_RECORD.amount);
  await sco.getByLabel('承诺日期').fill(PASSING_RECORD.date());
  await sco.getByLabel('下一步行动').fill('周五后核实还款');
  await sco.getByLabel('备注').fill('客户因厂里停工资金紧张，承诺周五前还最低还款');
  await sco.getByRole('button', { name: '提交记录' }).click();
  await expect(sco.getByRole('heading', { level: 1, name: '通话报告' })).toBeVisible();
  const total = (await sco.locator('tr.total td').first().textContent())!.trim();
  const data = await cmi(page);
  expect(data.core.lesson_status).toBe('passed');
  expect(Number(data.core.score.raw)).toBeGreaterThanOrEqual(60);
  expect(data.core.score.raw).toBe(total);
  expect(Object.keys(data.interactions)).toHaveLength(PASSING_CALL.length);
  expect((Object.values(data.interactions) as any[]).every((i) => i.result === 'correct')).toBe(true);
});

test('an LMS that closes the SCO without Finish still gets LMSFinish with the session time; the lesson stays incomplete', async ({
  page,
}) => {
  await page.goto(`${origin}/lms.html`);
  await expect(page.frameLocator('iframe').getByLabel('姓名')).toBeVisible();
  expect(await page.evaluate(() => (window as any).API.isInitialized())).toBe(true);
  await page.evaluate(() => document.querySelector('iframe')!.remove()); // the LMS player closes the frame
  await expect.poll(() => page.evaluate(() => (window as any).API.isTerminated())).toBe(true);
  const data = await cmi(page);
  expect(data.core.lesson_status).toBe('incomplete');
  expect(data.core.session_time).toMatch(/^\d+:\d\d:\d\d/);
});

test('the packaged SCO opened outside an LMS says how to open it and records nothing', async ({ page }) => {
  await page.goto(`${origin}/pkg/${scoHref}`);
  await expect(page.getByRole('heading', { name: '无法从学习管理系统开始练习' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('SCORM 接口');
  await expectNoAxeViolations(page, 'SCO without an LMS');
});
