/** The call's reply box: a length limit the trainee can see, and live hints that wait for typing to pause. */
import { cleanup, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenarios/ir.ts';
import type { Assessment } from '../../src/scoring/types.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import type { PracticeState } from '../../src/state/practice.svelte.ts';
import { MAX_LINE_CHARS } from '../../src/state/practice-types.ts';
import CallScreen from '../../src/ui/practice/CallScreen.svelte';

const scenario = {
  id: 's',
  title: '首次联系',
  lang: 'zh',
  jurisdiction: 'CN',
  nodes: [],
  local_time: '10:00',
  briefing_html: '<p>先核实本人。</p>',
  card: { name: '李娜', card_tail: '3519', amount_due: 8420, minimum_payment: 842, days_overdue: 32, extra: {} },
} as unknown as Scenario;

const flagged = (quote: string): Assessment => ({
  findings: [
    {
      rule: 'cn-abuse',
      category: 'abuse',
      severity: 'major',
      start: 0,
      end: quote.length,
      quote,
      message: '不得辱骂',
      better: '请您尽快安排还款。',
      sources: [],
    },
  ],
  tone: { label: 'rude', score: 20, reasons: [] },
  moves: [],
  elements: [],
});

function practiceWith(previewed: string[]): PracticeState {
  return {
    mode: 'practice',
    call: null,
    feedback: null,
    drill: [],
    busy: false,
    startedAt: Date.now(),
    error: null,
    transcript: [],
    preview: (draft: string) => (previewed.push(draft), draft.includes('老赖') ? flagged('老赖') : null),
    typing() {},
    pasted() {},
    hangUp() {},
    say: async () => {},
    choose: async () => {},
  } as unknown as PracticeState;
}

beforeEach(() => locale.set('zh-CN'));
afterEach(cleanup);

describe('the reply box', () => {
  it('scores the draft for hints once typing pauses, not on every key', async () => {
    const previewed: string[] = [];
    const user = userEvent.setup();
    render(CallScreen, { practice: practiceWith(previewed), scenario });
    await user.type(screen.getByLabelText('你的回复'), '你这个老赖还不还钱');
    const hints = screen.getByRole('region', { name: '实时提示' });
    expect(await within(hints).findByRole('listitem')).toHaveTextContent('不得辱骂');
    // Nine characters typed; the scorer saw the finished draft, not each prefix of it.
    expect(previewed.at(-1)).toBe('你这个老赖还不还钱');
    expect(previewed.length).toBeLessThan(9);
  });

  it('clears the hints at once when the box is emptied', async () => {
    const user = userEvent.setup();
    render(CallScreen, { practice: practiceWith([]), scenario });
    const box = screen.getByLabelText('你的回复');
    await user.type(box, '老赖');
    const hints = screen.getByRole('region', { name: '实时提示' });
    await within(hints).findByRole('listitem');
    await user.clear(box);
    expect(within(hints).queryByRole('listitem')).not.toBeInTheDocument();
    expect(within(hints).getByText('目前没有问题。')).toBeInTheDocument();
  });

  it('takes at most the line limit and shows the count as the line nears it', async () => {
    const user = userEvent.setup();
    render(CallScreen, { practice: practiceWith([]), scenario });
    const box = screen.getByLabelText('你的回复') as HTMLTextAreaElement;
    expect(box).toHaveAttribute('maxlength', String(MAX_LINE_CHARS));
    await user.type(box, '好');
    expect(screen.queryByText(/已输入/)).not.toBeInTheDocument();
    await user.click(box);
    await user.paste('您'.repeat(MAX_LINE_CHARS + 50));
    expect(box.value.length).toBe(MAX_LINE_CHARS);
    expect(screen.getByText(`已输入 ${MAX_LINE_CHARS} / ${MAX_LINE_CHARS} 字`)).toBeInTheDocument();
    expect(box).toHaveAccessibleDescription(expect.stringContaining(`已输入 ${MAX_LINE_CHARS}`));
  });
});
