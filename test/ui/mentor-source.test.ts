import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cohortTables, DEFAULT_READINESS, loadCohort, loadReadiness, saveReadiness } from '../../src/state/mentor-source.ts';
import { createDb, overruleFinding, type CallDojoDb } from '../../src/storage/index.ts';
import { found, playCall, TIGHT_MONEY, trainee } from './progress-seed.ts';

let db: CallDojoDb;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  db = createDb(`mentor-source-${Math.random()}`);
});
afterEach(() => vi.useRealTimers());

describe('cohort source', () => {
  it('counts a corrected call with the mentor verdict, heat-map findings included', async () => {
    const chen = await trainee(db, '陈小红');
    const line = '你再不还钱，后果自负';
    const threat = found('cn-violence-threat', 'threat', 'critical', line, '后果自负');
    const id = await playCall(db, chen.id, { scenario: TIGHT_MONEY, total: 40, blockerRule: threat.rule, lines: [{ text: line, findings: [threat] }] });
    const before = await loadCohort(db, await cohortTables(db));
    expect(before.attempts[0].findings?.byRule[threat.rule]?.count).toBe(1);

    await overruleFinding(db, { attemptId: id, turnIndex: 0, rule: threat.rule, reason: '转述客户原话', by: '李老师' });
    const after = await loadCohort(db, await cohortTables(db));
    expect(after.attempts[0]).toMatchObject({ passed: true, blockerRule: null });
    expect(after.attempts[0].findings?.byRule[threat.rule]).toBeUndefined();
    expect(after.attempts[0].findings?.byCategory.threat ?? 0).toBe(0);
  });

  it('keeps readiness settings through storage, normalised, with defaults for a fresh PC', async () => {
    expect(await loadReadiness(db)).toEqual(DEFAULT_READINESS);
    expect(await saveReadiness(db, { required: ['a', 'a', 'b'], lastN: 2.6 })).toEqual({ required: ['a', 'b'], lastN: 3 });
    expect(await loadReadiness(db)).toEqual({ required: ['a', 'b'], lastN: 3 });
  });
});
