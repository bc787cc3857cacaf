import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../src/ui/App.svelte';
import { locale } from '../../src/state/locale.svelte.ts';

describe('App shell', () => {
  beforeEach(() => {
    locale.set('zh-CN');
    location.hash = '#/library';
  });

  it('shows the library in Chinese with the main navigation', async () => {
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: '场景库' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: '主导航' });
    expect(nav).toHaveTextContent('带教复核');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('navigates to another page through its link and marks it current', async () => {
    const user = userEvent.setup();
    render(App);
    await user.click(screen.getByRole('link', { name: '设置' }));
    expect(await screen.findByRole('heading', { level: 1, name: '设置' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '设置' })).toHaveAttribute('aria-current', 'page');
  });

  it('switches every label to English from the language picker and remembers it', async () => {
    const user = userEvent.setup();
    render(App);
    await user.selectOptions(screen.getByLabelText('界面语言'), 'en');
    expect(await screen.findByRole('heading', { level: 1, name: 'Scenario library' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toHaveTextContent('Review');
    expect(localStorage.getItem('calldojo.lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('loads the lazily split Studio page on demand', async () => {
    location.hash = '#/studio';
    render(App);
    // The first import of the page's chunk (the Studio and the mentor lock it sits behind) is transformed on demand.
    expect(await screen.findByRole('heading', { level: 1, name: '脚本工坊' }, { timeout: 10_000 })).toBeInTheDocument();
  });
});
