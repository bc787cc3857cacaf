import { configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useDb } from '../../src/state/db.ts';
import { loadEngine } from '../../src/state/engine.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { mentorLock } from '../../src/state/mentor-lock.svelte.ts';
import { StudioDraft } from '../../src/state/studio.svelte.ts';
import { createDb } from '../../src/storage/index.ts';
import Studio from '../../src/ui/pages/Studio.svelte';

configure({ asyncUtilTimeout: 10_000 });
beforeAll(() => loadEngine(), 60_000);
beforeEach(() => {
  locale.set('zh-CN');
  localStorage.clear();
  sessionStorage.clear();
  mentorLock.lock(); // a fresh tab: whatever an earlier test unlocked is forgotten
  useDb(createDb(`t-${Math.random()}`));
});

/** Opens the Studio page as a mentor: the first visit sets the PIN, which unlocks the tab. */
async function unlockStudio(user: ReturnType<typeof userEvent.setup>, zh = true) {
  render(Studio, { params: [] });
  await screen.findByRole('heading', { name: zh ? '设置带教密码' : 'Set the mentor PIN' });
  await user.type(
    screen.getByLabelText(zh ? '你的姓名（记入复核记录）' : 'Your name (recorded with your changes)'),
    '李老师',
  );
  await user.type(screen.getByLabelText(zh ? '新密码' : 'New PIN'), '2468');
  await user.type(screen.getByLabelText(zh ? '再次输入新密码' : 'New PIN again'), '2468');
  await user.click(screen.getByRole('button', { name: zh ? '保存密码并进入' : 'Save PIN and enter' }));
  await screen.findByRole('heading', { name: zh ? '试写脚本' : 'Script workbench' });
}

describe('Studio behind the mentor lock', { timeout: 30_000 }, () => {
  it('shows a trainee only the PIN gate: no script list, no editor, no draft', async () => {
    localStorage.setItem('calldojo.studio.draft', 'model: 这是参考回答');
    render(Studio, { params: [] });
    expect(await screen.findByRole('heading', { name: '设置带教密码' })).toBeInTheDocument();
    expect(screen.getByText(/只对带教老师和培训师开放/)).toBeInTheDocument();
    expect(screen.queryByLabelText('脚本源文件')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    expect(document.body).not.toHaveTextContent('这是参考回答');
  });
});

describe('Studio draft file name', () => {
  it('downloads under the opened file name, the README example under its scenario id, a blank draft as scenario.md', async () => {
    const draft = new StudioDraft();
    expect(draft.downloadName).toBe('scenario.md');
    await draft.open('020_zh-first-contact-staller.md');
    expect(draft.downloadName).toBe('020_zh-first-contact-staller.md');
    expect(new StudioDraft().downloadName).toBe('020_zh-first-contact-staller.md'); // kept across a reload
    await draft.open('README.md');
    expect(draft.downloadName).toBe('example-first-contact.md');
  });
});

describe('Studio workbench', { timeout: 60_000 }, () => {
  it('opens the README example, checks it clean and reports the playthrough and the model-answer ending', async () => {
    const user = userEvent.setup({ delay: null });
    await unlockStudio(user);
    await user.click(screen.getByRole('button', { name: '打开' }));
    const editor = screen.getByLabelText('脚本源文件') as HTMLTextAreaElement;
    await expect.poll(() => editor.value).toContain('id: example-first-contact');
    await user.click(screen.getByRole('button', { name: '检查脚本' }));
    expect(await screen.findByRole('status')).toHaveTextContent('没有错误');
    expect(screen.getByText(/自动试玩：走到 (\d+)\/\1 个节点/)).toBeInTheDocument();
    expect(screen.getByText(/按参考回答一路说下去，结局是：承诺还款/)).toBeInTheDocument();
    expect(localStorage.getItem('calldojo.studio.draft')).toContain('example-first-contact');
  });

  it('shows a broken branch target with its position and code frame, and jumps to it', async () => {
    const user = userEvent.setup({ delay: null });
    await unlockStudio(user);
    await user.click(screen.getByRole('button', { name: '打开' }));
    const editor = screen.getByLabelText('脚本源文件') as HTMLTextAreaElement;
    await expect.poll(() => editor.value).toContain('→ confirmed');
    const broken = editor.value.replace('- if verify_identity → confirmed', '- if verify_identity → confirmd');
    await user.clear(editor);
    editor.value = broken;
    editor.dispatchEvent(new Event('input', { bubbles: true }));
    await user.click(screen.getByRole('button', { name: '检查脚本' }));
    expect(await screen.findByRole('status')).toHaveTextContent('1 个错误');
    const item = screen.getByText('unknown_branch_target').closest('li')!;
    // Said in the UI's language from the code and its parameters (lint:scripts keeps the compiler's English).
    expect(item).toHaveTextContent(
      '错误 unknown_branch_target 没有 id 为 `confirmd` 的节点。— 是不是想写 `confirmed`？',
    );
    expect(item).not.toHaveTextContent('No node has the id');
    expect(item.querySelector('pre')!.textContent).toContain('^');
    const line = broken.slice(0, broken.indexOf('confirmd')).split('\n').length;
    await user.click(within(item).getByRole('button', { name: new RegExp(`定位到第 ${line} 行`) }));
    expect(broken.slice(editor.selectionStart, editor.selectionEnd)).toBe('confirmd');
  });

  it('says every good option to the persona and shows, beside the model call, one it hangs up on', async () => {
    const user = userEvent.setup({ delay: null });
    const source = readFileSync(join(import.meta.dirname, '../machines/option-samples/mishandled.md'), 'utf8');
    await unlockStudio(user);
    const editor = screen.getByLabelText('脚本源文件') as HTMLTextAreaElement;
    editor.value = source;
    editor.dispatchEvent(new Event('input', { bubbles: true }));
    await user.click(screen.getByRole('button', { name: '检查脚本' }));
    // Warnings only: the script still checks clean, and the model call is shown as before.
    expect(await screen.findByRole('status')).toHaveTextContent('没有错误');
    expect(screen.getByRole('heading', { name: /示范通话/ })).toBeInTheDocument();
    const section = screen.getByRole('region', { name: /选项试说/ });
    expect(section).toHaveTextContent('试说了 2 个选项，其中 1 个会被客户当成坏话处理。');
    const row = within(section).getByText('身体要紧，您先好好休养，等您方便了我们再联系。').closest('tr')!;
    expect(row).toHaveTextContent('reason');
    expect(row).toHaveTextContent(/20\/20 次通话以“对方挂断”结束（种子 1 走到节点 hung-up）/);
    // The warning is in the diagnostics list too, and the row's button selects the option in the editor.
    const warning = screen.getByText('option_mishandled').closest('li')!;
    expect(warning).toHaveTextContent(
      /^警告 option_mishandled 节点 `reason` 的 \[good\] 选项，在到达它的 20 次种子通话中有 20 次以 `hung_up` 结束/,
    );
    expect(warning).toHaveTextContent('学员照这句话打字，会被当成坏话处理');
    await user.click(within(row).getByRole('button', { name: /定位到第 \d+ 行/ }));
    expect(editor.value.slice(editor.selectionStart, editor.selectionEnd)).toBe(
      '- [good] 身体要紧，您先好好休养，等您方便了我们再联系。',
    );
  });

  it('says so in English when no option is mishandled', async () => {
    locale.set('en');
    const user = userEvent.setup({ delay: null });
    await unlockStudio(user, false);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const editor = screen.getByLabelText(/source/i) as HTMLTextAreaElement;
    await expect.poll(() => editor.value).toContain('id: example-first-contact');
    await user.click(screen.getByRole('button', { name: /check/i }));
    const section = await screen.findByRole('region', { name: /Options said/ });
    expect(section).toHaveTextContent(
      'Options said: 1. The persona treats 0 of them as bad lines. No option said led to a hang-up, a complaint or a refusal.',
    );
    expect(screen.queryByText('option_mishandled')).toBeNull();
  });
});
