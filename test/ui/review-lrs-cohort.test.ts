/**
 * Review's cohort tab with an LRS configured: nothing is requested until the mentor asks; a refused credential is
 * said in words and a mentor read credential fixes it; remote trainees join the grid marked "LRS", this PC's own calls
 * (which it also sent) are not counted twice, and a remote call's lines open on demand.
 */
import { configure, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { basicAuth } from '../../src/lrs/client.ts';
import { registrationOf } from '../../src/lrs/ids.ts';
import { saveLrsSettings } from '../../src/lrs/settings.ts';
import {
  completionStatements,
  exchangeStatements,
  type CompletedFacts,
  type StatementEnv,
} from '../../src/lrs/statements.ts';
import { staffAgent, type Statement } from '../../src/lrs/xapi.ts';
import { useDb } from '../../src/state/db.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { mentorLock } from '../../src/state/mentor-lock.svelte.ts';
import { createDb, getAttempt, setMentorPin, type CallDojoDb, type Turn } from '../../src/storage/index.ts';
import Review from '../../src/ui/pages/Review.svelte';
import { SETTINGS } from '../lrs/fixtures.ts';
import { TIGHT_MONEY, playCall, trainee } from './progress-seed.ts';

configure({ asyncUtilTimeout: 8000 });

let db: CallDojoDb;
beforeEach(async () => {
  locale.set('zh-CN');
  db = createDb(`t-${Math.random()}`);
  useDb(db);
  await setMentorPin(db, '2468');
  mentorLock.lock();
  await mentorLock.unlock('李老师', '2468');
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const env = (staffNo: string): StatementEnv => ({
  actor: staffAgent(SETTINGS.homePage, staffNo),
  homePage: SETTINGS.homePage,
  activityBase: SETTINGS.activityBase,
});
const facts = (id: string, total: number, passed: boolean): CompletedFacts => ({
  id,
  scenarioId: TIGHT_MONEY.id,
  scenarioTitle: TIGHT_MONEY.title,
  lang: 'zh',
  mode: 'practice',
  course: 'first_contact',
  startedAt: Date.now() - 600_000,
  endedAt: Date.now(),
  scores: { compliance: total, script: total, tone: total, outcome: total, record: total, total },
  passed,
  blockerRule: null,
  outcome: 'ptp',
  findings: { byCategory: {}, byRule: {} },
});
const results = (staffNo: string, a: CompletedFacts) =>
  completionStatements(env(staffNo), a, null, a.endedAt!).slice(1);

/** A stand-in LRS: answers `status` to every request while set, else the statements matching verb/registration. */
function lrs(statements: Statement[]) {
  const requests: { url: URL; authorization: string }[] = [];
  const state = { status: 0 };
  vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
    const url = new URL(input);
    requests.push({ url, authorization: (init?.headers as Record<string, string>).Authorization });
    if (state.status) return new Response(JSON.stringify({ message: 'Unauthorised' }), { status: state.status });
    const verb = url.searchParams.get('verb');
    const registration = url.searchParams.get('registration');
    const found = statements.filter(
      (s) => (!verb || s.verb.id === verb) && (!registration || s.context?.registration === registration),
    );
    return Response.json({ statements: found, more: '' });
  });
  return { requests, state };
}

describe('the cohort from the LRS in Review', { timeout: 30_000 }, () => {
  it('reads only when asked, explains a refused key, and joins the remote trainees into the cohort', async () => {
    const wang = await trainee(db, '王小明');
    const localId = await playCall(db, wang.id, { scenario: TIGHT_MONEY, total: 82, lines: [{ text: '您好' }] });
    vi.useRealTimers();
    expect(await saveLrsSettings(db, SETTINGS)).toEqual([]);
    const remoteId = '5e1f0000-0000-4000-8000-000000000009';
    const remote = facts(remoteId, 48, false);
    const line = (index: number, speaker: Turn['speaker'], text: string): Turn => ({
      attemptId: remoteId,
      index,
      speaker,
      text,
      stage: 'opening',
      at: Date.now(),
      personaState: null,
      node: `n${index}`,
      assessment:
        speaker === 'trainee'
          ? { findings: [], tone: { label: 'polite', score: 80, reasons: [] }, moves: [], elements: [] }
          : null,
    });
    const local = await getAttempt(db, localId);
    const fake = lrs([
      ...results('9001', remote),
      ...exchangeStatements(env('9001'), remote, [
        line(0, 'trainee', '您好，我是华信银行的小李。'),
        line(1, 'persona', '什么事？'),
      ]),
      ...results(wang.staffNo, { ...facts(localId, 82, true), endedAt: local.endedAt }), // this PC's own call, sent earlier
    ]);

    render(Review, { params: [] });
    const panel = await screen.findByRole('region', { name: '学习记录库（LRS）中的学员' });
    await waitFor(() => expect(panel.textContent).toContain(SETTINGS.endpoint));
    const grid = await screen.findByRole('region', { name: '学员 × 场景' });
    expect(within(grid).queryByText('9001')).toBeNull();
    expect(fake.requests).toEqual([]);

    const user = userEvent.setup();
    fake.state.status = 401;
    await user.click(within(panel).getByRole('button', { name: '从学习记录库读取' }));
    expect((await within(panel).findByRole('alert')).textContent).toContain(
      '学习记录库拒绝了这个凭据：请在下面填写带教读取凭据',
    );
    expect(fake.requests[0].authorization).toBe(basicAuth(SETTINGS.key, SETTINGS.secret));

    await user.click(within(panel).getByText('带教读取凭据（可选）'));
    await user.type(within(panel).getByLabelText('读取密钥（Key）'), 'mentor-read');
    await user.type(within(panel).getByLabelText('读取密码（Secret）'), 'r3ad');
    await user.click(within(panel).getByRole('button', { name: '保存读取凭据' }));
    await within(panel).findByText('已保存：读取时使用带教凭据。');
    fake.state.status = 0;
    fake.requests.length = 0;
    await user.click(within(panel).getByRole('button', { name: '从学习记录库读取' }));
    await within(panel).findByText(/学习记录库中有 1 次其他电脑上的通话，来自 1 名本机没有的学员/);
    expect(within(panel).queryByRole('alert')).toBeNull();
    expect(new Set(fake.requests.map((r) => r.authorization))).toEqual(new Set([basicAuth('mentor-read', 'r3ad')]));

    const rows = within(grid)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim()));
    // This PC's own call (also in the LRS) counts once; the remote trainee is shown by staff number, marked LRS.
    expect(rows).toEqual([
      ['9001 LRS', '48 1 次 · 未通过'],
      [`王小明 ${wang.staffNo}`, '82 1 次 · 已通过'],
    ]);

    await user.click(within(panel).getByRole('button', { name: `查看逐句：工号 9001，${TIGHT_MONEY.title}` }));
    const lines = await within(panel).findByRole('region', { name: `逐句记录（工号 9001，${TIGHT_MONEY.title}）` });
    await within(lines).findByText('您好，我是华信银行的小李。');
    expect(lines.textContent).toContain('什么事？');
    expect(fake.requests.at(-1)!.url.searchParams.get('registration')).toBe(registrationOf(remoteId));
  });

  it('says so when no LRS is configured, and never requests anything', async () => {
    const fake = lrs([]);
    render(Review, { params: [] });
    const panel = await screen.findByRole('region', { name: '学习记录库（LRS）中的学员' });
    await within(panel).findByText(/这台电脑还没有配置学习记录库/);
    expect(within(panel).queryByRole('button', { name: '从学习记录库读取' })).toBeNull();
    expect(fake.requests).toEqual([]);
  });
});
