/**
 * The LRS journeys against a real LRS (Learning Locker's statement service on 127.0.0.1, started by
 * playwright.config.ts): a mentor reads a cohort that practised on another PC.
 */
import { expect, test, type Page } from '@playwright/test';
import { attemptedStatement, completionStatements, exchangeStatements, type CompletedFacts, type StatementEnv } from '../../src/lrs/statements.ts';
import { staffAgent } from '../../src/lrs/xapi.ts';
import type { Assessment } from '../../src/scoring/types.ts';
import type { Turn } from '../../src/storage/types.ts';
import { expectNoAxeViolations } from './axe.ts';
import { THREAT, ZH_OPENING, ZH_TITLE } from './journey.ts';
import { ACTIVITY_BASE, HOME_PAGE, LRS_ENDPOINT, freshStaffNo, lrsPost, setMentorPin, watchLrs } from './lrs.ts';

/** Saves the LRS connection on this browser profile. */
async function configureLrs(page: Page) {
  await page.evaluate(async (value) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('calldojo');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    await new Promise<void>((ok, fail) => {
      const tx = db.transaction('settings', 'readwrite');
      tx.objectStore('settings').put({ key: 'lrs', value });
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  }, { endpoint: LRS_ENDPOINT, key: 'calldojo-pc-07', secret: 'send-only', homePage: HOME_PAGE, activityBase: ACTIVITY_BASE });
}

const REPLY_1 = '我是张伟，什么事？';
const REPLY_2 = '你这是在威胁我吗？我要投诉！';

/** Statements of one call by `staffNo` as another PC sends them (built by the app's own statement builder). */
function anotherPcsCall(staffNo: string) {
  const env: StatementEnv = { actor: staffAgent(HOME_PAGE, staffNo), homePage: HOME_PAGE, activityBase: ACTIVITY_BASE };
  const at = Date.now() - 3_600_000;
  const attempt: CompletedFacts = {
    id: crypto.randomUUID(), scenarioId: 'zh-first-contact-tight-money', scenarioTitle: ZH_TITLE, lang: 'zh', mode: 'practice',
    course: 'first_contact', startedAt: at - 300_000, endedAt: at, outcome: 'complaint', passed: false, blockerRule: 'cn-violence-threat',
    scores: { compliance: 0, script: 60, tone: 20, outcome: 0, record: 80, total: 23 },
    findings: { byCategory: { threat: 1 }, byRule: { 'cn-violence-threat': { category: 'threat', severity: 'critical', count: 1 } } },
  };
  const clean: Assessment = { findings: [], tone: { label: 'polite', score: 80, reasons: [] }, moves: [], elements: [] };
  const threat: Assessment = {
    findings: [{ rule: 'cn-violence-threat', category: 'threat', severity: 'critical', start: 7, end: 11, quote: '后果自负', message: '', better: '', sources: [] }],
    tone: { label: 'rude', score: 5, reasons: [] }, moves: [], elements: [],
  };
  const line = (index: number, speaker: Turn['speaker'], text: string, assessment: Assessment | null = null): Turn =>
    ({ attemptId: attempt.id, index, speaker, text, assessment, personaState: null, stage: 'opening', at: at - 200_000 + index * 10_000, node: `n${index}` });
  const lines = [line(0, 'trainee', ZH_OPENING, clean), line(1, 'persona', REPLY_1), line(2, 'trainee', THREAT, threat), line(3, 'persona', REPLY_2)];
  return [attemptedStatement(env, attempt), ...exchangeStatements(env, attempt, lines), ...completionStatements(env, attempt, null, at)];
}

test('a mentor reads a trainee from another PC out of the LRS and opens their call line by line', async ({ page, context }) => {
  const staffNo = freshStaffNo();
  await lrsPost(anotherPcsCall(staffNo));
  const requests = watchLrs(page);

  await setMentorPin(page, '李老师');
  await configureLrs(page);
  await page.reload();
  const panel = page.getByRole('region', { name: '学习记录库（LRS）中的学员' });
  await expect(panel).toContainText(LRS_ENDPOINT);
  await expect(page.getByRole('region', { name: '学员 × 场景' })).toHaveCount(0); // nothing on this PC, nothing read yet
  expect(requests, 'no request to the LRS before the mentor asks').toEqual([]);

  await panel.getByLabel('课程').selectOption({ label: '首次联系' });
  await panel.getByRole('button', { name: '从学习记录库读取' }).click();
  await expect(panel.getByRole('status').first()).toContainText('学习记录库中有 1 次其他电脑上的通话，来自 1 名本机没有的学员');
  const grid = page.getByRole('region', { name: '学员 × 场景' });
  await expect(grid.getByRole('rowheader', { name: `${staffNo} LRS` })).toBeVisible();
  await expect(grid.getByRole('row', { name: new RegExp(staffNo) })).toContainText('23 1 次 · 未通过');
  await expect(page.getByRole('region', { name: '违规热力图' })).toContainText('cn-violence-threat');
  const calls = panel.getByRole('table', { name: '学习记录库中的通话' });
  await expect(calls.getByRole('row', { name: new RegExp(staffNo) })).toContainText(/未通过\s*·\s*一票否决：cn-violence-threat/);
  expect(requests.every((r) => r === 'GET /xAPI/statements')).toBe(true);

  await calls.getByRole('button', { name: `查看逐句：工号 ${staffNo}，${ZH_TITLE}` }).click();
  const lines = panel.getByRole('region', { name: `逐句记录（工号 ${staffNo}，${ZH_TITLE}）` });
  await expect(lines.getByRole('listitem').filter({ hasText: ZH_OPENING })).toContainText(REPLY_1);
  await expect(lines.getByRole('listitem').filter({ hasText: THREAT })).toContainText('严重 cn-violence-threat');
  await expect(lines).toContainText(REPLY_2);
  await expectNoAxeViolations(page, 'cohort with the LRS read');

  // The LRS cannot be reached: the mentor is told so, and the cohort read before stays.
  await context.setOffline(true);
  await panel.getByRole('button', { name: '从学习记录库读取' }).click();
  await expect(panel.getByRole('alert')).toContainText('连接不上学习记录库：请检查网络，或稍后再试。');
  await expect(grid.getByRole('rowheader', { name: `${staffNo} LRS` })).toBeVisible();
  await context.setOffline(false);
});
