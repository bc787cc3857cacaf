/**
 * CSV exports a mentor opens in Excel: UTF-8 with a BOM (without it Excel on a Chinese Windows reads the bytes as GBK
 * and garbles every name), CRLF line ends, RFC 4180 quoting, and no cell Excel would run as a formula. Coded values
 * (mode, outcome, severity, yes/no…) read in the sheet's language; the codes follow in their own columns for tools.
 */
import type { Category, Finding, Severity } from '../scoring/types.ts';
import type { CohortAttempt, CohortProfile, CohortRow } from './cohort.ts';
import type { OverrideInput } from './overrides.ts';
import type { AttemptScores, ScoredTurn } from './types.ts';

export type CsvCell = string | number | boolean | null;
type Lang = 'zh' | 'en';

/**
 * Text that Excel or LibreOffice would evaluate (=, +, -, @, or a leading tab/CR) gets a leading apostrophe: a name
 * like `=HYPERLINK(...)` typed into a profile must arrive as text on the mentor's PC, not as a live formula.
 */
function cellText(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, header row, one CRLF-terminated row per record. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(cellText).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Local `YYYY-MM-DD HH:mm`, which Excel reads as a date and time. */
function when(t: number | null): string | null {
  if (t === null) return null;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const pick = (lang: Lang, zh: string[], en: string[]) => (lang === 'zh' ? zh : en);

/** What a mentor made of a finding: the machine's kept, struck by a mentor, or added by one. */
export type Decision = 'machine' | 'overruled' | 'added';

/** The words for each code in the sheet's language, from the caller's message catalogue (this module knows no text). */
export interface CodeNames {
  lang(code: string): string;
  mode(code: string): string;
  status(code: string): string;
  outcome(code: string): string;
  category(code: Category): string;
  severity(code: Severity): string;
  decision(code: Decision): string;
  yesNo(value: boolean): string;
}

/** A code's name, or an empty cell when there is no code. */
const named = <T extends string | boolean>(value: T | null, name: (v: T) => string): string | null =>
  value === null ? null : name(value);

export interface CsvAttempt extends CohortAttempt {
  lang: string;
  mode: string;
  startedAt: number;
  outcome: string | null;
  scores: AttemptScores | null;
}

/** One row per attempt with its machine scores and, when given, the mentor-corrected total and verdict. */
export function attemptsCsv(
  profiles: readonly CohortProfile[],
  attempts: readonly CsvAttempt[],
  options: {
    lang?: Lang;
    names: CodeNames;
    effective?: ReadonlyMap<string, { scores: AttemptScores; passed: boolean }>;
  },
): string {
  const { names } = options;
  const header = pick(
    options.lang ?? 'zh',
    [
      '工号',
      '姓名',
      '场景编号',
      '场景',
      '语言',
      '模式',
      '状态',
      '开始时间',
      '结束时间',
      '结果',
      '总分',
      '合规',
      '话术',
      '语气',
      '结果分',
      '记录',
      '通过',
      '一票否决规则',
      '带教修正后总分',
      '带教修正后通过',
      '语言代码',
      '模式代码',
      '状态代码',
      '结果代码',
      '通过代码',
      '带教修正后通过代码',
    ],
    [
      'Staff no.',
      'Name',
      'Scenario id',
      'Scenario',
      'Language',
      'Mode',
      'Status',
      'Started',
      'Ended',
      'Outcome',
      'Total',
      'Compliance',
      'Script',
      'Tone',
      'Outcome score',
      'Record',
      'Passed',
      'Blocker rule',
      'Mentor-corrected total',
      'Mentor-corrected pass',
      'Language code',
      'Mode code',
      'Status code',
      'Outcome code',
      'Passed code',
      'Mentor-corrected pass code',
    ],
  );
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const rows = attempts.map((a) => {
    const p = byId.get(a.profileId);
    const s = a.scores;
    const eff = options.effective?.get(a.id);
    const effPassed = eff ? eff.passed : a.passed;
    return [
      p?.staffNo ?? null,
      p?.name ?? null,
      a.scenarioId,
      a.scenarioTitle,
      names.lang(a.lang),
      names.mode(a.mode),
      names.status(a.status),
      when(a.startedAt),
      when(a.endedAt),
      named(a.outcome, names.outcome),
      s?.total ?? null,
      s?.compliance ?? null,
      s?.script ?? null,
      s?.tone ?? null,
      s?.outcome ?? null,
      s?.record ?? null,
      named(a.passed, names.yesNo),
      a.blockerRule,
      eff?.scores.total ?? s?.total ?? null,
      named(effPassed, names.yesNo),
      a.lang,
      a.mode,
      a.status,
      a.outcome,
      a.passed,
      effPassed,
    ];
  });
  return toCsv(header, rows);
}

export interface FindingRow {
  staffNo: string;
  name: string;
  attemptId: string;
  scenarioTitle: string;
  endedAt: number | null;
  /** Index among the call's scored trainee lines (as in overrides), 1-based in the file for people. */
  turnIndex: number;
  line: string;
  finding: Pick<Finding, 'rule' | 'category' | 'severity' | 'quote' | 'message'>;
  /** machine: as scored; overruled: a mentor struck it; added: a mentor added it. */
  status: Decision;
  reason: string;
}

/** The machine's findings of one call marked as kept or overruled, plus the ones mentors added, in line order. */
export function findingRows(
  profile: CohortProfile,
  attempt: Pick<CohortAttempt, 'id' | 'scenarioTitle' | 'endedAt'>,
  turns: readonly ScoredTurn[],
  overrides: readonly OverrideInput[] = [],
): FindingRow[] {
  const base = {
    staffNo: profile.staffNo,
    name: profile.name,
    attemptId: attempt.id,
    scenarioTitle: attempt.scenarioTitle,
    endedAt: attempt.endedAt,
  };
  // Corrections apply in order, so an overrule strikes the machine's finding and any earlier added one of its rule.
  const struck = (turnIndex: number, rule: string, after: number) =>
    overrides.findLast((o, i) => i > after && o.action === 'overrule' && o.turnIndex === turnIndex && o.rule === rule);
  return turns.flatMap((t, turnIndex) => {
    const machine = t.assessment.findings.map((f): FindingRow => {
      const o = struck(turnIndex, f.rule, -1);
      return {
        ...base,
        turnIndex,
        line: t.text,
        finding: f,
        status: o ? 'overruled' : 'machine',
        reason: o?.reason ?? '',
      };
    });
    const added = overrides.flatMap((o, i): FindingRow[] => {
      if (o.action !== 'add' || o.turnIndex !== turnIndex) return [];
      const later = struck(turnIndex, o.rule, i);
      const finding = {
        rule: o.rule,
        category: o.category,
        severity: o.severity,
        quote: o.quote ?? '',
        message: o.reason,
      };
      return [
        {
          ...base,
          turnIndex,
          line: t.text,
          finding,
          status: later ? 'overruled' : 'added',
          reason: later?.reason ?? o.reason,
        },
      ];
    });
    return [...machine, ...added];
  });
}

/** One row per finding, with the trainee's line and what mentors decided about it. */
export function findingsCsv(rows: readonly FindingRow[], options: { lang?: Lang; names: CodeNames }): string {
  const { names } = options;
  const header = pick(
    options.lang ?? 'zh',
    [
      '工号',
      '姓名',
      '练习编号',
      '场景',
      '结束时间',
      '第几句',
      '学员原话',
      '规则',
      '类别',
      '严重程度',
      '证据',
      '说明',
      '带教处理',
      '带教理由',
      '类别代码',
      '严重程度代码',
      '带教处理代码',
    ],
    [
      'Staff no.',
      'Name',
      'Attempt id',
      'Scenario',
      'Ended',
      'Line no.',
      'Trainee line',
      'Rule',
      'Category',
      'Severity',
      'Evidence',
      'Message',
      'Mentor decision',
      'Mentor reason',
      'Category code',
      'Severity code',
      'Mentor decision code',
    ],
  );
  return toCsv(
    header,
    rows.map((r) => [
      r.staffNo,
      r.name,
      r.attemptId,
      r.scenarioTitle,
      when(r.endedAt),
      r.turnIndex + 1,
      r.line,
      r.finding.rule,
      names.category(r.finding.category),
      names.severity(r.finding.severity),
      r.finding.quote,
      r.finding.message,
      names.decision(r.status),
      r.reason,
      r.finding.category,
      r.finding.severity,
      r.status,
    ]),
  );
}

/** The cohort table (trainee × scenario) as a sheet. */
export function cohortCsv(rows: readonly CohortRow[], options: { lang?: Lang; names: CodeNames }): string {
  const header = pick(
    options.lang ?? 'zh',
    ['工号', '姓名', '场景编号', '场景', '最高分', '完成次数', '已通过', '最近一次', '已通过代码'],
    ['Staff no.', 'Name', 'Scenario id', 'Scenario', 'Best total', 'Attempts', 'Passed', 'Last attempt', 'Passed code'],
  );
  return toCsv(
    header,
    rows.map((r) => [
      r.staffNo,
      r.name,
      r.scenarioId,
      r.scenarioTitle,
      r.best,
      r.attempts,
      options.names.yesNo(r.passed),
      when(r.lastAt),
      r.passed,
    ]),
  );
}
