import { describe, expect, it } from 'vitest';
import {
  cohortTable,
  readiness,
  trend,
  violationHeatmap,
  type CohortAttempt,
  type CohortProfile,
} from '../../src/report/cohort.ts';

const profiles: CohortProfile[] = [
  { id: 'p-wang', name: '王小明', staffNo: 'A1001' },
  { id: 'p-li', name: '李华', staffNo: 'A1002' },
  { id: 'p-new', name: '张新', staffNo: 'A1003' },
];
/** Noon local time on a day of November 2026, so day and week buckets do not depend on the machine's time zone. */
const day = (d: number, hour = 12) => new Date(2026, 10, d, hour).getTime();
let n = 0;
function call(
  profileId: string,
  scenarioId: string,
  total: number,
  endedOn: number,
  over: Partial<CohortAttempt> = {},
): CohortAttempt {
  return {
    id: `a${++n}`,
    profileId,
    scenarioId,
    scenarioTitle: `标题 ${scenarioId}`,
    status: 'completed',
    endedAt: day(endedOn),
    scores: { total },
    passed: total >= 60,
    blockerRule: null,
    findings: { byCategory: {}, byRule: {} },
    ...over,
  };
}
const threat = (count = 1) => ({
  byCategory: { threat: count },
  byRule: { 'cn-threat': { category: 'threat' as const, severity: 'critical' as const, count } },
});

const attempts: CohortAttempt[] = [
  call('p-wang', 's1', 40, 2, { passed: false, blockerRule: 'cn-threat', findings: threat(2) }), // Mon 2 Nov
  call('p-wang', 's1', 85, 3),
  call('p-wang', 's2', 70, 10, {
    findings: { byCategory: { tone: 1 }, byRule: { 'tone-cold': { category: 'tone', severity: 'minor', count: 1 } } },
  }),
  call('p-li', 's1', 55, 3, { findings: threat(), blockerRule: 'cn-threat', passed: false }),
  call('p-li', 's2', 90, 11),
  call('p-li', 's1', 0, 12, { status: 'abandoned', scores: null, passed: null }),
  call('p-wang', 's2', 0, 12, { status: 'in_progress', endedAt: null, scores: null, passed: null }),
  call('p-ghost', 's1', 99, 4), // a profile that was not exported with its calls: not in the table
];

describe('cohortTable', () => {
  it('one row per trainee × scenario with best total, completed attempts and whether it was ever passed', () => {
    expect(
      cohortTable(profiles, attempts).map(({ name, scenarioId, best, attempts: count, passed }) => [
        name,
        scenarioId,
        best,
        count,
        passed,
      ]),
    ).toEqual([
      ['李华', 's1', 55, 1, false],
      ['李华', 's2', 90, 1, true],
      ['王小明', 's1', 85, 2, true],
      ['王小明', 's2', 70, 1, true],
    ]);
    expect(cohortTable(profiles, attempts)[2]).toMatchObject({
      staffNo: 'A1001',
      scenarioTitle: '标题 s1',
      lastAt: day(3),
    });
  });
});

describe('violationHeatmap', () => {
  it('counts findings per category (all categories present), per rule (most first) and per trainee', () => {
    const h = violationHeatmap(attempts);
    expect(h.byCategory.threat).toBe(3);
    expect(h.byCategory.tone).toBe(1);
    expect(h.byCategory.privacy).toBe(0);
    expect(Object.keys(h.byCategory)).toHaveLength(12);
    expect(h.byRule).toEqual([
      { rule: 'cn-threat', category: 'threat', severity: 'critical', count: 3 },
      { rule: 'tone-cold', category: 'tone', severity: 'minor', count: 1 },
    ]);
    expect(h.byTrainee['p-wang'].byRule).toEqual({ 'cn-threat': 2, 'tone-cold': 1 });
    expect(h.byTrainee['p-li'].byCategory.threat).toBe(1);
  });
});

describe('trend', () => {
  it('averages totals and pass rates per local day, oldest first, ignoring calls not completed', () => {
    expect(trend(attempts, 'day')).toEqual([
      { bucket: '2026-11-02', attempts: 1, averageTotal: 40, passRate: 0 },
      { bucket: '2026-11-03', attempts: 2, averageTotal: 70, passRate: 0.5 },
      { bucket: '2026-11-04', attempts: 1, averageTotal: 99, passRate: 1 },
      { bucket: '2026-11-10', attempts: 1, averageTotal: 70, passRate: 1 },
      { bucket: '2026-11-11', attempts: 1, averageTotal: 90, passRate: 1 },
    ]);
  });

  it('groups weeks from Monday, including a Sunday late-evening call in its own week', () => {
    const late = call('p-li', 's3', 50, 8, { endedAt: day(8, 23) }); // Sunday 8 Nov
    expect(trend([...attempts, late], 'week')).toEqual([
      { bucket: '2026-11-02', attempts: 5, averageTotal: 65.8, passRate: 0.4 },
      { bucket: '2026-11-09', attempts: 2, averageTotal: 80, passRate: 1 },
    ]);
  });
});

describe('readiness', () => {
  it('ready only with every required scenario passed and no blocker in the last N completed calls', () => {
    const r = readiness(profiles, attempts, { required: ['s1', 's2'], lastN: 2 });
    expect(r.map((x) => [x.name, x.ready, x.missing, x.blockersInLastN.map((b) => b.rule)])).toEqual([
      ['王小明', true, [], []], // the threat was 3 calls ago
      ['李华', false, ['s1'], ['cn-threat']],
      ['张新', false, ['s1', 's2'], []],
    ]);
    const strict = readiness(profiles, attempts, { required: ['s1', 's2'], lastN: 3 });
    expect(strict[0]).toMatchObject({
      ready: false,
      blockersInLastN: [{ scenarioId: 's1', rule: 'cn-threat', endedAt: day(2) }],
    });
    expect(readiness(profiles, attempts, { required: [], lastN: 0 }).every((x) => x.ready)).toBe(true);
  });
});
