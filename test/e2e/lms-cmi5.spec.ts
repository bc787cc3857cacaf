import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { buildPackage, PASSING_CALL, PASSING_RECORD, serve } from './lms-package.ts';
import { THREAT, ZH_OPENING } from './journey.ts';

// A stand-in for an LMS's cmi5 launch endpoints on 127.0.0.1:8093: the one-time fetch URL answering an auth token,
// the State API answering LMS.LaunchData, the agent profile with learner preferences, and a statements resource that
// records what the AU sends. It also serves the package built by the real `npm run package:cmi5`, unzipped.
const PORT = 8093;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const TOKEN = Buffer.from('au-session:secret').toString('base64');
const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.bank.example', name: '3021' }, name: '3021' };
const SCENARIO = 'zh-first-contact-tight-money';

interface Launch {
  launchMode: 'Normal' | 'Browse' | 'Review';
  languagePreference: string;
  registration: string;
  /** The AU url the learner's browser opens, when they edited it (default: the one in cmi5.xml). */
  url?: string;
}
let launch: Launch;
let statements: any[] = [];
let problems: string[] = [];
let fetchCalls = 0;
/** Verbs the statements resource answers 503 to (the LMS is down for them) until the test takes them out. */
let refuse = new Set<string>();
let server: Server;
let auUrl = '';
let auId = '';
/** The AU's launchParameters from cmi5.xml, which the LMS returns in LMS.LaunchData. */
let auParameters = '';
let packaged: string[] = [];
let assignment: unknown;

/** Answers JSON; true, so a route can `return json(…)`. */
function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return true;
}

function lms(req: IncomingMessage, res: ServerResponse, body: string): boolean {
  const url = new URL(req.url ?? '/', ORIGIN);
  if (url.pathname === '/fetch' && req.method === 'POST') {
    // cmi5 8.2.3: the fetch URL answers once per launch.
    if (fetchCalls++) return json(res, 200, { 'error-code': '1', 'error-text': 'already used' });
    return json(res, 200, { 'auth-token': TOKEN });
  }
  if (url.pathname === '/fetch-down') return json(res, 503, { message: 'maintenance' });
  if (url.pathname === '/return') {
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        '<!doctype html><html lang="en"><head><title>LMS</title></head><body><main><h1>Back in the LMS course</h1></main></body></html>',
      );
    return true;
  }
  if (!url.pathname.startsWith('/xapi/')) return false;
  if (req.headers.authorization !== `Basic ${TOKEN}`)
    problems.push(`${req.method} ${url.pathname} without the launch token`);
  const resource = url.pathname.slice('/xapi/'.length);
  if (resource === 'activities/state' && url.searchParams.get('stateId') === 'LMS.LaunchData') {
    if (url.searchParams.get('registration') !== launch.registration)
      problems.push('LaunchData read for another registration');
    return json(res, 200, {
      contextTemplate: {
        contextActivities: {
          grouping: [{ objectType: 'Activity', id: 'https://lms.bank.example/courses/collections-101' }],
        },
        extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'session-1' },
      },
      launchMode: launch.launchMode,
      moveOn: 'CompletedAndPassed',
      masteryScore: 0.6,
      returnURL: `${ORIGIN}/return`,
      launchParameters: auParameters,
    });
  }
  if (resource === 'agents/profile' && url.searchParams.get('profileId') === 'cmi5LearnerPreferences')
    return json(res, 200, { languagePreference: launch.languagePreference, audioPreference: 'off' });
  if (resource === 'statements' && (req.method === 'POST' || req.method === 'PUT')) {
    const sent = JSON.parse(body);
    if ((Array.isArray(sent) ? sent : [sent]).some((st: any) => refuse.has(st.verb.id.split('/').pop())))
      return json(res, 503, { message: 'try later' });
    statements.push(...(Array.isArray(sent) ? sent : [sent]));
    return json(
      res,
      200,
      (Array.isArray(sent) ? sent : [sent]).map((s: any) => s.id),
    );
  }
  problems.push(`unexpected ${req.method} ${url.pathname}${url.search}`);
  return json(res, 404, {});
}

test.describe.configure({ mode: 'serial' }); // one stand-in on one port

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const { files } = buildPackage('cmi5', [
    SCENARIO,
    'en-first-contact',
    '--mode',
    'practice',
    '--base',
    'https://bank.example/xapi/',
    '--out',
    test.info().outputPath('zip'),
  ]);
  packaged = Object.keys(files);
  assignment = JSON.parse(new TextDecoder().decode(files['lms.json']));
  const xml = new TextDecoder().decode(files['cmi5.xml']);
  const au = /<au id="([^"]+)"[^>]*>[\s\S]*?<url>([^<]+)<\/url>/.exec(xml)!;
  [auId, auUrl] = [au[1], au[2].replace(/&amp;/g, '&')];
  auParameters = /<launchParameters>([^<]+)<\/launchParameters>/
    .exec(xml)![1]
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  ({ server } = await serve(files, PORT, lms));
});
test.afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Opens the AU the way the LMS does: its url from cmi5.xml plus the five launch parameters. */
async function open(page: Page, l: Launch) {
  launch = l;
  statements = [];
  problems = [];
  fetchCalls = 0;
  refuse = new Set();
  const q = new URLSearchParams({
    endpoint: `${ORIGIN}/xapi/`,
    fetch: `${ORIGIN}/fetch`,
    actor: JSON.stringify(ACTOR),
    registration: l.registration,
    activityId: auId,
  });
  await page.goto(`${ORIGIN}/pkg/${l.url ?? auUrl}&${q}`);
}

const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const isCmi5Defined = (s: any) =>
  (s.context?.contextActivities?.category ?? []).some((c: any) => c.id === CMI5_CATEGORY);
/** The cmi5-defined statements' verbs, in the order the LMS received them. */
const verbs = () => statements.filter(isCmi5Defined).map((s) => s.verb.id.split('/').pop());
/** Every statement's verb in arrival order, the outbox's per-turn and attempt statements included. */
const allVerbs = () => statements.map((s) => s.verb.id.split('/').pop());

const LABELS = {
  en: {
    name: 'Name',
    staff: 'Staff number',
    create: 'Create profile',
    start: 'Start call',
    reply: 'Your reply',
    send: 'Send',
    hangUp: 'Hang up',
    code: 'Result code',
    next: 'Next action',
    notes: 'Notes',
    submit: 'Submit record',
    report: 'Call report',
  },
  zh: {
    name: '姓名',
    staff: '工号',
    create: '创建档案',
    start: '开始通话',
    reply: '你的回复',
    send: '发送',
    hangUp: '挂断',
    code: '结果代码',
    next: '下一步行动',
    notes: '备注',
    submit: '提交记录',
    report: '通话报告',
  },
};

/** A short call that ends on a compliance blocker: the opening, then a threat; the record is filed. */
async function playThreatCall(page: Page, lang: keyof typeof LABELS) {
  const l = LABELS[lang];
  await page.getByLabel(l.name).fill('Wang Xiaoming');
  await page.getByLabel(l.staff).fill('3021');
  await page.getByRole('button', { name: l.create }).click();
  await page.getByRole('button', { name: l.start }).click();
  for (const line of [ZH_OPENING, THREAT]) {
    const log = page.getByRole('log');
    const before = await log.getByRole('listitem').count();
    await page.getByLabel(l.reply).fill(line);
    await page.getByRole('button', { name: l.send, exact: true }).click();
    await expect
      .poll(async () => (await log.count()) === 0 || (await log.getByRole('listitem').count()) >= before + 2)
      .toBe(true);
  }
  if (await page.getByRole('button', { name: l.hangUp }).isVisible())
    await page.getByRole('button', { name: l.hangUp }).click();
  await page.getByLabel(l.code).selectOption('complaint');
  await page.getByLabel(l.next).fill('Supervisor call-back');
  await page.getByLabel(l.notes).fill('Customer complained about the call');
  await page.getByRole('button', { name: l.submit }).click();
  await expect(page.getByRole('heading', { level: 1, name: l.report })).toBeVisible();
}

test('the cmi5 package has cmi5.xml at its root, the fixed assignment, and no service worker', () => {
  expect(packaged).toContain('cmi5.xml');
  expect(packaged).toContain('index.html');
  expect(packaged.filter((f) => /(^|\/)(sw\.js|workbox-[^/]*\.js|manifest\.webmanifest)$/.test(f))).toEqual([]);
  expect(assignment).toEqual({
    system: 'cmi5',
    scenarios: [SCENARIO, 'en-first-contact'],
    mode: 'practice',
    activityBase: 'https://bank.example/xapi/',
  });
  expect(auId).toBe(`https://bank.example/xapi/scenarios/${SCENARIO}`);
  expect(JSON.parse(auParameters)).toEqual({ scenario: SCENARIO });
});

test('a Normal cmi5 launch plays the assigned scenario only, in the learner’s language, and reports in the allowed order', async ({
  page,
}) => {
  // The learner edited the address to another scenario of the package: the LMS's launchParameters still decide.
  await open(page, {
    launchMode: 'Normal',
    languagePreference: 'fr-FR,en-US',
    registration: '6b4e0a4c-6f3a-4c57-9d1b-3f1e0d2a7b11',
    url: 'index.html?scenario=en-first-contact',
  });
  await expect(page.getByRole('button', { name: 'Finish and return to the LMS' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(verbs()).toEqual(['initialized']);

  // Locked: no navigation, and a hash that names another page or scenario still shows the assignment.
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await page.evaluate(() => (location.hash = '#/practice/en-first-contact'));
  await expect(page.getByLabel('Name')).toBeVisible();
  await page.evaluate(() => (location.hash = '#/library'));
  await expect(page.getByRole('heading', { level: 1, name: '首次联系：手头紧的张先生' })).toBeVisible();
  await expectNoAxeViolations(page, 'cmi5 AU, profile');

  await playThreatCall(page, 'en');
  await expect(page.getByRole('status').filter({ hasText: 'Failed' }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Practice again' })).toHaveCount(0);
  await expect.poll(verbs).toEqual(['initialized', 'completed', 'failed']);
  await expectNoAxeViolations(page, 'cmi5 AU, report');

  await page.getByRole('button', { name: 'Finish and return to the LMS' }).click();
  await expect(page).toHaveURL(`${ORIGIN}/return`);
  expect(verbs()).toEqual(['initialized', 'completed', 'failed', 'terminated']);
  // The AU's cmi5-defined `failed` (the outbox's per-turn statements may arrive in between).
  const failed = statements.filter(isCmi5Defined).find((st) => st.verb.id.endsWith('/failed'));
  expect(failed.result.success).toBe(false);
  expect(failed.result.score).toBeUndefined(); // failed on a compliance blocker: no score that would read as a mark
  // Every statement of the session, the outbox's per-turn ones too, is about this learner, this registration and session.
  for (const s of statements) {
    expect(s.actor.account).toEqual(ACTOR.account);
    expect(s.context.registration).toBe(launch.registration);
    expect(s.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe('session-1');
  }
  for (const s of statements.filter(isCmi5Defined)) expect(s.object.id).toBe(auId);
  // One statement per trainee line went through the outbox, all of them before terminated (flushed first); the
  // outbox's own completed/failed are left out: only the AU's cmi5-defined ones carry the verdict.
  const all = allVerbs();
  expect(all.filter((v) => v === 'responded')).toHaveLength(2);
  expect(all.lastIndexOf('responded')).toBeLessThan(all.indexOf('terminated'));
  expect(statements.filter((s) => !isCmi5Defined(s) && /\/(completed|passed|failed)$/.test(s.verb.id))).toEqual([]);
  expect(fetchCalls).toBe(1);
  expect(problems).toEqual([]);
});

test('a Browse launch lets the learner practise in Chinese but sends no completed, passed or failed', async ({
  page,
}) => {
  await open(page, {
    launchMode: 'Browse',
    languagePreference: 'zh-CN',
    registration: 'c0a8f3d2-1b7e-4d8a-a6f0-5b2e9c4d1e22',
  });
  await expect(page.getByRole('note')).toContainText('浏览或复习');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectNoAxeViolations(page, 'cmi5 AU in Browse mode');
  await playThreatCall(page, 'zh');
  await expect(page.getByRole('status').filter({ hasText: '未通过' }).first()).toBeVisible();
  await page.getByRole('button', { name: '结束并返回学习管理系统' }).click();
  await expect(page).toHaveURL(`${ORIGIN}/return`);
  expect(verbs()).toEqual(['initialized', 'terminated']);
  expect(problems).toEqual([]);
});

test('a result the LMS does not take is said and sent again on Finish; terminated only after it', async ({ page }) => {
  await open(page, {
    launchMode: 'Normal',
    languagePreference: 'zh-CN',
    registration: '9d2f6a1e-44b0-4c1e-8f3b-7a6c5d4e3f21',
  });
  refuse = new Set(['failed']);
  await playThreatCall(page, 'zh');
  await expect.poll(verbs).toEqual(['initialized', 'completed']);
  await page.getByRole('button', { name: '结束并返回学习管理系统' }).click();
  await expect(page.getByRole('alert')).toContainText('学习管理系统暂时没有收到结果');
  await expectNoAxeViolations(page, 'cmi5 AU, result not delivered');
  expect(verbs()).toEqual(['initialized', 'completed']); // no terminated while the result is missing
  expect(page.url()).toContain('/pkg/index.html');

  refuse = new Set();
  await page.getByRole('button', { name: '结束并返回学习管理系统' }).click();
  await expect(page).toHaveURL(`${ORIGIN}/return`);
  expect(verbs()).toEqual(['initialized', 'completed', 'failed', 'terminated']);
  expect(problems).toEqual([]);
});

test('a Review launch closed without Finish still sends terminated as the page goes, and nothing else', async ({
  page,
}) => {
  await open(page, {
    launchMode: 'Review',
    languagePreference: 'en-GB',
    registration: '1f3e5d7c-9b2a-4c6e-8d0f-a1b2c3d4e5f6',
  });
  await expect(page.getByRole('note')).toContainText('browse or review');
  await expect.poll(verbs).toEqual(['initialized']);
  await page.goto('about:blank');
  await expect.poll(verbs).toEqual(['initialized', 'terminated']);
  const terminated = statements.filter(isCmi5Defined)[1];
  expect(terminated.object.id).toBe(auId);
  expect(terminated.context.registration).toBe(launch.registration);
  expect(terminated.context.contextActivities.category.map((c: any) => c.id)).toContain(
    'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  );
  expect(terminated.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid']).toBe('session-1');
  expect(problems).toEqual([]);
});

test('a call that passes sends completed then passed with the scaled score, at least the mastery score', async ({
  page,
}) => {
  await open(page, {
    launchMode: 'Normal',
    languagePreference: 'zh-CN',
    registration: '2a4c6e8f-0b1d-4f3a-9c5e-7d9f1b3d5e7a',
  });
  const l = LABELS.zh;
  await page.getByLabel(l.name).fill('Li Na');
  await page.getByLabel(l.staff).fill('3022');
  await page.getByRole('button', { name: l.create }).click();
  await page.getByRole('button', { name: l.start }).click();
  for (const line of PASSING_CALL) {
    const log = page.getByRole('log');
    const before = await log.getByRole('listitem').count();
    await page.getByLabel(l.reply).fill(line);
    await page.getByRole('button', { name: l.send, exact: true }).click();
    await expect
      .poll(async () => (await log.count()) === 0 || (await log.getByRole('listitem').count()) >= before + 2)
      .toBe(true);
  }
  await page.getByLabel(l.code).selectOption(PASSING_RECORD.code);
  await page.getByLabel('承诺金额（元）').fill(PASSING_RECORD.amount);
  await page.getByLabel('承诺日期').fill(PASSING_RECORD.date());
  await page.getByLabel(l.next).fill('周五后核实还款');
  await page.getByLabel(l.notes).fill('客户承诺周五前还最低还款');
  await page.getByRole('button', { name: l.submit }).click();
  await expect(page.getByRole('heading', { level: 1, name: l.report })).toBeVisible();
  const total = Number((await page.locator('tr.total td').first().textContent())!.trim());
  await expect.poll(verbs).toEqual(['initialized', 'completed', 'passed']);
  const passed = statements.filter(isCmi5Defined)[2];
  expect(passed.result).toMatchObject({ success: true, score: { scaled: total / 100, raw: total, min: 0, max: 100 } });
  expect(passed.result.score.scaled).toBeGreaterThanOrEqual(0.6);
  expect(passed.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/masteryscore']).toBe(0.6);
  await page.getByRole('button', { name: '结束并返回学习管理系统' }).click();
  await expect(page).toHaveURL(`${ORIGIN}/return`);
  expect(verbs()).toEqual(['initialized', 'completed', 'passed', 'terminated']);
  expect(problems).toEqual([]);
});

test('a launch whose fetch URL fails says the LMS cannot be reached and shows no practice at all', async ({ page }) => {
  const q = new URLSearchParams({
    endpoint: `${ORIGIN}/xapi/`,
    fetch: `${ORIGIN}/fetch-down`,
    actor: JSON.stringify(ACTOR),
    registration: 'r-down',
    activityId: auId,
  });
  statements = [];
  await page.goto(`${ORIGIN}/pkg/${auUrl}&${q}`);
  await expect(page.getByRole('heading', { level: 1, name: '无法从学习管理系统开始练习' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('无法连接学习管理系统');
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('button', { name: '开始通话' })).toHaveCount(0);
  expect(statements).toEqual([]);
  await expectNoAxeViolations(page, 'cmi5 launch, LMS down');
});
