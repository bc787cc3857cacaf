/** What the browser journeys share: the zh first-contact scenario, its model opening, a threat, the mentor PIN, typing a line. */
import { expect, type Page } from '@playwright/test';

export const ZH_TITLE = '首次联系：手头紧的张先生';
export const ZH_OPENING =
  '您好，我是华信银行信用卡中心账务管理部的工作人员，我姓王，工号3021。请问您是张伟先生本人吗？';
export const THREAT = '你再不还钱，后果自负！我们知道你家住哪。';
export const PIN = '246810';

/** Sends a typed line and waits until the persona has answered (or the call has ended). */
export async function say(page: Page, text: string) {
  const log = page.getByRole('log');
  const before = await log.getByRole('listitem').count();
  await page.getByLabel('你的回复').fill(text);
  await page.getByRole('button', { name: '发送', exact: true }).click();
  await expect
    .poll(async () => (await log.count()) === 0 || (await log.getByRole('listitem').count()) >= before + 2)
    .toBe(true);
}
