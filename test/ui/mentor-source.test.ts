import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cohortTables,
  DEFAULT_READINESS,
  loadCohort,
  loadReadiness,
  loadReview,
  saveReadiness,
} from '../../src/state/mentor-source.ts';
import {
  abandonAttempt,
  createDb,
  overruleFinding,
  recordTraineeTurn,
  startAttempt,
  type CallDojoDb,
} from '../../src/storage/index.ts';
import { found, playCall, TIGHT_MONEY, trainee } from './progress-seed.ts';
import { mentorSigner } from '../storage/helpers.ts';
import { generateSigningKey } from '../../src/security/signature.ts';

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
    const id = await playCall(db, chen.id, {
      scenario: TIGHT_MONEY,
      total: 40,
      blockerRule: threat.rule,
      lines: [{ text: line, findings: [threat] }],
    });
    const before = await loadCohort(db, await cohortTables(db));
    expect(before.attempts[0].findings?.byRule[threat.rule]?.count).toBe(1);

    await overruleFinding(db, {
      attemptId: id,
      turnIndex: 0,
      rule: threat.rule,
      reason: '转述客户原话',
      by: '李老师',
      signer: await mentorSigner(db),
    });
    const after = await loadCohort(db, await cohortTables(db));
    expect(after.attempts[0]).toMatchObject({ passed: true, blockerRule: null });
    expect(after.attempts[0].findings?.byRule[threat.rule]).toBeUndefined();
    expect(after.attempts[0].findings?.byCategory.threat ?? 0).toBe(0);
  });

  it('keeps an abandoned call in the mentor list and view with its lines, apart from the scored calls', async () => {
    const chen = await trainee(db, '陈小红');
    const line = '你再不还钱，后果自负';
    const threat = found('cn-violence-threat', 'threat', 'critical', line, '后果自负');
    const attempt = await startAttempt(db, {
      profileId: chen.id,
      scenarioId: TIGHT_MONEY.id,
      scenarioTitle: TIGHT_MONEY.title,
      lang: 'zh',
      mode: 'practice',
      seed: 1,
      snapshot: { version: 3 },
    });
    await recordTraineeTurn(
      db,
      attempt.id,
      {
        text: line,
        assessment: { findings: [threat], tone: { label: 'rude', score: 10, reasons: [] }, moves: [], elements: [] },
        stage: 'negotiation',
      },
      { version: 3 },
    );
    expect(await loadReview(db, attempt.id)).toBeNull(); // a call still going is nobody's to review
    await abandonAttempt(db, attempt.id);

    const cohort = await loadCohort(db, await cohortTables(db));
    expect(cohort.attempts).toEqual([]);
    expect(cohort.unscored.map((a) => [a.id, a.status])).toEqual([[attempt.id, 'abandoned']]);
    const view = await loadReview(db, attempt.id);
    expect(view).toMatchObject({ kind: 'unscored', attempt: { status: 'abandoned' } });
    expect(view?.turns.map((t) => t.text)).toEqual([line]);
  });

  it('keeps readiness settings through storage, normalised and signed, with defaults for a fresh PC', async () => {
    expect(await loadReadiness(db)).toEqual(DEFAULT_READINESS);
    const signer = await mentorSigner(db);
    expect(await saveReadiness(db, { required: ['a', 'a', 'b'], lastN: 2.6 }, signer)).toEqual({
      required: ['a', 'b'],
      lastN: 3,
    });
    expect(await loadReadiness(db)).toEqual({ required: ['a', 'b'], lastN: 3 });
  });

  it('ignores readiness settings changed without the mentor key, and says so', async () => {
    const signer = await mentorSigner(db);
    await saveReadiness(db, { required: ['a', 'b'], lastN: 3 }, signer);
    // A trainee lowers the bar with the developer tools: N = 1, nothing required, the old signature kept.
    const row = await db.settings.get('readiness');
    await db.settings.put({ key: 'readiness', value: { ...(row!.value as object), required: [], lastN: 1 } });
    expect(await loadReadiness(db)).toEqual({ ...DEFAULT_READINESS, unverified: true });
    // Or signs them with a key of their own.
    await saveReadiness(db, { required: [], lastN: 1 }, await generateSigningKey());
    expect(await loadReadiness(db)).toEqual({ ...DEFAULT_READINESS, unverified: true });
  });
});
