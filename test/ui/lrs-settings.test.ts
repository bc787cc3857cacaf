import { configure as configureTl, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox, stopOutbox } from '../../src/lrs/flusher.ts';
import { readLrsSettings } from '../../src/lrs/settings.ts';
import { appDb, useDb } from '../../src/state/db.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { LrsSettingsState } from '../../src/state/lrs-settings.svelte.ts';
import { mentorLock } from '../../src/state/mentor-lock.svelte.ts';
import { createDb } from '../../src/storage/index.ts';
import { recordExchange } from '../../src/storage/turns.ts';
import LrsSection from '../../src/ui/settings/LrsSection.svelte';
import { configure, fakeLrs, SETTINGS } from '../lrs/fixtures.ts';
import { assessment, snap, started } from '../storage/helpers.ts';

configureTl({ asyncUtilTimeout: 8000 });

beforeEach(() => {
  locale.set('zh-CN');
  sessionStorage.clear();
  mentorLock.lock();
  useDb(createDb(`t-${Math.random()}`));
});
afterEach(() => stopOutbox());

/** A call of two answered lines: three statements queued (with a configured LRS). */
async function queueCall() {
  const { attempt } = await started(appDb());
  for (let i = 0; i < 2; i++) {
    await recordExchange(
      appDb(),
      attempt.id,
      [
        {
          speaker: 'trainee',
          text: `第${i}句`,
          assessment: assessment(),
          stage: 'opening',
          personaState: null,
          node: `n${i}`,
        },
        { speaker: 'persona', text: '嗯', assessment: null, stage: 'opening', personaState: {} },
      ],
      snap(`n${i}`, i),
    );
  }
  return attempt.id;
}

async function fill(user: ReturnType<typeof userEvent.setup>, label: string, value: string) {
  const input = screen.getByLabelText(label);
  await user.clear(input);
  if (value) await user.type(input, value);
}

describe('settings: LRS connection', { timeout: 30_000 }, () => {
  it('shows each problem beside its field and saves nothing until all are fixed', async () => {
    const user = userEvent.setup();
    render(LrsSection, { state: new LrsSettingsState(fakeLrs().fetch) });
    const section = await screen.findByRole('region', { name: '学习记录库 LRS' });
    expect(await within(section).findByText('待发送 0 条 · 冲突 0 条 · 被拒 0 条')).toBeInTheDocument();
    expect(within(section).getByText('尚未配置 LRS：练习记录只保存在本机。')).toBeInTheDocument();

    await fill(user, 'LRS 地址（xAPI endpoint）', 'ftp://lrs.bank.example/xAPI');
    await fill(user, '员工账号主页（homePage）', 'staff');
    await user.click(within(section).getByRole('button', { name: '保存连接' }));
    const endpoint = screen.getByLabelText('LRS 地址（xAPI endpoint）');
    expect(endpoint).toHaveAttribute('aria-invalid', 'true');
    expect(endpoint).toHaveAccessibleDescription('只支持 http:// 或 https:// 地址。');
    expect(screen.getByLabelText('密钥 ID（key）')).toHaveAccessibleDescription('必填。');
    expect(screen.getByLabelText('密钥（secret）')).toHaveAccessibleDescription('必填。');
    expect(screen.getByLabelText('员工账号主页（homePage）')).toHaveAccessibleDescription(/不是有效的网址/);
    expect(screen.getByLabelText('活动 IRI 前缀')).not.toHaveAttribute('aria-invalid');
    expect(await readLrsSettings(appDb())).toBeNull();

    await fill(user, 'LRS 地址（xAPI endpoint）', SETTINGS.endpoint);
    await fill(user, '密钥 ID（key）', SETTINGS.key);
    await fill(user, '密钥（secret）', SETTINGS.secret);
    await fill(user, '员工账号主页（homePage）', SETTINGS.homePage);
    await user.click(within(section).getByRole('button', { name: '保存连接' }));
    expect(await within(section).findByText(/已保存/)).toBeInTheDocument();
    expect(endpoint).not.toHaveAttribute('aria-invalid');
    expect(await readLrsSettings(appDb())).toMatchObject({
      endpoint: SETTINGS.endpoint,
      key: SETTINGS.key,
      homePage: SETTINGS.homePage,
    });
  });

  it('tests the connection without storing anything: ok, wrong credentials, unreachable', async () => {
    const user = userEvent.setup();
    let answer: () => Promise<Response> = async () =>
      new Response(JSON.stringify({ statements: [], more: '' }), { status: 200 });
    const seen: { url: string; method?: string }[] = [];
    const state = new LrsSettingsState(async (url, init) => {
      seen.push({ url, method: init?.method });
      return answer();
    });
    render(LrsSection, { state });
    await fill(user, 'LRS 地址（xAPI endpoint）', SETTINGS.endpoint);
    await fill(user, '密钥 ID（key）', 'k');
    await fill(user, '密钥（secret）', 's');
    const test = screen.getByRole('button', { name: '测试连接' });
    await user.click(test);
    expect(await screen.findByText(/连接正常/)).toBeInTheDocument();
    expect(seen).toEqual([{ url: 'http://lrs.test/xAPI/statements?limit=1', method: undefined }]);
    answer = async () => new Response('{}', { status: 401 });
    await user.click(test);
    expect(await screen.findByText('密钥错误：LRS 拒绝了这组密钥（HTTP 401）。')).toBeInTheDocument();
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    await user.click(test);
    expect(await screen.findByText('无法连接 LRS：Failed to fetch')).toBeInTheDocument();
  });

  it('counts waiting statements, sends them on request, and asks for credentials after a 401', async () => {
    const user = userEvent.setup();
    await configure(appDb());
    await queueCall();
    const lrs = fakeLrs();
    startOutbox(appDb(), { fetch: lrs.fetch, setTimer: () => 0, clearTimer: () => {}, events: null, locks: null });
    render(LrsSection, { state: new LrsSettingsState(lrs.fetch) });
    expect(await screen.findByText('待发送 3 条 · 冲突 0 条 · 被拒 0 条')).toBeInTheDocument();

    lrs.answerNext(401);
    await user.click(screen.getByRole('button', { name: '立即发送' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('需要重新填写密钥');
    expect(screen.getByText('待发送 3 条 · 冲突 0 条 · 被拒 0 条')).toBeInTheDocument();

    // Saving the credentials again sends what waited, and the notice goes.
    await fill(user, '密钥（secret）', 'rotated');
    await user.click(screen.getByRole('button', { name: '保存连接' }));
    expect(await screen.findByText('待发送 0 条 · 冲突 0 条 · 被拒 0 条')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(lrs.stored.size).toBe(3);
  });

  it('lists refused statements with the LRS’s reason only behind the mentor PIN', async () => {
    const user = userEvent.setup();
    await configure(appDb());
    await queueCall();
    const lrs = fakeLrs({ bad: (s) => (s.verb.id.endsWith('/attempted') ? "Invalid 'actor.account.homePage'" : null) });
    startOutbox(appDb(), { fetch: lrs.fetch, setTimer: () => 0, clearTimer: () => {}, events: null, locks: null });
    render(LrsSection, { state: new LrsSettingsState(lrs.fetch) });
    await screen.findByText('待发送 3 条 · 冲突 0 条 · 被拒 0 条');
    await user.click(screen.getByRole('button', { name: '立即发送' }));
    expect(await screen.findByText('待发送 0 条 · 冲突 0 条 · 被拒 1 条')).toBeInTheDocument();

    await user.click(screen.getByText('未能发送的记录（带教老师）'));
    expect(await screen.findByRole('heading', { name: '设置带教密码' })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent("Invalid 'actor.account.homePage'");
    await user.type(screen.getByLabelText('你的姓名（记入复核记录）'), '李老师');
    await user.type(screen.getByLabelText('新密码'), '2468');
    await user.type(screen.getByLabelText('再次输入新密码'), '2468');
    await user.click(screen.getByRole('button', { name: '保存密码并进入' }));
    expect(await screen.findByText(/被拒 · 开始 · .*400: Invalid 'actor.account.homePage'/)).toBeInTheDocument();
  });
});
