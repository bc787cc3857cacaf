import { configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { appDb, useDb } from '../../src/state/db.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { profiles } from '../../src/state/profile.svelte.ts';
import { createDb } from '../../src/storage/index.ts';
import App from '../../src/ui/App.svelte';
import { EN_FIRST, TIGHT_MONEY, found, playCall, trainee } from './progress-seed.ts';

configure({ asyncUtilTimeout: 5000 });
// One database for the file: the shared profile list follows the database it first started on. Each test has its
// own trainee, and everything on the page is per trainee.
beforeAll(() => useDb(createDb(`t-${Math.random()}`)));
beforeEach(() => {
  locale.set('zh-CN');
  location.hash = '#/progress';
});
afterEach(() => vi.useRealTimers());

const threatLine = '你再不还钱，后果自负！';
const threat = found('cn-violence-threat', 'threat', 'critical', threatLine, '后果自负');
const rude = found('tone-imperative', 'tone', 'major', '你必须今天还', '你必须');
const noStaffNo = found('script-no-staff-number', 'script', 'minor');

async function asNewTrainee(name = '王小明') {
  const p = await trainee(appDb(), name);
  profiles.select(p.id);
  return p.id;
}

describe('progress page', { timeout: 20_000 }, () => {
  it('shows each scenario first → best with passed state, last date and a link to practise again', async () => {
    const id = await asNewTrainee();
    await playCall(appDb(), id, { scenario: TIGHT_MONEY, total: 40 });
    await playCall(appDb(), id, { scenario: EN_FIRST, total: 55 });
    await playCall(appDb(), id, { scenario: TIGHT_MONEY, total: 75 });
    await playCall(appDb(), id, { scenario: TIGHT_MONEY, total: 70 });
    render(App);

    const history = await screen.findByRole('region', { name: '各场景成绩' });
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([TIGHT_MONEY.title, EN_FIRST.title]);
    const [zh, en] = rows;
    expect(zh).toHaveTextContent('40 → 75');
    expect(zh).toHaveTextContent('已通过');
    expect(within(zh).getAllByRole('cell')[0]).toHaveTextContent('3');
    expect(within(zh).getByRole('link', { name: /再练一次/ })).toHaveAttribute(
      'href',
      '#/practice/zh-first-contact-tight-money',
    );
    expect(en).toHaveTextContent('55 → 55');
    expect(en).toHaveTextContent('未通过');
  });

  it('lists recent calls newest first with mode, total, verdict and the blocker rule', async () => {
    const id = await asNewTrainee();
    await playCall(appDb(), id, { scenario: TIGHT_MONEY, total: 80, mode: 'guided' });
    await playCall(appDb(), id, {
      scenario: TIGHT_MONEY,
      total: 59,
      mode: 'exam',
      blockerRule: 'cn-violence-threat',
      lines: [{ text: threatLine, findings: [threat] }],
    });
    render(App);

    const recent = await screen.findByRole('region', { name: '最近的通话' });
    const [newest, oldest] = within(recent).getAllByRole('row').slice(1);
    expect(newest).toHaveTextContent('考核');
    expect(newest).toHaveTextContent('59');
    expect(newest).toHaveTextContent('未通过');
    expect(within(newest).getByText('cn-violence-threat')).toBeInTheDocument();
    expect(oldest).toHaveTextContent('引导');
    expect(oldest).toHaveTextContent('通过');
    expect(oldest).toHaveTextContent('无');
  });

  it('charts one series per finding category present, with the numbers in a table for screen readers', async () => {
    const id = await asNewTrainee();
    await playCall(appDb(), id, {
      scenario: TIGHT_MONEY,
      total: 30,
      lines: [
        { text: threatLine, findings: [threat, rude] },
        { text: '你必须今天还', findings: [rude] },
      ],
    });
    await playCall(appDb(), id, {
      scenario: TIGHT_MONEY,
      total: 60,
      lines: [{ text: '你必须今天还', findings: [rude, noStaffNo] }],
    });
    await playCall(appDb(), id, { scenario: TIGHT_MONEY, total: 90, lines: [{ text: '您好' }] });
    render(App);

    const chart = await screen.findByRole('region', { name: '各类问题的变化' });
    const series = within(chart).getAllByRole('img');
    expect(series.map((s) => s.getAttribute('data-category'))).toEqual(['threat', 'tone', 'script']);
    expect(series[1]).toHaveAccessibleName('语气：每次通话的问题数');
    expect(series[1]).toHaveAccessibleDescription('共 3 次通话：第一次 2 个，最近一次 0 个，最多 2 个。有进步。');
    expect(series[0].querySelectorAll('circle')).toHaveLength(3);

    const table = within(chart).getByRole('table', { name: '各类问题次数（按通话）' });
    const cells = within(table)
      .getAllByRole('row')
      .map((r) =>
        within(r)
          .queryAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(cells.slice(1)).toEqual([
      ['1', '2', '0'],
      ['0', '1', '1'],
      ['0', '0', '0'],
    ]);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['通话', '威胁恐吓', '语气', '话术要点']);
  });

  it('ranks the weakest rules by how often they fired, with category and count', async () => {
    const id = await asNewTrainee();
    await playCall(appDb(), id, {
      scenario: TIGHT_MONEY,
      total: 30,
      lines: [
        { text: threatLine, findings: [threat, rude] },
        { text: 'x', findings: [rude, rude] },
      ],
    });
    await playCall(appDb(), id, {
      scenario: EN_FIRST,
      total: 60,
      lines: [
        { text: 'x', findings: [noStaffNo, rude] },
        { text: 'y', findings: [noStaffNo] },
      ],
    });
    render(App);

    const weak = await screen.findByRole('region', { name: '最薄弱的规则' });
    const rows = within(weak).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').querySelector('code')!.textContent)).toEqual([
      'tone-imperative',
      'script-no-staff-number',
      'cn-violence-threat',
    ]);
    // A rule the packs know also says what it flags (in the UI language), so the trainee need not decode the id.
    await vi.waitFor(() =>
      expect(within(rows[2]).getByRole('rowheader')).toHaveTextContent(
        'cn-violence-threat以人身伤害、家人安危或上门聚众相威胁',
      ),
    );
    expect(
      within(rows[0])
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['语气', '较重', '4', '2']);
    expect(
      within(rows[2])
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['威胁恐吓', '严重', '1', '1']);
  });

  it('re-opens a past call’s full report from its link: transcript with findings, scores and record checks', async () => {
    const id = await asNewTrainee();
    const attemptId = await playCall(appDb(), id, {
      scenario: TIGHT_MONEY,
      total: 41,
      blockerRule: 'cn-violence-threat',
      lines: [{ text: threatLine, findings: [threat] }],
      checks: [
        { field: 'resultCode', ok: false, expected: 'ptp', actual: 'refused' },
        { field: 'promiseAmount', ok: false, expected: '1500', actual: '800' },
        { field: 'nextAction', ok: false, expected: null, actual: '' },
        { field: 'notes', ok: false, expected: null, actual: '已还' },
      ],
    });
    const user = userEvent.setup();
    render(App);

    await user.click(await screen.findByRole('link', { name: /查看报告/ }));
    await screen.findByRole('region', { name: '各项得分' });
    const verdict = screen.getByText(/一票否决：/).closest('[role=status]')!;
    expect(screen.getByRole('heading', { level: 1, name: '通话报告' })).toBeInTheDocument();
    expect(location.hash).toBe(`#/progress/${attemptId}`);
    expect(verdict).toHaveTextContent('未通过');
    expect(verdict).toHaveTextContent('cn-violence-threat');
    expect(document.querySelector('mark')?.textContent).toBe('后果自负');
    expect(screen.getByText('cn-violence-threat better line')).toBeInTheDocument();
    const scores = screen.getByRole('region', { name: '各项得分' });
    expect(within(scores).getByRole('row', { name: /总分/ })).toHaveTextContent('41');
    const checks = screen.getByRole('region', { name: '记录核对' });
    expect(checks).toHaveTextContent(/✗ 承诺金额\s*— 应为 1500/);
    // Why each check failed, in words: a result code by its outcome name, an empty or too thin field said as such.
    expect(checks).toHaveTextContent(/✗ 结果代码\s*— 应为 承诺还款/);
    expect(checks).toHaveTextContent(/✗ 下一步行动\s*— 未填写/);
    expect(checks).toHaveTextContent(/✗ 备注\s*— 写得太简单/);
    expect(
      screen.getByText('您好，我是华信银行信用卡中心账务管理部的工作人员，我姓王，工号3021。请问您是张伟先生本人吗？'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '再练一次' }));
    await vi.waitFor(() => expect(location.hash).toBe('#/practice/zh-first-contact-tight-money'));
  });

  it('explains when a past call’s scenario has left the library, keeping it in the history', async () => {
    const id = await asNewTrainee();
    await playCall(appDb(), id, { scenario: { id: 'retired-2024', title: '旧版场景', lang: 'zh' }, total: 70 });
    const user = userEvent.setup();
    render(App);
    expect(await screen.findByRole('region', { name: '各场景成绩' })).toHaveTextContent('旧版场景');
    await user.click(screen.getByRole('link', { name: /查看报告/ }));
    expect(await screen.findByText(/已不在场景库中/)).toBeInTheDocument();
  });

  it('does not show another trainee’s call, even by its address', async () => {
    const other = await trainee(appDb(), '李四');
    const theirs = await playCall(appDb(), other.id, { scenario: TIGHT_MONEY, total: 90 });
    await asNewTrainee();
    location.hash = `#/progress/${theirs}`;
    render(App);
    expect(await screen.findByText(/找不到这次通话的报告/)).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: '各项得分' })).not.toBeInTheDocument();
  });

  it('says there are no calls yet, then follows a call completing while the page is open', async () => {
    const id = await asNewTrainee();
    render(App);
    expect(await screen.findByText(/还没有练习记录/)).toBeInTheDocument();
    await playCall(appDb(), id, { scenario: TIGHT_MONEY, total: 66 });
    const recent = await screen.findByRole('region', { name: '最近的通话' });
    expect(within(recent).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByRole('region', { name: '最薄弱的规则' })).toHaveTextContent('还没有出现过问题');
  });

  it('asks who is practising when no trainee is selected', async () => {
    profiles.select(null);
    render(App);
    expect(await screen.findByRole('heading', { level: 2, name: '选择学员档案' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: '我的进度' })).toBeInTheDocument();
  });

  it('speaks English when the trainee chose it', async () => {
    const id = await asNewTrainee('Ann Lee');
    await playCall(appDb(), id, {
      scenario: EN_FIRST,
      total: 72,
      lines: [{ text: 'You must pay today', findings: [rude] }],
    });
    locale.set('en');
    render(App);
    expect(await screen.findByRole('region', { name: 'By scenario' })).toHaveTextContent('72 → 72');
    expect(screen.getByRole('region', { name: 'Recent calls' })).toHaveTextContent('Practice');
    expect(screen.getByRole('img', { name: 'Tone: findings per call' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Weakest rules' })).toHaveTextContent('tone-imperative');
  });
});
