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
});
