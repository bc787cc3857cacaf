/** The real LRS of the browser tests (scripts/lrs.mjs, started by playwright.config.ts): its address and direct access. */
import { expect, type Page } from '@playwright/test';
import type { Statement } from '../../src/lrs/xapi.ts';
import { PIN } from './journey.ts';

export const LRS_PORT = Number(process.env.LRS_PORT ?? 8090);
export const LRS_ENDPOINT = `http://127.0.0.1:${LRS_PORT}/xAPI/`;
/** The bank's staff home page and activity base the tests configure (any Basic credentials work with AUTH_REPO=test). */
export const HOME_PAGE = 'https://staff.huaxin-bank.example';
export const ACTIVITY_BASE = 'https://training.huaxin-bank.example/calldojo/';

const headers = {
  Authorization: `Basic ${btoa('test:test')}`,
  'X-Experience-API-Version': '1.0.3',
  'Content-Type': 'application/json',
};

/** Every statement matching `query`, read straight from the LRS (following `more`). */
export async function lrsStatements(query: Record<string, string>): Promise<Statement[]> {
  const out: Statement[] = [];
  let url = `${LRS_ENDPOINT}statements?${new URLSearchParams({ limit: '100', ...query })}`;
  for (;;) {
    const res = await fetch(url, { headers });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { statements: Statement[]; more?: string };
    out.push(...body.statements);
    if (!body.more) return out;
    url = new URL(body.more, LRS_ENDPOINT).toString();
  }
}

/** Posts statements to the LRS as another PC would. */
export async function lrsPost(statements: Statement[]): Promise<void> {
  const res = await fetch(`${LRS_ENDPOINT}statements`, { method: 'POST', headers, body: JSON.stringify(statements) });
  expect(res.status, await res.clone().text()).toBe(200);
}

/** A fresh staff number, so tests sharing the one LRS never see each other's trainees. */
export function freshStaffNo(): string {
  return String(70000 + Math.floor(Math.random() * 29999));
}

/** Every request the page makes to the LRS, as `METHOD path`. */
export function watchLrs(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`http://127.0.0.1:${LRS_PORT}/`)) seen.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  return seen;
}

/**
 * Fills Settings → 学习记录库 LRS with the test LRS and saves it (any key works with AUTH_REPO=test). A test of its own
 * activity base sees only its own courses in the shared LRS.
 */
export async function configureLrs(page: Page, activityBase = ACTIVITY_BASE) {
  await page.goto('./?lang=zh-CN#/settings');
  await page.getByLabel('LRS 地址（xAPI endpoint）').fill(LRS_ENDPOINT);
  await page.getByLabel('密钥 ID（key）').fill('calldojo-pc-07');
  await page.getByLabel('密钥（secret）').fill('send-only');
  await page.getByLabel('员工账号主页（homePage）').fill(HOME_PAGE);
  await page.getByLabel('活动 IRI 前缀').fill(activityBase);
  await page.getByRole('button', { name: '保存连接' }).click();
  await expect(page.getByText('已保存。待发送的记录会自动发送。')).toBeVisible();
}

/** First visit to mentor review on this browser profile: set the PIN twice. */
export async function setMentorPin(page: Page, mentor: string, staffNo?: string) {
  await page.goto('./?lang=zh-CN#/review');
  await expect(page.getByRole('heading', { name: '设置带教密码' })).toBeVisible();
  await page.getByLabel('你的姓名（记入复核记录）').fill(mentor);
  if (staffNo) await page.getByLabel(/你的工号/).fill(staffNo);
  await page.getByLabel('新密码', { exact: true }).fill(PIN);
  await page.getByLabel('再次输入新密码').fill(PIN);
  await page.getByRole('button', { name: '保存密码并进入' }).click();
  await expect(page.getByText(`带教老师：${mentor}`)).toBeVisible();
}
