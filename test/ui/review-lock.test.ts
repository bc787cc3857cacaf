import { configure, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDb } from '../../src/state/db.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { mentorLock } from '../../src/state/mentor-lock.svelte.ts';
import { checkMentorPin, createDb, getMentorPin, type CallDojoDb } from '../../src/storage/index.ts';
import Review from '../../src/ui/pages/Review.svelte';
import { TIGHT_MONEY, playCall, trainee } from './progress-seed.ts';

configure({ asyncUtilTimeout: 8000 });

let db: CallDojoDb;
beforeEach(async () => {
  locale.set('zh-CN');
  sessionStorage.clear();
  mentorLock.lock(); // a fresh tab: whatever an earlier test unlocked is forgotten
  db = createDb(`t-${Math.random()}`);
  useDb(db);
  const p = await trainee(db, '陈小红');
  await playCall(db, p.id, { scenario: TIGHT_MONEY, total: 72 });
});
afterEach(() => vi.useRealTimers());

async function setPin(user: ReturnType<typeof userEvent.setup>, pin: string, confirm = pin, name = '李老师') {
  await user.clear(screen.getByLabelText('你的姓名（记入复核记录）'));
  await user.type(screen.getByLabelText('你的姓名（记入复核记录）'), name);
  await user.type(screen.getByLabelText('新密码'), pin);
  await user.type(screen.getByLabelText('再次输入新密码'), confirm);
  await user.click(screen.getByRole('button', { name: '保存密码并进入' }));
}

describe('mentor PIN lock', { timeout: 30_000 }, () => {
  it('asks for a new PIN twice on first use, refuses bad ones, then unlocks and shows the cohort', async () => {
    const user = userEvent.setup();
    render(Review, { params: [] });
    expect(await screen.findByRole('heading', { name: '设置带教密码' })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('陈小红');

    await setPin(user, '12a4');
    expect(screen.getByRole('alert')).toHaveTextContent('密码必须是 4 到 12 位数字。');
    await setPin(user, '2468', '2469');
    expect(screen.getByRole('alert')).toHaveTextContent('两次输入的密码不一致');
    expect(await getMentorPin(db)).toBeNull();

    await setPin(user, '2468');
    expect(await screen.findByText('带教老师：李老师')).toBeInTheDocument();
    expect(await screen.findByRole('rowheader', { name: /陈小红/ })).toBeInTheDocument();
    expect(await checkMentorPin(db, '2468')).toBe(true);
    expect(JSON.stringify(await db.settings.toArray())).not.toContain('2468');
  });

  it('locks again on request; a wrong PIN is refused and the right one unlocks this tab only', async () => {
    const user = userEvent.setup();
    const first = render(Review, { params: [] });
    await screen.findByRole('heading', { name: '设置带教密码' });
    await setPin(user, '135790');
    await screen.findByRole('rowheader', { name: /陈小红/ });

    // A reload in the same tab stays unlocked (its session holds the mentor key, sealed), without asking again.
    expect(sessionStorage.getItem('calldojo.mentorSession')).not.toBeNull();
    first.unmount();
    const second = render(Review, { params: [] });
    expect(await screen.findByRole('button', { name: '锁定' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '锁定' }));
    expect(await screen.findByRole('heading', { name: '带教复核已锁定' })).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('陈小红');
    expect(sessionStorage.getItem('calldojo.mentorSession')).toBeNull();

    await user.type(screen.getByLabelText('你的姓名（记入复核记录）'), '周老师');
    await user.type(screen.getByLabelText('带教密码'), '135791');
    await user.click(screen.getByRole('button', { name: '解锁' }));
    expect(await screen.findByText('密码不正确。')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('陈小红');

    await user.type(screen.getByLabelText('带教密码'), '135790');
    await user.click(screen.getByRole('button', { name: '解锁' }));
    expect(await screen.findByText('带教老师：周老师')).toBeInTheDocument();
    second.unmount();

    // Another tab (no session flag) finds it locked.
    sessionStorage.clear();
    render(Review, { params: ['attempts'] });
    expect(await screen.findByRole('heading', { name: '带教复核已锁定' })).toBeInTheDocument();
  });

  it('speaks English when the UI does', async () => {
    locale.set('en');
    render(Review, { params: [] });
    expect(await screen.findByRole('heading', { name: 'Set the mentor PIN' })).toBeInTheDocument();
    expect(screen.getByLabelText('New PIN again')).toHaveAttribute('type', 'password');
    expect(screen.getByRole('button', { name: 'Save PIN and enter' })).toBeInTheDocument();
  });

  it('wants the mentor’s name, because the audit trail records who changed what', async () => {
    const user = userEvent.setup();
    render(Review, { params: [] });
    await screen.findByRole('heading', { name: '设置带教密码' });
    await setPin(user, '2468', '2468', ' ');
    expect(screen.getByRole('alert')).toHaveTextContent('请填写你的姓名');
    expect(await getMentorPin(db)).toBeNull();
  });
});
