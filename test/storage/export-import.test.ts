import { describe, expect, it } from 'vitest';
import { abandonAttempt, completeAttempt } from '../../src/storage/attempts.ts';
import type { CallDojoDb } from '../../src/storage/db.ts';
import { exportFileName, exportProfile } from '../../src/storage/export.ts';
import { libraryStats, scenarioHistory, weakestRules } from '../../src/storage/progress.ts';
import { createProfile, renameProfile } from '../../src/storage/profiles.ts';
import { saveRecord } from '../../src/storage/records.ts';
import { listTurns, recordPersonaTurn, recordTraineeTurn } from '../../src/storage/turns.ts';
import { assessment, dump, finding, freshDb, importAccepted, quotaOn, scores, snap, started } from './helpers.ts';

/** A trainee with two completed calls (one with a record), one abandoned and one still in progress. */
async function trainee(db: CallDojoDb) {
  const { attempt: a1, profileId } = await started(db);
  await recordPersonaTurn(
    db,
    a1.id,
    { text: '喂？', personaState: { trust: 40, mood: 'calm' }, stage: 'opening' },
    snap('n1'),
  );
  await recordTraineeTurn(
    db,
    a1.id,
    {
      text: '你再不还钱就起诉你',
      assessment: assessment(finding('cn.threat', 'threat', 'critical')),
      stage: 'negotiation',
    },
    snap('n2'),
  );
  await completeAttempt(db, a1.id, { scores: scores(20), outcome: 'refused', passed: false, blockerRule: 'cn.threat' });
  const { attempt: a2 } = await started(db, {
    profileId,
    scenarioId: 's2',
    scenarioTitle: 'Second call',
    lang: 'en',
    mode: 'guided',
  });
  await recordTraineeTurn(
    db,
    a2.id,
    { text: 'Hello, this is Ann from the card centre.', assessment: assessment(), stage: 'opening' },
    snap('m1'),
  );
  await saveRecord(db, a2.id, {
    resultCode: 'ptp',
    promiseAmount: 300,
    promiseDate: '2026-12-01',
    nextAction: 'call back',
    notes: '',
    checks: [],
  });
  await completeAttempt(db, a2.id, { scores: scores(85), outcome: 'ptp', passed: true, blockerRule: null });
  const { attempt: a3 } = await started(db, { profileId });
  await abandonAttempt(db, a3.id);
  const { attempt: live } = await started(db, { profileId });
  return { profileId, ids: [a1.id, a2.id, a3.id], live: live.id };
}

const text = async (db: CallDojoDb, profileId: string) => JSON.stringify(await exportProfile(db, profileId));

describe('export', () => {
  it('bundles the profile and its finished calls, leaving a call in progress on this PC', async () => {
    const db = freshDb();
    const { profileId, ids, live } = await trainee(db);
    const bundle = await exportProfile(db, profileId);
    expect(bundle).toMatchObject({
      format: 'calldojo-export',
      version: 1,
      profile: { id: profileId, staffNo: 'A1001' },
    });
    expect(bundle.attempts.map((a) => a.id)).toEqual(ids);
    expect(bundle.attempts.map((a) => a.id)).not.toContain(live);
    expect(bundle.attempts[0]).not.toHaveProperty('snapshot');
    expect(bundle.turns.map((t) => [t.attemptId, t.index])).toEqual([
      [ids[0], 0],
      [ids[0], 1],
      [ids[1], 0],
    ]);
    expect(bundle.records.map((r) => r.attemptId)).toEqual([ids[1]]);
    expect(JSON.parse(JSON.stringify(bundle))).toEqual(bundle);
    expect(exportFileName(bundle)).toMatch(/^calldojo-A1001-\d{4}-\d{2}-\d{2}\.json$/);
  });
});

describe('import', () => {
  it('round-trips into a second database with the same progress', async () => {
    const a = freshDb();
    const { profileId, ids } = await trainee(a);
    const b = freshDb();
    const result = await importAccepted(b, await text(a, profileId));
    expect(result).toEqual({
      added: { profiles: 1, attempts: 3, turns: 3, records: 1, reviews: 0, overrides: 0 },
      skipped: { profiles: 0, attempts: 0, turns: 0, records: 0, reviews: 0, overrides: 0 },
      conflicts: [],
      diagnostics: [],
      signature: { status: 'unsigned' },
      attemptIds: ids,
    });
    expect(await weakestRules(b, profileId)).toEqual(await weakestRules(a, profileId));
    expect(await scenarioHistory(b, profileId, 's2')).toEqual(await scenarioHistory(a, profileId, 's2'));
    expect((await libraryStats(b, profileId)).get('first-contact-01')).toMatchObject({
      attempts: 1,
      bestTotal: 20,
      unfinished: false,
    });
    expect(await listTurns(b, ids[0])).toEqual(await listTurns(a, ids[0]));
    expect(await b.records.get(ids[1])).toEqual(await a.records.get(ids[1]));
  });

  it('importing twice adds nothing, and importing into the source database skips everything', async () => {
    const a = freshDb();
    const { profileId } = await trainee(a);
    const file = await text(a, profileId);
    const b = freshDb();
    await importAccepted(b, file);
    const before = await dump(b);
    const again = await importAccepted(b, file);
    expect(again.added).toEqual({ profiles: 0, attempts: 0, turns: 0, records: 0, reviews: 0, overrides: 0 });
    expect(again.skipped).toEqual({ profiles: 1, attempts: 3, turns: 3, records: 1, reviews: 0, overrides: 0 });
    expect(again.conflicts).toEqual([]);
    expect(await dump(b)).toEqual(before);
    expect((await importAccepted(a, file)).added).toEqual({
      profiles: 0,
      attempts: 0,
      turns: 0,
      records: 0,
      reviews: 0,
      overrides: 0,
    });
  });

  it('reports rows that differ instead of overwriting them, and still adds what is new', async () => {
    const a = freshDb();
    const { profileId, ids } = await trainee(a);
    const b = freshDb();
    await importAccepted(b, await text(a, profileId));
    await renameProfile(b, profileId, '王小明（二号机）');
    await saveRecord(b, ids[1], {
      resultCode: 'ptp',
      promiseAmount: 999,
      promiseDate: null,
      nextAction: 'x',
      notes: 'edited on B',
      checks: [],
    });
    const { attempt: extra } = await started(a, { profileId, scenarioId: 's3' });
    await completeAttempt(a, extra.id, { scores: scores(70), outcome: 'ptp', passed: true, blockerRule: null });
    const tampered = JSON.parse(await text(a, profileId));
    tampered.attempts[0].scores.total = 100; // a changed verdict must not slip in, nor its lines get mixed in
    const result = await importAccepted(b, JSON.stringify(tampered));
    expect(result.conflicts.map((c) => [c.table, c.key])).toEqual([
      ['profiles', profileId],
      ['attempts', ids[0]],
      ['records', ids[1]],
    ]);
    // New on A since the first export: the extra call, and the call that was in progress (abandoned by starting it).
    expect(result.added).toEqual({ profiles: 0, attempts: 2, turns: 0, records: 0, reviews: 0, overrides: 0 });
    expect(result.skipped).toEqual({ profiles: 0, attempts: 2, turns: 1, records: 0, reviews: 0, overrides: 0 });
    expect((await b.profiles.get(profileId))?.name).toBe('王小明（二号机）');
    expect((await b.records.get(ids[1]))?.notes).toBe('edited on B');
    expect((await b.attempts.get(ids[0]))?.scores?.total).toBe(20);
  });

  it('warns when another local profile already uses the staff number, and keeps both', async () => {
    const a = freshDb();
    const { profileId } = await trainee(a);
    const b = freshDb();
    await createProfile(b, { name: '王小明', staffNo: 'A1001' });
    const result = await importAccepted(b, await text(a, profileId), { file: 'wang.json' });
    expect(result.added.profiles).toBe(1);
    expect(result.diagnostics).toMatchObject([{ code: 'staff_no_shared', severity: 'warning', file: 'wang.json' }]);
    expect(await b.profiles.count()).toBe(2);
  });
});

describe('import of a bad file changes nothing', () => {
  async function attemptImport(mutate: (file: string) => string, options = {}) {
    const a = freshDb();
    const { profileId } = await trainee(a);
    const b = freshDb();
    await createProfile(b, { name: 'Local', staffNo: 'L1' });
    const before = await dump(b);
    const result = await importAccepted(b, mutate(await text(a, profileId)), options);
    expect(await dump(b)).toEqual(before);
    expect(result.added).toEqual({ profiles: 0, attempts: 0, turns: 0, records: 0, reviews: 0, overrides: 0 });
    return result.diagnostics;
  }

  it('truncated JSON: says where it stops', async () => {
    const [d] = await attemptImport((f) => f.slice(0, 200));
    expect(d).toMatchObject({ code: 'invalid_json', severity: 'error', start: 200, line: 1, column: 201 });
    expect(d.hint).toMatch(/cut off/);
  });

  it('malformed JSON: points at the offending character', async () => {
    const [d] = await attemptImport(() => '{\n  "format": "calldojo-export",\n  "version" 1\n}');
    expect(d).toMatchObject({ code: 'invalid_json', line: 3, column: 13 });
  });

  it('another kind of file, or one from a newer CallDojo', async () => {
    expect((await attemptImport(() => '{"hello":"world"}'))[0].code).toBe('not_a_calldojo_export');
    expect((await attemptImport(() => '[1,2]'))[0].code).toBe('not_a_calldojo_export');
    expect((await attemptImport((f) => f.replace('"version":1', '"version":7')))[0]).toMatchObject({
      code: 'bundle_from_newer_app',
      hint: expect.stringMatching(/Update CallDojo/),
    });
  });

  it('wrong types: every problem with its JSON path, even deep in the last row', async () => {
    const ds = await attemptImport((f) => {
      const b = JSON.parse(f);
      b.attempts[1].scores.total = '90';
      b.turns[2].speaker = 'customer';
      b.attempts[0].scenarioTitel = b.attempts[0].scenarioTitle;
      delete b.attempts[0].scenarioTitle;
      b.records[0].promiseDate = '12/01';
      return JSON.stringify(b);
    });
    expect(ds.every((d) => d.code === 'invalid_bundle' && d.severity === 'error')).toBe(true);
    expect(ds.map((d) => d.message)).toEqual([
      '$.attempts[0]: is missing the field `scenarioTitle`.',
      '$.attempts[0].scenarioTitel: unexpected field `scenarioTitel`.',
      '$.attempts[1].scores.total: expected a number, got the text "90".',
      '$.turns[2].speaker: expected one of trainee, persona, got the text "customer".',
      '$.records[0].promiseDate: expected a date YYYY-MM-DD, got the text "12/01".',
    ]);
    expect(ds[1].hint).toBe('Did you mean `scenarioTitle`?');
  });

  it('rows that point outside the file', async () => {
    const ds = await attemptImport((f) => {
      const b = JSON.parse(f);
      b.turns[0].attemptId = 'nowhere';
      b.attempts[2].profileId = 'someone-else';
      return JSON.stringify(b);
    });
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringMatching(/^\$\.attempts\[2\]\.profileId: belongs to profile someone-else/),
      '$.turns[0].attemptId: refers to attempt nowhere, which is not in the file.',
    ]);
  });

  it('a file over the size limit is refused before parsing', async () => {
    const [d] = await attemptImport((f) => f, { maxChars: 1000 });
    expect(d.code).toBe('bundle_too_large');
  });

  it('a full disk half-way through the import leaves the database as it was', async () => {
    const a = freshDb();
    const { profileId } = await trainee(a);
    let full = false;
    const b = freshDb().use(quotaOn('turns', () => full));
    await createProfile(b, { name: 'Local', staffNo: 'L1' });
    const before = await dump(b);
    full = true;
    // Profile and attempts are written before the turns fail: all of it must roll back.
    await expect(importAccepted(b, await text(a, profileId))).rejects.toMatchObject({ kind: 'quota_exceeded' });
    expect(await dump(b)).toEqual(before);
  });
});

describe('finding sources in bundles', () => {
  /** A bundle whose first trainee line carries a finding citing `clause`. */
  async function bundleCiting(clause: unknown): Promise<string> {
    const a = freshDb();
    const { profileId } = await trainee(a);
    const b = JSON.parse(await text(a, profileId));
    b.turns.find((t: { assessment: unknown }) => t.assessment).assessment.findings[0].sources = [
      { clause, url: 'https://example.test', status: 'V' },
    ];
    return JSON.stringify(b);
  }

  it('imports clauses in both languages and the one-string clauses of older files', async () => {
    for (const clause of [{ zh: '《刑法》第 279 条', en: 'Criminal Law, Art. 279' }, '刑法 第279条']) {
      const result = await importAccepted(freshDb(), await bundleCiting(clause));
      expect(result.diagnostics).toEqual([]);
      expect(result.added.turns).toBe(3);
    }
  });

  it('refuses a clause with one language missing, naming its path', async () => {
    const result = await importAccepted(freshDb(), await bundleCiting({ zh: '《刑法》第 279 条' }));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      '$.turns[1].assessment.findings[0].sources[0].clause: is missing the field `en`.',
    ]);
  });
});
