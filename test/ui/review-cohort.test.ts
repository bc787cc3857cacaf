import { configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDb } from '../../src/state/db.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { mentorLock } from '../../src/state/mentor-lock.svelte.ts';
import { createDb, overruleFinding, renameProfile, setMentorPin, type CallDojoDb } from '../../src/storage/index.ts';
import Review from '../../src/ui/pages/Review.svelte';
import CohortDashboard from '../../src/ui/review/CohortDashboard.svelte';
import { EN_FIRST, TIGHT_MONEY, found, playCall, trainee } from './progress-seed.ts';

configure({ asyncUtilTimeout: 8000 });

const threatLine = '你再不还钱，后果自负！';
const threat = found('cn-violence-threat', 'threat', 'critical', threatLine, '后果自负');
const rude = found('tone-curt-imperative', 'tone', 'major', '你必须今天还', '你必须');
let db: CallDojoDb;
let downloads: File[] = [];
let pending: File | null = null;

beforeEach(async () => {
  locale.set('zh-CN');
  db = createDb(`t-${Math.random()}`);
  useDb(db);
  await setMentorPin(db, '2468');
  mentorLock.lock();
  await mentorLock.unlock('李老师', '2468'); // unlocked in this tab, as after entering the PIN
  downloads = [];
  // jsdom has no downloads: keep the file the page hands to the browser.
  URL.createObjectURL = vi.fn((blob: Blob) => ((pending = blob as File), 'blob:calldojo/x'));
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (this.href.startsWith('blob:') && pending) downloads.push(pending);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Two trainees: 王小明 passed the zh scenario after a failed try; 陈小红 failed it with a threat and passed English. */
async function cohort() {
  const wang = await trainee(db, '王小明');
  const chen = await trainee(db, '陈小红');
  await playCall(db, wang.id, {
    scenario: TIGHT_MONEY,
    total: 45,
    lines: [{ text: '你必须今天还', findings: [rude] }],
  });
  await playCall(db, wang.id, { scenario: TIGHT_MONEY, total: 82, lines: [{ text: '您好' }] });
  const failed = await playCall(db, chen.id, {
    scenario: TIGHT_MONEY,
    total: 40,
    blockerRule: 'cn-violence-threat',
    lines: [
      { text: threatLine, findings: [threat] },
      { text: '你必须今天还', findings: [rude] },
    ],
  });
  await playCall(db, chen.id, { scenario: EN_FIRST, total: 90, lines: [{ text: 'Hello' }] });
  return { wang, chen, failed };
}

const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent?.trim());

describe('cohort view', { timeout: 30_000 }, () => {
  it('says when the stored readiness settings were changed without the mentor key, and shows the defaults', async () => {
    await cohort();
    await db.settings.put({ key: 'readiness', value: { required: [], lastN: 1 } });
    render(Review, { params: [] });
    expect(await screen.findByText(/本机保存的达标设置没有带教密钥的签名/)).toBeInTheDocument();
    expect(screen.getByLabelText(/最近/)).toHaveValue(5);
  });

  it('shows trainees × scenarios with best score, calls and pass in words', async () => {
    await cohort();
    render(Review, { params: [] });
    const region = await screen.findByRole('region', { name: '学员 × 场景' });
    const table = within(region).getAllByRole('table')[0];
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['学员', EN_FIRST.title, TIGHT_MONEY.title]);
    const [chen, wang] = within(table).getAllByRole('row').slice(1);
    expect(within(chen).getByRole('rowheader')).toHaveTextContent('陈小红');
    expect(cells(chen)).toEqual(['90 1 次 · 已通过', '40 1 次 · 未通过']);
    expect(cells(wang)).toEqual(['–', '82 2 次 · 已通过']);
  });

  it('maps violations per trainee and category with the numbers in the cells, and ranks rules', async () => {
    await cohort();
    render(Review, { params: [] });
    const heat = await screen.findByRole('region', { name: '违规热力图' });
    const [matrix, rules] = within(heat).getAllByRole('table');
    expect(
      within(matrix)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['学员', '威胁恐吓', '语气']);
    const rows = within(matrix).getAllByRole('row').slice(1);
    expect(rows.map((r) => [within(r).getByRole('rowheader').textContent, ...cells(r)])).toEqual([
      ['陈小红', '1', '1'],
      ['王小明', '0', '1'],
      ['全体合计', '1', '2'],
    ]);
    // Colour follows the number (hottest cell darkest), but the number is always there.
    expect(within(rows[0]).getAllByRole('cell')[0]).toHaveClass('l4');
    expect(within(rows[1]).getAllByRole('cell')[0]).toHaveClass('l0');
    expect(
      within(rules)
        .getAllByRole('row')
        .slice(1)
        .map((r) => [within(r).getByRole('rowheader').textContent, ...cells(r)]),
    ).toEqual([
      ['tone-curt-imperative', '语气', '较重', '2'],
      ['cn-violence-threat', '威胁恐吓', '严重', '1'],
    ]);
    const trend = screen.getByRole('region', { name: '成绩趋势' });
    expect(within(trend).getByRole('img')).toHaveAccessibleName('每天的平均总分（实线）与通过率（虚线）');
    expect(within(trend).getAllByRole('row').slice(1).map(cells)).toEqual([['4', '64.3', '50%']]);
  });

  it('lists readiness by the stored required set and N; a mentor’s overrule counts', async () => {
    const { failed } = await cohort();
    const user = userEvent.setup();
    const first = render(Review, { params: [] });
    const settings = await screen.findByRole('group', { name: '必考场景' });
    await user.click(within(settings).getByRole('checkbox', { name: TIGHT_MONEY.title }));
    await user.clear(screen.getByLabelText('检查最近几次通话（N）'));
    await user.type(screen.getByLabelText('检查最近几次通话（N）'), '3');
    await user.click(screen.getByRole('button', { name: '保存标准' }));
    expect(await screen.findByText('已保存。')).toBeInTheDocument();

    const ready = screen.getByRole('region', { name: '上线准备情况' });
    await expect.poll(() => ready.textContent).toContain('标准：通过全部 1 个必考场景，且最近 3 次通话没有一票否决。');
    const items = within(ready).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(`✗ 尚未达标 陈小红`);
    expect(items[0]).toHaveTextContent(`未通过：${TIGHT_MONEY.title}`);
    expect(items[0]).toHaveTextContent('最近通话中有一票否决：cn-violence-threat');
    expect(within(items[0]).getByRole('link', { name: '查看这次通话' })).toHaveAttribute(
      'href',
      `#/review/attempt/${failed}`,
    );
    expect(items[1]).toHaveTextContent('✓ 可以上线 王小明');
    first.unmount();

    // The mentor overrules the threat: 陈小红's zh call is no longer failed by a blocker.
    await overruleFinding(db, {
      attemptId: failed,
      turnIndex: 0,
      rule: 'cn-violence-threat',
      reason: '转述客户原话',
      by: '李老师',
      signer: mentorLock.signer,
    });
    render(Review, { params: [] });
    const again = await screen.findByRole('region', { name: '上线准备情况' });
    await expect.poll(() => within(again).getAllByRole('listitem')[0].textContent).not.toContain('一票否决');
    expect(screen.getByLabelText('检查最近几次通话（N）')).toHaveValue(3);
    expect(
      within(screen.getByRole('group', { name: '必考场景' })).getByRole('checkbox', { name: TIGHT_MONEY.title }),
    ).toBeChecked();
  });
});

describe('a large cohort', { timeout: 30_000 }, () => {
  it('comes a page of trainees at a time in the grid, heat map and readiness list, with the scale kept cohort-wide', async () => {
    const profiles = ['甲', '乙', '丙'].map((name, i) => ({ id: `p${i}`, name: `学员${name}`, staffNo: `A${i}` }));
    const attempts = profiles.map((p, i) => ({
      id: `a${i}`,
      profileId: p.id,
      scenarioId: 's1',
      scenarioTitle: '场景一',
      status: 'completed' as const,
      endedAt: Date.UTC(2026, 10, 1 + i),
      scores: { total: 70 + i },
      passed: true,
      blockerRule: null,
      findings: {
        byCategory: { tone: i + 1 },
        byRule: { 'tone-x': { category: 'tone' as const, severity: 'minor' as const, count: i + 1 } },
      },
    }));
    const user = userEvent.setup();
    render(CohortDashboard, { profiles, attempts, required: ['s1'], lastN: 5, titles: { s1: '场景一' }, pageSize: 2 });
    const pager = screen.getByRole('navigation', { name: '学员分页' });
    expect(pager).toHaveTextContent('第 1–2 名学员，共 3 名');
    expect(within(pager).getByRole('button', { name: '上一页' })).toBeDisabled();
    const heat = () => within(screen.getByRole('region', { name: '违规热力图' })).getAllByRole('table')[0];
    expect(
      within(heat())
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['学员甲', '学员乙', '全体合计']);
    expect(within(heat()).getAllByRole('cell')[1]).toHaveClass('l3'); // 2 of a cohort-wide max of 3
    expect(within(screen.getByRole('region', { name: '上线准备情况' })).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByRole('region', { name: '上线准备情况' })).toHaveTextContent('3/3 人已可上线。');

    await user.click(within(pager).getByRole('button', { name: '下一页' }));
    expect(pager).toHaveTextContent('第 3–3 名学员，共 3 名');
    const grid = within(screen.getByRole('region', { name: '学员 × 场景' })).getByRole('table');
    expect(
      within(grid)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['学员丙 A2']);
    expect(within(heat()).getAllByRole('cell')[0]).toHaveClass('l4');
    expect(within(pager).getByRole('button', { name: '下一页' })).toBeDisabled();
  });
});

describe('exports and imports', { timeout: 30_000 }, () => {
  it('CSV files start with the UTF-8 BOM and read back with Chinese names and the mentor’s decisions', async () => {
    const { failed } = await cohort();
    await overruleFinding(db, {
      attemptId: failed,
      turnIndex: 0,
      rule: 'cn-violence-threat',
      reason: '转述客户原话',
      by: '李老师',
      signer: mentorLock.signer,
    });
    const user = userEvent.setup();
    render(Review, { params: [] });
    await screen.findByRole('region', { name: '学员 × 场景' });
    for (const [i, name] of ['导出通话明细', '导出问题明细', '导出学员×场景表'].entries()) {
      await user.click(screen.getByRole('button', { name }));
      await vi.waitFor(() => expect(downloads).toHaveLength(i + 1));
    }
    expect(await screen.findByText(/^已导出 calldojo-cohort-\d{4}-\d{2}-\d{2}\.csv。$/)).toBeInTheDocument();
    expect(downloads.map((f) => f.name)).toEqual(
      [/attempts/, /findings/, /cohort/].map((re) => expect.stringMatching(re)),
    );
    const [attempts, findings, cohortSheet] = await Promise.all(
      downloads.map(async (f) => new Uint8Array(await f.arrayBuffer())),
    );
    for (const bytes of [attempts, findings, cohortSheet]) expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parse = (bytes: Uint8Array) =>
      Papa.parse<Record<string, string>>(new TextDecoder().decode(bytes), { header: true, skipEmptyLines: true }).data;

    const calls = parse(attempts);
    expect(calls).toHaveLength(4);
    expect(calls.map((r) => r['姓名']).sort()).toEqual(['王小明', '王小明', '陈小红', '陈小红']);
    const corrected = calls.find((r) => r['总分'] === '40')!;
    expect(corrected['带教修正后总分']).not.toBe('40');
    const rows = parse(findings);
    expect(rows.find((r) => r['规则'] === 'cn-violence-threat')).toMatchObject({
      姓名: '陈小红',
      学员原话: threatLine,
      带教处理: '已驳回',
      带教理由: '转述客户原话',
      带教处理代码: 'overruled',
    });
    expect(parse(cohortSheet).map((r) => [r['姓名'], r['场景'], r['最高分']])).toContainEqual([
      '王小明',
      TIGHT_MONEY.title,
      '82',
    ]);
  });

  it('a signed bundle moves trainees to another PC once; a tampered one is refused and changes nothing', async () => {
    await cohort();
    const user = userEvent.setup();
    const source = render(Review, { params: [] });
    await screen.findByRole('region', { name: '学员 × 场景' });
    await user.click(screen.getByRole('button', { name: '导出签名数据包' }));
    expect(await screen.findByText(/已导出 calldojo-.*（4 次通话）/)).toBeInTheDocument();
    const bundle = downloads[0];
    source.unmount();

    // Another PC: its own database and PIN.
    db = createDb(`t-${Math.random()}`);
    useDb(db);
    await setMentorPin(db, '1357');
    mentorLock.lock();
    await mentorLock.unlock('周老师', '1357');
    const text = await bundle.text();
    const tampered = new File([text.replace('"total": 82', '"total": 99')], 'tampered.json', {
      type: 'application/json',
    });
    expect(await tampered.text()).not.toBe(text);
    render(Review, { params: [] });
    expect(await screen.findByText('还没有可复核的通话。')).toBeInTheDocument();

    await user.upload(screen.getByLabelText('导入数据包'), tampered);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('签名校验失败');
    expect(alert).toHaveTextContent('本机数据没有任何变化');
    expect(await db.attempts.count()).toBe(0);
    expect(await db.profiles.count()).toBe(0);

    await user.upload(screen.getByLabelText('导入数据包'), new File([text], bundle.name, { type: 'application/json' }));
    // The first file from a PC this one never accepted is held until the mentor accepts that device.
    expect(await screen.findByText('来自未确认设备的数据包，尚未导入')).toBeInTheDocument();
    expect(await db.attempts.count()).toBe(0);
    await user.click(screen.getByRole('button', { name: '接受这台设备并导入' }));
    expect(
      await screen.findByText('导入完成：新增 2 名学员、4 次通话、0 条复核；跳过 0 条已有记录。'),
    ).toBeInTheDocument();
    expect(screen.getByText(/签名有效/)).toBeInTheDocument();
    expect((await screen.findAllByRole('rowheader', { name: /王小明/ })).length).toBeGreaterThan(0);
    expect(screen.getAllByRole('rowheader', { name: /陈小红/ }).length).toBeGreaterThan(0);

    await user.upload(screen.getByLabelText('导入数据包'), new File([text], bundle.name, { type: 'application/json' }));
    expect(await screen.findByText(/导入完成：新增 0 名学员、0 次通话、0 条复核/)).toBeInTheDocument();
    expect(await db.attempts.count()).toBe(4);
  });

  it('names a row that differs from this PC’s in the interface language', async () => {
    const { wang } = await cohort();
    const user = userEvent.setup();
    render(Review, { params: [] });
    await screen.findByRole('region', { name: '学员 × 场景' });
    await user.click(screen.getByRole('button', { name: '导出签名数据包' }));
    await screen.findByText(/已导出 calldojo-/);
    await renameProfile(db, wang.id, '王晓明');
    await user.upload(
      screen.getByLabelText('导入数据包'),
      new File([await downloads[0].text()], 'cohort.json', { type: 'application/json' }),
    );
    expect(await screen.findByText('1 条记录与本机不同，已保留本机版本：')).toBeInTheDocument();
    expect(screen.getByText(`档案 ${wang.id}`)).toBeInTheDocument();
    expect(screen.queryByText(/kept as is/)).toBeNull();
  });
});
