import { configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEngine } from '../../src/state/engine.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import Workbench from '../../src/ui/studio/Workbench.svelte';

configure({ asyncUtilTimeout: 10_000 });
beforeAll(() => loadEngine(), 60_000);
beforeEach(() => {
  locale.set('zh-CN');
  localStorage.clear();
});

describe('Studio workbench', { timeout: 60_000 }, () => {
  it('opens the README example, checks it clean and reports the playthrough and the model-answer ending', async () => {
    const user = userEvent.setup({ delay: null });
    render(Workbench);
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
    render(Workbench);
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
    expect(item).toHaveTextContent('confirmed');
    expect(item.querySelector('pre')!.textContent).toContain('^');
    const line = broken.slice(0, broken.indexOf('confirmd')).split('\n').length;
    await user.click(within(item).getByRole('button', { name: new RegExp(`定位到第 ${line} 行`) }));
    expect(broken.slice(editor.selectionStart, editor.selectionEnd)).toBe('confirmd');
  });
});
