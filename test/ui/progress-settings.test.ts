import { configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appDb, useDb } from '../../src/state/db.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { profiles } from '../../src/state/profile.svelte.ts';
import { createDb } from '../../src/storage/index.ts';
import Settings from '../../src/ui/pages/Settings.svelte';
import { trainee } from './progress-seed.ts';

configure({ asyncUtilTimeout: 5000 });
// One database for the file: the shared profile list follows the database it first started on.
beforeAll(() => useDb(createDb(`t-${Math.random()}`)));
beforeEach(() => locale.set('zh-CN'));

describe('settings: trainee and my data', { timeout: 20_000 }, () => {
  it('shows the current trainee and switches to another through the profile picker', async () => {
    const ann = await trainee(appDb(), '安娜');
    const bo = await trainee(appDb(), '博文');
    profiles.select(ann.id);
    const user = userEvent.setup();
    render(Settings);

    const section = await screen.findByRole('region', { name: '学员档案' });
    expect(await within(section).findByText(`当前学员：安娜（工号 ${ann.staffNo}）`)).toBeInTheDocument();
    const toggle = within(section).getByRole('button', { name: '切换学员' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    await user.click(within(section).getByRole('button', { name: new RegExp(`^博文`) }));
    expect(within(section).getByText(`当前学员：博文（工号 ${bo.staffNo}）`)).toBeInTheDocument();
    expect(within(section).queryByRole('heading', { name: '选择学员档案' })).not.toBeInTheDocument();
    expect(localStorage.getItem('calldojo.profile')).toBe(bo.id);
  });

  it('with no trainee chosen, offers the picker and explains why export is unavailable', async () => {
    profiles.select(null);
    render(Settings);
    const section = await screen.findByRole('region', { name: '学员档案' });
    expect(await within(section).findByText('未选择学员')).toBeInTheDocument();
    expect(within(section).getByRole('heading', { name: '选择学员档案' })).toBeInTheDocument();
    const data = await screen.findByRole('region', { name: '我的数据' });
    expect(within(data).getByRole('button', { name: '导出我的数据' })).toBeDisabled();
    expect(within(data).getByText('请先在上方选择学员档案，再导出数据。')).toBeInTheDocument();
    expect(within(data).getByLabelText('导入数据文件')).toBeEnabled();
  });

  it('keeps headings in order: one h1, then h2 sections', async () => {
    profiles.select(null);
    render(Settings);
    await screen.findByRole('region', { name: '我的数据' });
    const levels = screen.getAllByRole('heading').map((h) => Number(h.tagName.slice(1)));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    levels.forEach((l, i) => i > 0 && expect(l - levels[i - 1]).toBeLessThanOrEqual(1));
  });
});
