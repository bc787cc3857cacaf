import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/ui/App.svelte';
import { lmsLock } from '../../src/state/lms-lock.svelte.ts';
import { locale } from '../../src/state/locale.svelte.ts';

describe('App shell launched from an LMS', () => {
  beforeEach(() => {
    locale.set('zh-CN');
    location.hash = '#/library';
  });
  afterEach(() => {
    lmsLock.current = null;
    lmsLock.problem = null;
    lmsLock.ended = false;
  });

  // The Practice page and the scenario load lazily: a cold transform takes seconds on a shared machine.
  it(
    'shows the assigned scenario whatever the hash says, with no navigation, and finishes through the LMS',
    { timeout: 20_000 },
    async () => {
      const exit = vi.fn(async () => void (lmsLock.ended = true));
      lmsLock.current = {
        system: 'scorm12',
        scenarioId: 'zh-first-contact-tight-money',
        mode: 'exam',
        reportsVerdict: true,
        exit,
      };
      const user = userEvent.setup();
      render(App);
      expect(
        await screen.findByRole('heading', { level: 1, name: '首次联系：手头紧的张先生' }, { timeout: 8000 }),
      ).toBeInTheDocument();
      expect(screen.queryByRole('navigation')).toBeNull();
      expect(screen.queryByRole('link', { name: '关于' })).toBeNull();
      location.hash = '#/settings';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      expect(await screen.findByRole('heading', { level: 1, name: '首次联系：手头紧的张先生' })).toBeInTheDocument();
      expect(screen.queryByRole('heading', { level: 1, name: '设置' })).toBeNull();
      await user.click(screen.getByRole('button', { name: '结束并返回学习管理系统' }));
      expect(exit).toHaveBeenCalledOnce();
      expect(await screen.findByRole('heading', { level: 1, name: '练习已结束' })).toBeInTheDocument();
    },
  );

  it('says what stops a launch instead of showing the app', async () => {
    lmsLock.problem = { kind: 'not_assigned', scenario: 'en-first-contact' };
    render(App);
    expect(screen.getByRole('heading', { level: 1, name: '无法从学习管理系统开始练习' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('场景“en-first-contact”不在这个课件包的指定范围内');
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('says when the LMS did not take the result, and leaves the call on screen', async () => {
    lmsLock.current = {
      system: 'cmi5',
      scenarioId: 'zh-first-contact-tight-money',
      mode: 'exam',
      reportsVerdict: false,
      exit: async () => {
        throw new Error('the LMS has not received: failed');
      },
    };
    const user = userEvent.setup();
    render(App);
    expect(screen.getByRole('note')).toHaveTextContent('浏览或复习');
    await user.click(screen.getByRole('button', { name: '结束并返回学习管理系统' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('the LMS has not received: failed');
    expect(screen.getByRole('button', { name: '结束并返回学习管理系统' })).toBeEnabled();
  });
});
