import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cohortTable, type CohortProfile } from '../../src/report/cohort.ts';
import { attemptsCsv, cohortCsv, findingRows, findingsCsv, toCsv, type CsvAttempt } from '../../src/report/csv.ts';
import type { ScoredTurn } from '../../src/report/types.ts';
import type { Finding } from '../../src/scoring/types.ts';
import { csvNames } from '../../src/state/csv-names.ts';

const zh = csvNames('zh-CN');
const en = csvNames('en');

/** Parses like a spreadsheet would, after checking and removing the BOM papaparse would otherwise keep in cell A1. */
function parse(csv: string): string[][] {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const bytes = new TextEncoder().encode(csv);
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const result = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  expect(result.meta.linebreak).toBe('\r\n');
  return result.data;
}

describe('toCsv', () => {
  it('writes BOM + CRLF, quotes commas, quotes, and line breaks, and the parser gets every cell back', () => {
    const rows = [
      ['王小明', '您好，我是"华信银行"的', 'line one\r\nline two', 'a,b', 42, -3.5, true, null],
      ['', ' 前后空格 ', '换行\n只有LF', '', 0, 0, false, null],
    ];
    const csv = toCsv(['姓名', '原话', '备注', 'x', 'n', 'm', 'ok', 'none'], rows);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[0]).toBe('\uFEFF姓名,原话,备注,x,n,m,ok,none');
    expect(parse(csv)).toEqual([
      ['姓名', '原话', '备注', 'x', 'n', 'm', 'ok', 'none'],
      ['王小明', '您好，我是"华信银行"的', 'line one\r\nline two', 'a,b', '42', '-3.5', 'TRUE', ''],
      ['', ' 前后空格 ', '换行\n只有LF', '', '0', '0', 'FALSE', ''],
    ]);
  });

  it('defuses cells Excel would run as formulas, but not numbers', () => {
    const evil = ['=HYPERLINK("http://x","点我")', '+86 123', '-1+1', '@SUM(A1)', '\t=1', 'a=b'];
    const [, row] = parse(toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g'], [[...evil, -7]]));
    expect(row).toEqual(['\'=HYPERLINK("http://x","点我")', "'+86 123", "'-1+1", "'@SUM(A1)", "'\t=1", 'a=b', '-7']);
  });
});

const profiles: CohortProfile[] = [
  { id: 'p1', name: '王小明', staffNo: 'A1001' },
  { id: 'p2', name: '=cmd|calc', staffNo: 'A1002' },
];
const t0 = new Date(2026, 10, 20, 9, 5).getTime();
const attempt = (id: string, profileId: string, total: number, over: Partial<CsvAttempt> = {}): CsvAttempt => ({
  id,
  profileId,
  scenarioId: 'first-contact-01',
  scenarioTitle: '首次催收：还款提醒',
  status: 'completed',
  lang: 'zh',
  mode: 'practice',
  startedAt: t0,
  endedAt: t0 + 5 * 60_000,
  outcome: 'ptp',
  passed: total >= 60,
  blockerRule: null,
  findings: { byCategory: {}, byRule: {} },
  scores: { compliance: total, script: total, tone: total, outcome: total, record: total, total },
  ...over,
});

describe('sheet builders', () => {
  it('attempts: Chinese headers and values, times read as dates, mentor corrections beside machine scores, codes at the end', () => {
    const rows = parse(
      attemptsCsv(
        profiles,
        [
          attempt('a1', 'p1', 40, { passed: false, blockerRule: 'cn-threat' }),
          attempt('a2', 'p2', 80, { mode: 'exam', outcome: 'callback_scheduled' }),
        ],
        {
          names: zh,
          effective: new Map([
            [
              'a1',
              { scores: { compliance: 80, script: 40, tone: 40, outcome: 40, record: 40, total: 54 }, passed: false },
            ],
          ]),
        },
      ),
    );
    expect(rows[0].slice(0, 4)).toEqual(['工号', '姓名', '场景编号', '场景']);
    expect(rows[0].slice(-6)).toEqual([
      '语言代码',
      '模式代码',
      '状态代码',
      '结果代码',
      '通过代码',
      '带教修正后通过代码',
    ]);
    expect(rows[1]).toEqual([
      'A1001',
      '王小明',
      'first-contact-01',
      '首次催收：还款提醒',
      '中文',
      '练习',
      '已完成',
      '2026-11-20 09:05',
      '2026-11-20 09:10',
      '承诺还款',
      '40',
      '40',
      '40',
      '40',
      '40',
      '40',
      '否',
      'cn-threat',
      '54',
      '否',
      'zh',
      'practice',
      'completed',
      'ptp',
      'FALSE',
      'FALSE',
    ]);
    expect(rows[2].slice(0, 2)).toEqual(['A1002', "'=cmd|calc"]);
    expect(rows[2].slice(4, 10)).toEqual([
      '中文',
      '考核',
      '已完成',
      '2026-11-20 09:05',
      '2026-11-20 09:10',
      '约定回电',
    ]);
    expect(rows[2].slice(16, 20)).toEqual(['是', '', '80', '是']);
    expect(rows[2].slice(-6)).toEqual(['zh', 'exam', 'completed', 'callback_scheduled', 'TRUE', 'TRUE']);
  });

  it('attempts in English: English headers and words, the same codes', () => {
    const rows = parse(
      attemptsCsv(profiles, [attempt('a1', 'p1', 40, { passed: false, status: 'abandoned', outcome: null })], {
        lang: 'en',
        names: en,
      }),
    );
    expect(rows[0][0]).toBe('Staff no.');
    expect(rows[1].slice(4, 10)).toEqual([
      'Chinese',
      'Practice',
      'Abandoned',
      '2026-11-20 09:05',
      '2026-11-20 09:10',
      '',
    ]);
    expect(rows[1][16]).toBe('No');
    expect(rows[1].slice(-6)).toEqual(['zh', 'practice', 'abandoned', '', 'FALSE', 'FALSE']);
  });

  it('findings: machine findings marked kept or overruled, added ones listed, line numbers from 1', () => {
    const f = (rule: string): Finding => ({
      rule,
      category: 'threat',
      severity: 'critical',
      start: 0,
      end: 4,
      quote: '后果自负',
      message: '威胁',
      better: '',
      sources: [],
    });
    const turns: ScoredTurn[] = [
      {
        text: '您好',
        nodeId: 'a',
        expected: [],
        assessment: { findings: [], tone: { label: 'polite', score: 80, reasons: [] }, moves: [], elements: [] },
      },
      {
        text: '不还钱后果自负',
        nodeId: 'b',
        expected: [],
        assessment: {
          findings: [f('cn-threat')],
          tone: { label: 'rude', score: 20, reasons: [] },
          moves: [],
          elements: [],
        },
      },
    ];
    const rows = findingRows(profiles[0], { id: 'a1', scenarioTitle: '首次催收', endedAt: t0 }, turns, [
      {
        turnIndex: 1,
        action: 'overrule',
        rule: 'cn-threat',
        category: 'threat',
        severity: 'critical',
        reason: '复述客户的话',
      },
      {
        turnIndex: 0,
        action: 'add',
        rule: 'cn-no-id',
        category: 'missing_disclosure',
        severity: 'major',
        reason: '没报工号',
      },
      { turnIndex: 0, action: 'add', rule: 'cn-x', category: 'privacy', severity: 'minor', reason: '加错了' },
      { turnIndex: 0, action: 'overrule', rule: 'cn-x', category: 'privacy', severity: 'minor', reason: '撤回' },
    ]);
    const sheet = parse(findingsCsv(rows, { names: zh }));
    expect(sheet[0].slice(-3)).toEqual(['类别代码', '严重程度代码', '带教处理代码']);
    expect(sheet.slice(1).map((r) => [r[5], r[6], r[7], r[8], r[9], r[12], r[13], ...r.slice(-3)])).toEqual([
      ['1', '您好', 'cn-no-id', '缺少必要告知', '较重', '已补充', '没报工号', 'missing_disclosure', 'major', 'added'],
      ['1', '您好', 'cn-x', '隐私保护', '提示', '已驳回', '撤回', 'privacy', 'minor', 'overruled'],
      [
        '2',
        '不还钱后果自负',
        'cn-threat',
        '威胁恐吓',
        '严重',
        '已驳回',
        '复述客户的话',
        'threat',
        'critical',
        'overruled',
      ],
    ]);
    const english = parse(findingsCsv(rows, { lang: 'en', names: en }));
    expect(english.slice(1).map((r) => [r[8], r[9], r[12]])).toEqual([
      ['Missing disclosure', 'Major', 'Added'],
      ['Privacy', 'Minor', 'Overruled'],
      ['Threats', 'Critical', 'Overruled'],
    ]);
  });

  it('cohort: one row per trainee × scenario', () => {
    const table = cohortTable(profiles, [attempt('a1', 'p1', 40), attempt('a2', 'p1', 75), attempt('a3', 'p2', 90)]);
    expect(
      parse(cohortCsv(table, { names: zh }))
        .slice(1)
        .map((r) => [...r.slice(0, 7), r[8]]),
    ).toEqual([
      ['A1002', "'=cmd|calc", 'first-contact-01', '首次催收：还款提醒', '90', '1', '是', 'TRUE'],
      ['A1001', '王小明', 'first-contact-01', '首次催收：还款提醒', '75', '2', '是', 'TRUE'],
    ]);
  });
});
