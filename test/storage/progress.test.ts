import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abandonAttempt, completeAttempt, endAttempt } from '../../src/storage/attempts.ts';
import type { CallDojoDb } from '../../src/storage/db.ts';
import {
  libraryStats,
  proficiencyOverTime,
  scenarioHistory,
  unfinishedCalls,
  weakestRules,
} from '../../src/storage/progress.ts';
import { createProfile } from '../../src/storage/profiles.ts';
import { recordTraineeTurn } from '../../src/storage/turns.ts';
import type { Finding } from '../../src/scoring/types.ts';
import { assessment, finding, freshDb, scores, snap, started } from './helpers.ts';

let clock = 0;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  clock = 1_000_000;
});
afterEach(() => vi.useRealTimers());

/** Plays one call of `scenarioId` with one line per findings list, completing it with `total`. */
async function play(db: CallDojoDb, profileId: string, scenarioId: string, total: number, lines: Finding[][]) {
  vi.setSystemTime((clock += 60_000));
  const { attempt } = await started(db, { profileId, scenarioId });
  for (const fs of lines) {
    await recordTraineeTurn(
      db,
      attempt.id,
      { text: 'line', assessment: assessment(...fs), stage: 'negotiation' },
      snap('n'),
    );
  }
  vi.setSystemTime((clock += 60_000));
  await completeAttempt(db, attempt.id, {
    scores: scores(total),
    outcome: 'ptp',
    passed: total >= 60,
    blockerRule: null,
  });
  return attempt.id;
}

const threat = finding('cn.threat', 'threat', 'critical');
const rude = finding('tone.rude', 'tone');
const noIntro = finding('gp.no_intro', 'script', 'minor');

describe('progress queries', () => {
  it('library: per scenario the count of completed calls, best total, passed-ever and an unfinished flag', async () => {
    const db = freshDb();
    const { id } = await createProfile(db, { name: 'A', staffNo: '1' });
    await play(db, id, 's1', 40, []);
    await play(db, id, 's1', 75, []);
    await play(db, id, 's2', 55, []);
    vi.setSystemTime((clock += 60_000));
    await started(db, { profileId: id, scenarioId: 's3' });
    const other = await createProfile(db, { name: 'B', staffNo: '2' });
    await play(db, other.id, 's1', 100, []);

    const stats = await libraryStats(db, id);
    expect(stats.get('s1')).toMatchObject({ attempts: 2, bestTotal: 75, passedEver: true, unfinished: false });
    expect(stats.get('s2')).toMatchObject({ attempts: 1, bestTotal: 55, passedEver: false });
    expect(stats.get('s3')).toMatchObject({ attempts: 0, bestTotal: null, unfinished: true });
    expect(stats.has('s4')).toBe(false);
  });

  it('history of one scenario runs first → best in order of play', async () => {
    const db = freshDb();
    const { id } = await createProfile(db, { name: 'A', staffNo: '1' });
    const first = await play(db, id, 's1', 40, []);
    const best = await play(db, id, 's1', 80, []);
    await play(db, id, 's1', 70, []);
    await play(db, id, 's2', 99, []);
    const h = await scenarioHistory(db, id, 's1');
    expect(h.points.map((p) => p.total)).toEqual([40, 80, 70]);
    expect(h.first?.attemptId).toBe(first);
    expect(h.best?.attemptId).toBe(best);
    expect(await scenarioHistory(db, id, 'never')).toEqual({ points: [], first: null, best: null });
  });

  it('proficiency: findings by category for each completed call, oldest first, skipping unfinished calls', async () => {
    const db = freshDb();
    const { id } = await createProfile(db, { name: 'A', staffNo: '1' });
    await play(db, id, 's1', 20, [[threat, rude], [rude]]);
    await play(db, id, 's2', 60, [[rude], [noIntro]]);
    await play(db, id, 's1', 90, [[]]);
    await started(db, { profileId: id });
    const points = await proficiencyOverTime(db, id);
    expect(points.map((p) => p.byCategory)).toEqual([{ threat: 1, tone: 2 }, { tone: 1, script: 1 }, {}]);
    expect(points.map((p) => p.endedAt)).toEqual([...points.map((p) => p.endedAt)].sort((a, b) => a - b));
  });

  it('weakest rules: most frequent first, ties broken by how many calls they spoilt', async () => {
    const db = freshDb();
    const { id } = await createProfile(db, { name: 'A', staffNo: '1' });
    await play(db, id, 's1', 20, [[threat, rude], [rude]]);
    await play(db, id, 's2', 60, [[rude], [noIntro, noIntro], [threat]]);
    expect(await weakestRules(db, id)).toEqual([
      { rule: 'tone.rude', category: 'tone', severity: 'major', count: 3, attempts: 2 },
      { rule: 'cn.threat', category: 'threat', severity: 'critical', count: 2, attempts: 2 },
      { rule: 'gp.no_intro', category: 'script', severity: 'minor', count: 2, attempts: 1 },
    ]);
    expect((await weakestRules(db, id, 1)).map((w) => w.rule)).toEqual(['tone.rude']);
  });

  it('unfinished: calls ended without a record and abandoned calls stay listed, newest first, never as scored', async () => {
    const db = freshDb();
    const { id } = await createProfile(db, { name: '李', staffNo: 'L1' });
    vi.setSystemTime((clock += 60_000));
    const { attempt: gaveUp } = await started(db, { profileId: id, scenarioId: 'a' });
    await recordTraineeTurn(
      db,
      gaveUp.id,
      { text: 'line', assessment: assessment(threat), stage: 'negotiation' },
      snap('n'),
    );
    await abandonAttempt(db, gaveUp.id);
    vi.setSystemTime((clock += 60_000));
    const { attempt: unfiled } = await started(db, { profileId: id, scenarioId: 'b' });
    vi.setSystemTime((clock += 60_000));
    await endAttempt(db, unfiled.id, 'hung_up', snap('end'));
    await play(db, id, 'c', 80, [[]]);
    const other = await createProfile(db, { name: '王', staffNo: 'W1' });
    await started(db, { profileId: other.id });

    const rows = await unfinishedCalls(db, id);
    expect(rows.map((a) => [a.scenarioId, a.status])).toEqual([
      ['b', 'ended'],
      ['a', 'abandoned'],
    ]);
    expect(rows[1].findings?.byRule['cn.threat']?.count).toBe(1);
    // Neither counts as a completed call or a pass.
    expect((await libraryStats(db, id)).get('a')).toMatchObject({ attempts: 0, passedEver: false });
    expect((await proficiencyOverTime(db, id)).map((p) => p.scenarioId)).toEqual(['c']);
  });
});
