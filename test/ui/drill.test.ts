import { readFileSync } from 'node:fs';
import { configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { compile } from '../../src/scenarios/index.ts';
import type { Scenario } from '../../src/scenarios/ir.ts';
import { createEngine, loadRulePacks } from '../../src/scoring/index.ts';
import { appDb, useDb } from '../../src/state/db.ts';
import { loadEngine } from '../../src/state/engine.ts';
import { getAttempt } from '../../src/storage/attempts.ts';
import { listTurns } from '../../src/storage/turns.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { createDb } from '../../src/storage/db.ts';
import { createProfile } from '../../src/storage/profiles.ts';
import PracticeFlow from '../../src/ui/practice/PracticeFlow.svelte';

const engine = createEngine(loadRulePacks(readRuleFiles()));
const file = 'content/scripts/001_zh-drill-opening.md';
const drill = compile(readFileSync(file, 'utf8'), { file, engine }).scenario as Scenario;
const model = drill.nodes.find((n) => n.id === drill.start)!.model!.text;

configure({ asyncUtilTimeout: 5000 });
beforeAll(() => loadEngine(), 60_000);
let profileId = '';
beforeEach(async () => {
  locale.set('zh-CN');
  useDb(createDb(`drill-${Math.random()}`));
  profileId = (await createProfile(appDb(), { name: '周八', staffNo: '4001' })).id;
});

describe('opening drill', { timeout: 30_000 }, () => {
  afterEach(() => vi.useRealTimers());

  it('scores a word-perfect recital at full coverage and reports typing speed against 40 a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const user = userEvent.setup({ delay: null });
    render(PracticeFlow, { scenario: drill, profileId });
    await user.click(await screen.findByRole('button', { name: '开始通话' }));
    await user.type(await screen.findByLabelText('你的回复'), model);
    // The recital took one minute from the first keystroke to sending.
    vi.setSystemTime(Date.now() + 60_000);
    await user.click(screen.getByRole('button', { name: '发送' }));
    const panel = await screen.findByRole('region', { name: '背诵评估' });
    expect(within(panel).getByText('要素覆盖 100%')).toBeInTheDocument();
    expect(within(panel).getByText('与标准话术相似度 100%')).toBeInTheDocument();
    const chars = [...model].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
    expect(within(panel).getByText(`打字速度 ${chars} 字/分钟（岗位要求 40）`)).toBeInTheDocument();
  });

  it('claims no typing speed for a pasted recital', async () => {
    const user = userEvent.setup({ delay: null });
    render(PracticeFlow, { scenario: drill, profileId });
    await user.click(await screen.findByRole('button', { name: '开始通话' }));
    await user.click(await screen.findByLabelText('你的回复'));
    await user.paste(model);
    await user.click(screen.getByRole('button', { name: '发送' }));
    const panel = await screen.findByRole('region', { name: '背诵评估' });
    expect(within(panel).getByText('打字速度未计：这句不是逐字打出来的（粘贴或自动填入）')).toBeInTheDocument();
    expect(within(panel).queryByText(/打字速度 \d+/)).toBeNull();
  });

  it('names the elements a partial recital left out', async () => {
    const user = userEvent.setup({ delay: null });
    render(PracticeFlow, { scenario: drill, profileId });
    await user.click(await screen.findByRole('button', { name: '开始通话' }));
    await user.type(await screen.findByLabelText('你的回复'), '您好，我是华信银行信用卡中心的，请问是王建国先生吗？');
    await user.click(screen.getByRole('button', { name: '发送' }));
    const panel = await screen.findByRole('region', { name: '背诵评估' });
    expect(await within(panel).findByText(/漏掉的要点：.*工号/)).toBeInTheDocument();
    expect(within(panel).queryByText('要素覆盖 100%')).toBeNull();
  });

  it('recites again in the same call without a record, then shows all recitals above the report actions', async () => {
    const user = userEvent.setup({ delay: null });
    render(PracticeFlow, { scenario: drill, profileId });
    await user.click(await screen.findByRole('button', { name: '开始通话' }));
    await user.type(await screen.findByLabelText('你的回复'), model);
    await user.click(screen.getByRole('button', { name: '发送' }));
    // The persona confirmed: the recital is over, but the drill is not, and no record is asked for.
    await user.click(await screen.findByRole('button', { name: '再背一遍' }));
    expect(screen.queryByRole('heading', { name: '催收记录' })).toBeNull();
    await user.type(await screen.findByLabelText('你的回复'), model);
    await user.click(screen.getByRole('button', { name: '发送' }));
    await user.click(await screen.findByRole('button', { name: '结束练习' }));
    await screen.findByRole('heading', { name: '通话报告' });
    expect(screen.queryByRole('heading', { name: '催收记录' })).toBeNull();
    const panel = screen.getByRole('region', { name: '背诵评估' });
    expect(within(panel).getAllByRole('listitem')).toHaveLength(2);
    const again = screen.getByRole('button', { name: '再练一次' });
    expect(panel.compareDocumentPosition(again) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // One attempt holds both recitals, completed without a record.
    const attempts = await appDb().attempts.toArray();
    expect(attempts).toHaveLength(1);
    const attemptId = attempts[0].id;
    expect((await getAttempt(appDb(), attemptId)).status).toBe('completed');
    expect((await listTurns(appDb(), attemptId)).filter((t) => t.speaker === 'trainee')).toHaveLength(2);
    expect(await appDb().records.count()).toBe(0);
  });
});
