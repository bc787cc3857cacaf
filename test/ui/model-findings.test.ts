import { cleanup, configure, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { attemptReport } from '../../src/report/attempt-report.ts';
import type { Scenario } from '../../src/scenarios/ir.ts';
import type { Assessment, Finding } from '../../src/scoring/types.ts';
import { useDb } from '../../src/state/db.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import { mentorLock } from '../../src/state/mentor-lock.svelte.ts';
import type { PracticeState } from '../../src/state/practice.svelte.ts';
import type { TranscriptEntry } from '../../src/state/practice-types.ts';
import {
  addFinding,
  completeAttempt,
  createDb,
  createProfile,
  listOverrides,
  recordPersonaTurn,
  recordTraineeTurn,
  setMentorPin,
  startAttempt,
  type CallDojoDb,
} from '../../src/storage/index.ts';
import Review from '../../src/ui/pages/Review.svelte';
import ReviewNotice from '../../src/ui/review/ReviewNotice.svelte';
import CallReport from '../../src/ui/practice/CallReport.svelte';
import CallScreen from '../../src/ui/practice/CallScreen.svelte';
import { LEGACY_POLICY } from '../../src/report/pass-policy.ts';

configure({ asyncUtilTimeout: 8000 });

const OPENING = '您好，我是华信银行信用卡中心的小王，工号3021。';
const LINE = '你再拖着，后果自负！';
/** What the engine produces below its confidence bar: a rule, sources, a better line, the quote, the model's note. */
const queued: Finding = {
  rule: 'cn-violence-threat',
  category: 'threat',
  severity: 'critical',
  start: 5,
  end: 9,
  quote: '后果自负',
  message: '不得以暴力或其他后果威胁债务人（模型判断，置信度 72%；依据：“后果自负”）',
  better: '请您尽快安排还款，有困难我们可以一起商量。',
  sources: [{ clause: '《催收工作指引》第 12 条', url: 'https://example.test/guide#12', status: 'V' }],
  origin: 'model',
  confidence: 0.72,
  review: true,
};
const confident: Finding = {
  ...queued,
  confidence: 0.93,
  message: '不得以暴力或其他后果威胁债务人（模型判断，置信度 93%）',
};
delete confident.review;
const assessment = (findings: Finding[]): Assessment => ({
  findings,
  tone: { label: 'neutral', score: 60, reasons: [] },
  moves: [],
  elements: [],
});
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
const transcript = (findings: Finding[]): TranscriptEntry[] => [
  { speaker: 'persona', text: '喂？', nodeId: 'n0', assessment: null },
  { speaker: 'trainee', text: OPENING, nodeId: 'n1', assessment: assessment([]) },
  { speaker: 'trainee', text: LINE, nodeId: 'n2', assessment: assessment(findings) },
];
const reportOf = (findings: Finding[]) =>
  attemptReport({
    course: 'first_contact',
    policy: LEGACY_POLICY,
    outcome: { code: 'ptp', amount: 500, date: '+3d' },
    recordChecks: [{ field: 'resultCode', ok: true, expected: 'ptp', actual: 'ptp' }],
    turns: [OPENING, LINE].map((text, i) => ({
      text,
      nodeId: 'n',
      expected: [],
      assessment: assessment(i ? findings : []),
    })),
  });

beforeEach(() => locale.set('zh-CN'));

describe('a model finding shown to the trainee', () => {
  it('in the live hint: badge with confidence, awaiting review, and the explanation kept', async () => {
    const practice = {
      mode: 'practice',
      call: null,
      feedback: null,
      drill: [],
      busy: false,
      startedAt: Date.now(),
      error: null,
      transcript: transcript([queued]),
      preview: (draft: string) => (draft ? assessment([queued]) : null),
      typing() {},
      pasted() {},
      hangUp() {},
      say: async () => {},
      choose: async () => {},
    } as unknown as PracticeState;
    const user = userEvent.setup();
    render(CallScreen, { practice, scenario });
    // The sent line marks the model's words as a model judgement awaiting review.
    const sent = screen.getByText('后果自负', { selector: 'mark' });
    expect(sent).toHaveClass('review');
    expect(sent).toHaveTextContent('（模型判断，待复核）');

    await user.type(screen.getByLabelText('你的回复'), LINE);
    const hints = screen.getByRole('region', { name: '实时提示' });
    const item = await within(hints).findByRole('listitem');
    expect(item).toHaveTextContent('模型判断 · 置信度 72%');
    expect(item).toHaveTextContent('待带教老师复核：确认前不计入是否通过');
    expect(item).toHaveTextContent('规则：cn-violence-threat');
    expect(item).toHaveTextContent('更好的说法：请您尽快安排还款');
    expect(within(item).getByRole('link', { name: '《催收工作指引》第 12 条' })).toHaveAttribute(
      'href',
      'https://example.test/guide#12',
    );
  });

  it('in the report: a confident model finding has its badge and counts; a queued one does not fail the call', () => {
    const counted = render(CallReport, {
      scenario,
      transcript: transcript([confident]),
      report: reportOf([confident]),
      checks: [],
      onagain: () => {},
    });
    expect(screen.getByRole('status')).toHaveTextContent('未通过');
    expect(screen.getByText('模型判断 · 置信度 93%')).toBeInTheDocument();
    expect(screen.queryByText(/待带教老师复核/)).not.toBeInTheDocument();
    expect(screen.getByText('后果自负', { selector: 'mark' })).toHaveClass('model');
    counted.unmount();

    render(CallReport, {
      scenario,
      transcript: transcript([queued]),
      report: reportOf([queued]),
      checks: [],
      onagain: () => {},
    });
    expect(screen.getByRole('status')).toHaveTextContent(/^通过 · \d+ 分$/);
    expect(screen.getByText('另有 1 条模型判断待带教老师复核：确认前不影响是否通过。')).toBeInTheDocument();
    expect(screen.getByText('模型判断 · 置信度 72%')).toBeInTheDocument();
    expect(screen.getByText('待带教老师复核：确认前不计入是否通过')).toBeInTheDocument();
    expect(screen.getByText('后果自负', { selector: 'mark' })).toHaveClass('review');
  });

  it('in English too', () => {
    locale.set('en');
    render(CallReport, {
      scenario,
      transcript: transcript([queued]),
      report: reportOf([queued]),
      checks: [],
      onagain: () => {},
    });
    expect(screen.getByText('Model judgement · 72% confident')).toBeInTheDocument();
    expect(
      screen.getByText('Awaiting a mentor’s confirmation: does not count against the pass until then'),
    ).toBeInTheDocument();
  });
});

describe('the mentor’s review queue', { timeout: 30_000 }, () => {
  let db: CallDojoDb;

  beforeEach(async () => {
    db = createDb(`m-${Math.random()}`);
    useDb(db);
    await setMentorPin(db, '2468');
    mentorLock.lock();
    await mentorLock.unlock('李老师', '2468'); // unlocked in this tab, as after entering the PIN
  });

  /** A finished call whose second line has `findings`, scored as the app scores it. */
  async function call(name: string, findings: Finding[]) {
    const p = await createProfile(db, { name, staffNo: `T${Math.floor(Math.random() * 1e9)}` });
    const a = await startAttempt(db, {
      profileId: p.id,
      scenarioId: 'zh-first',
      scenarioTitle: '首次联系',
      lang: 'zh',
      mode: 'practice',
      seed: 1,
      snapshot: { version: 1 },
    });
    await recordPersonaTurn(
      db,
      a.id,
      { text: '喂？', stage: 'opening', personaState: { node: 'opening', mood: 'calm', trust: 50, irritation: 10 } },
      { version: 1 },
    );
    await recordTraineeTurn(db, a.id, { text: OPENING, assessment: assessment([]), stage: 'opening' }, { version: 1 });
    await recordTraineeTurn(
      db,
      a.id,
      { text: LINE, assessment: assessment(findings), stage: 'negotiation' },
      { version: 1 },
    );
    const report = reportOf(findings);
    await completeAttempt(db, a.id, {
      scores: report.scores,
      outcome: 'ptp',
      passed: report.passed,
      blockerRule: report.blocker?.rule ?? null,
    });
    return { attemptId: a.id, profileId: p.id, machine: report };
  }

  it('counts findings awaiting review per call and filters the list to them', async () => {
    await call('王小明', [queued]);
    await call('陈小红', []);
    const user = userEvent.setup();
    render(Review, { params: ['attempts'] });
    const table = await screen.findByRole('table');
    const header = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    const col = header.indexOf('待复核');
    expect(col).toBeGreaterThan(0);
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(name) });
    expect(within(row('王小明')).getAllByRole('cell')[col - 1]).toHaveTextContent('1');
    expect(within(row('陈小红')).getAllByRole('cell')[col - 1]).toHaveTextContent('–');

    await user.selectOptions(screen.getByRole('combobox', { name: '显示' }), '只看有待复核模型判断的通话');
    expect(within(table).queryByRole('row', { name: /陈小红/ })).not.toBeInTheDocument();
    expect(row('王小明')).toBeInTheDocument();
  });

  it('confirming a finding makes it count: the verdict fails, the audit trail says who confirmed it and why', async () => {
    const { attemptId, machine } = await call('王小明', [queued]);
    expect(machine.passed).toBe(true);
    const user = userEvent.setup();
    render(Review, { params: ['attempt', attemptId] });
    expect(
      await screen.findByText('这次通话有 1 条模型判断待复核：确认后计入成绩，驳回后不再计。'),
    ).toBeInTheDocument();
    const transcriptRegion = screen.getByRole('region', { name: '通话逐句复核' });
    expect(transcriptRegion).toHaveTextContent('模型判断 · 置信度 72%');
    // Findings awaiting review are decided on, not overruled.
    expect(screen.queryByText('驳回 cn-violence-threat（误判）')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '确认（计入成绩）' }));
    expect(screen.getByText(/请填写理由/)).toBeInTheDocument();
    expect(await listOverrides(db, attemptId)).toEqual([]);
    await user.type(screen.getByLabelText('复核 cn-violence-threat 的理由'), '“后果自负”就是威胁');
    await user.click(screen.getByRole('button', { name: '确认（计入成绩）' }));

    expect(await screen.findByText('已确认模型判断')).toBeInTheDocument();
    const scores = screen.getByRole('table', { name: '机器评分与复核后得分' });
    await expect.poll(() => within(scores).getByRole('row', { name: /结论/ }).textContent).toContain('通过未通过');
    expect(screen.queryByText(/条模型判断待复核/)).not.toBeInTheDocument();
    expect(transcriptRegion).not.toHaveTextContent('待带教老师复核');

    const [row] = await listOverrides(db, attemptId);
    expect(row).toMatchObject({
      action: 'add',
      turnIndex: 1,
      rule: 'cn-violence-threat',
      category: 'threat',
      severity: 'critical',
      by: '李老师',
      reason: '“后果自负”就是威胁',
    });
    const audit = within(screen.getByRole('region', { name: '复核记录（审计轨迹）' })).getAllByRole('row');
    expect(audit).toHaveLength(3);
    expect(audit[2]).toHaveTextContent(
      `李老师确认学员第 2 句的模型判断 cn-violence-threat（严重），计入成绩“后果自负”就是威胁${machine.scores.total} → ${row.scoresAfter.total}`,
    );

    // In the list, the call now counts as failed by the confirmed finding and has nothing left to review.
    cleanup();
    render(Review, { params: ['attempts'] });
    const listed = await screen.findByRole('row', { name: /王小明/ });
    expect(listed).toHaveTextContent(/未通过\s*· cn-violence-threat/);
    expect(
      within(listed)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toContain('–');
  });

  it('dismissing a finding removes it from the queue and the list, leaving the verdict as it was', async () => {
    const { attemptId } = await call('王小明', [queued]);
    const user = userEvent.setup();
    render(Review, { params: ['attempt', attemptId] });
    await user.type(await screen.findByLabelText('复核 cn-violence-threat 的理由'), '客户自己说的，学员在复述');
    await user.click(screen.getByRole('button', { name: '驳回（不计）' }));

    expect(await screen.findByText('已驳回模型判断')).toBeInTheDocument();
    await expect.poll(() => screen.queryByText(/条模型判断待复核/)).toBeNull();
    expect(screen.getByRole('region', { name: '通话逐句复核' })).not.toHaveTextContent('模型判断 · 置信度');
    const scores = screen.getByRole('table', { name: '机器评分与复核后得分' });
    expect(within(scores).getByRole('row', { name: /结论/ })).toHaveTextContent('通过通过');
    const [row] = await listOverrides(db, attemptId);
    expect(row).toMatchObject({ action: 'overrule', rule: 'cn-violence-threat', reason: '客户自己说的，学员在复述' });
    const audit = within(screen.getByRole('region', { name: '复核记录（审计轨迹）' })).getAllByRole('row');
    expect(audit[2]).toHaveTextContent('驳回学员第 2 句的模型判断 cn-violence-threat（严重）');

    cleanup();
    render(Review, { params: ['attempts'] });
    await user.selectOptions(await screen.findByRole('combobox', { name: '显示' }), '只看有待复核模型判断的通话');
    expect(await screen.findByText('没有待复核的模型判断。')).toBeInTheDocument();
  });

  it('the trainee reads a confirmation as such, with the score that now counts', async () => {
    const { attemptId, profileId } = await call('王小明', [queued]);
    await addFinding(db, {
      attemptId,
      turnIndex: 1,
      rule: queued.rule,
      category: 'threat',
      severity: 'critical',
      reason: '这就是威胁',
      by: '李老师',
      signer: mentorLock.signer,
    });
    render(ReviewNotice, { attemptId, profileId });
    const notice = await screen.findByRole('region', { name: '带教复核意见' });
    expect(notice).toHaveTextContent('确认学员第 2 句的模型判断 cn-violence-threat（严重），计入成绩 — 这就是威胁');
    expect(within(notice).getByRole('status')).toHaveTextContent('未通过');
  });
});
