/** Issue 15 part H: the "new version" prompt — offered when a worker waits, activates it on Reload, goes on Later. */
import { cleanup, render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appUpdate } from '../../src/state/app-update.svelte.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import UpdatePrompt from '../../src/ui/UpdatePrompt.svelte';

afterEach(() => {
  cleanup();
  appUpdate.dismiss();
  appUpdate.reloading = false;
  locale.set('zh-CN');
});

describe('the update prompt', () => {
  it('shows nothing until a new version waits', () => {
    render(UpdatePrompt);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers the new version in Chinese and activates it on 重新加载', async () => {
    const activate = vi.fn(() => new Promise<void>(() => {})); // the page reloads before this settles
    appUpdate.offer(activate);
    render(UpdatePrompt);
    expect(screen.getByRole('region', { name: /有新版本可用/ })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: '重新加载' }));
    expect(activate).toHaveBeenCalledOnce();
    expect(screen.getByText('正在切换到新版本…')).toBeTruthy();
    expect((screen.getByRole('button', { name: '重新加载' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('goes away on Later without activating anything (English)', async () => {
    locale.set('en');
    const activate = vi.fn(async () => {});
    appUpdate.offer(activate);
    render(UpdatePrompt);
    await userEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('button', { name: 'Reload' })).toBeNull();
    expect(activate).not.toHaveBeenCalled();
  });
});
