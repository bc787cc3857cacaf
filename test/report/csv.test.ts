import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { cohortTable, type CohortProfile } from '../../src/report/cohort.ts';
import { attemptsCsv, cohortCsv, findingRows, findingsCsv, toCsv, type CsvAttempt } from '../../src/report/csv.ts';
import type { ScoredTurn } from '../../src/report/types.ts';
import type { Finding } from '../../src/scoring/types.ts';

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
    expect(row).toEqual(["'=HYPERLINK(\"http://x\",\"点我\")", "'+86 123", "'-1+1", "'@SUM(A1)", "'\t=1", 'a=b', '-7']);
  });
});

const profiles: CohortProfile[] = [{ id: 'p1', name: '王小明', staffNo: 'A1001' }, { id: 'p2', name: '=cmd|calc', staffNo: 'A1002' }];
const t0 = new Date(2026, 10, 20, 9, 5).getTime();
const attempt = (id: string, profileId: string, total: number, over: Partial<CsvAttempt> = {}): CsvAttempt => ({
  id, profileId, scenarioId: 'first-contact-01', scenarioTitle: '首次催收：还款提醒', status: 'completed', lang: 'zh', mode: 'practice',
  startedAt: t0, endedAt: t0 + 5 * 60_000, outcome: 'ptp', passed: total >= 60, blockerRule: null, findings: { byCategory: {}, byRule: {} },
  scores: { compliance: total, script: total, tone: total, outcome: total, record: total, total }, ...over,
});

describe('sheet builders', () => {
  it('attempts: Chinese headers and text survive, times read as dates, mentor corrections shown beside machine scores', () => {
    const rows = parse(attemptsCsv(profiles, [attempt('a1', 'p1', 40, { passed: false, blockerRule: 'cn-threat' }), attempt('a2', 'p2', 80)], {
      effective: new Map([['a1', { scores: { compliance: 80, script: 40, tone: 40, outcome: 40, record: 40, total: 54 }, passed: false }]]),
    }));
    expect(rows[0].slice(0, 4)).toEqual(['工号', '姓名', '场景编号', '场景']);
    expect(rows[1]).toEqual(['A1001', '王小明', 'first-contact-01', '首次催收：还款提醒', 'zh', 'practice', 'completed', '2026-11-20 09:05', '2026-11-20 09:10', 'ptp',
      '40', '40', '40', '40', '40', '40', 'FALSE', 'cn-threat', '54', 'FALSE']);
    expect(rows[2].slice(0, 2)).toEqual(['A1002', "'=cmd|calc"]);
    expect(rows[2].slice(-2)).toEqual(['80', 'TRUE']);
    expect(parse(attemptsCsv(profiles, [], { lang: 'en' }))[0][0]).toBe('Staff no.');
  });

  it('findings: machine findings marked kept or overruled, added ones listed, line numbers from 1', () => {
    const f = (rule: string): Finding => ({ rule, category: 'threat', severity: 'critical', start: 0, end: 4, quote: '后果自负', message: '威胁', better: '', sources: [] });
    const turns: ScoredTurn[] = [
      { text: '您好', nodeId: 'a', expected: [], assessment: { findings: [], tone: { label: 'polite', score: 80, reasons: [] }, moves: [], elements: [] } },
      { text: '不还钱后果自负', nodeId: 'b', expected: [], assessment: { findings: [f('cn-threat')], tone: { label: 'rude', score: 20, reasons: [] }, moves: [], elements: [] } },
    ];
    const rows = findingRows(profiles[0], { id: 'a1', scenarioTitle: '首次催收', endedAt: t0 }, turns, [
      { turnIndex: 1, action: 'overrule', rule: 'cn-threat', category: 'threat', severity: 'critical', reason: '复述客户的话' },
      { turnIndex: 0, action: 'add', rule: 'cn-no-id', category: 'missing_disclosure', severity: 'major', reason: '没报工号' },
      { turnIndex: 0, action: 'add', rule: 'cn-x', category: 'privacy', severity: 'minor', reason: '加错了' },
      { turnIndex: 0, action: 'overrule', rule: 'cn-x', category: 'privacy', severity: 'minor', reason: '撤回' },
    ]);
    const sheet = parse(findingsCsv(rows));
    expect(sheet.slice(1).map((r) => [r[5], r[6], r[7], r[12], r[13]])).toEqual([
      ['1', '您好', 'cn-no-id', 'added', '没报工号'],
      ['1', '您好', 'cn-x', 'overruled', '撤回'],
      ['2', '不还钱后果自负', 'cn-threat', 'overruled', '复述客户的话'],
    ]);
  });

  it('cohort: one row per trainee × scenario', () => {
    const table = cohortTable(profiles, [attempt('a1', 'p1', 40), attempt('a2', 'p1', 75), attempt('a3', 'p2', 90)]);
    expect(parse(cohortCsv(table)).slice(1).map((r) => r.slice(0, 7))).toEqual([
      ['A1002', "'=cmd|calc", 'first-contact-01', '首次催收：还款提醒', '90', '1', 'TRUE'],
      ['A1001', '王小明', 'first-contact-01', '首次催收：还款提醒', '75', '2', 'TRUE'],
    ]);
  });
});
