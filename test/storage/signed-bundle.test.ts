import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/security/canonical.ts';
import { generateSigningKey, signText } from '../../src/security/signature.ts';
import { completeAttempt } from '../../src/storage/attempts.ts';
import type { SignedBundle } from '../../src/storage/bundle.ts';
import type { CallDojoDb } from '../../src/storage/db.ts';
import { exportAll, exportFileName, exportProfile } from '../../src/storage/export.ts';
import { importBundle } from '../../src/storage/import.ts';
import { createProfile } from '../../src/storage/profiles.ts';
import {
  acknowledgeReview,
  disputeReview,
  effectiveScores,
  ensureReview,
  listOverrides,
  overruleFinding,
} from '../../src/storage/index.ts';
import { deviceKey, signBundle } from '../../src/storage/signing.ts';
import { recordPersonaTurn, recordTraineeTurn } from '../../src/storage/turns.ts';
import { assessment, dump, finding, freshDb, importAccepted, mentorSigner, scores, snap, started } from './helpers.ts';

/** Two trainees; 王小明's threat call was overruled by a mentor and disputed, 李华 has a clean call. */
async function cohort(db: CallDojoDb) {
  const { attempt: a1, profileId: wang } = await started(db);
  await recordPersonaTurn(
    db,
    a1.id,
    { text: '喂？哪位', personaState: { node: 'n1', trust: 40 }, stage: 'opening' },
    snap('n1'),
  );
  await recordTraineeTurn(
    db,
    a1.id,
    {
      text: '你再不还钱后果自负',
      assessment: assessment(finding('cn.threat', 'threat', 'critical')),
      stage: 'negotiation',
    },
    snap('n2'),
  );
  await completeAttempt(db, a1.id, {
    scores: { ...scores(70), total: 59 },
    outcome: 'refused',
    passed: false,
    blockerRule: 'cn.threat',
  });
  const o = await overruleFinding(db, {
    attemptId: a1.id,
    turnIndex: 0,
    rule: 'cn.threat',
    reason: '学员在复述客户的话',
    by: '李老师',
    signer: await mentorSigner(db),
  });
  await disputeReview(db, o.reviewId, '我同意，但希望再看看第二句');
  const li = (await createProfile(db, { name: '李华', staffNo: 'A1002' })).id;
  const { attempt: a2 } = await started(db, { profileId: li, scenarioId: 's2', scenarioTitle: '第三方接听' });
  await recordTraineeTurn(
    db,
    a2.id,
    { text: '您好，请问您是张先生的家人吗', assessment: assessment(), stage: 'opening' },
    snap('m1'),
  );
  await completeAttempt(db, a2.id, {
    scores: scores(88),
    outcome: 'third_party_message',
    passed: true,
    blockerRule: null,
  });
  return { wang, li, a1: a1.id, a2: a2.id, reviewId: o.reviewId };
}

const file = async (db: CallDojoDb) => JSON.stringify(await exportAll(db), null, 2);
const none = { profiles: 0, attempts: 0, turns: 0, records: 0, reviews: 0, overrides: 0 };

describe('device key', () => {
  it('is created on first export as a non-extractable CryptoKey kept in deviceKeys, and reused after', async () => {
    const db = freshDb();
    await cohort(db);
    expect(await db.deviceKeys.count()).toBe(0);
    const first = await exportAll(db);
    const [row] = await db.deviceKeys.toArray();
    expect(row.privateKey).toBeInstanceOf(CryptoKey);
    expect(row.privateKey).toMatchObject({ type: 'private', extractable: false, usages: ['sign'] });
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    expect(first.signature.publicKey).toEqual(row.publicJwk);
    expect((await exportAll(db)).signature.publicKey).toEqual(row.publicJwk);
    expect((await deviceKey(db)).id).toBe(row.id);
    expect(await db.deviceKeys.count()).toBe(1);
  });
});

describe('signed bundle (version 2)', () => {
  it('carries every trainee, their calls, reviews and overrides, and round-trips into another database', async () => {
    const a = freshDb();
    const { wang, li, a1, a2, reviewId } = await cohort(a);
    const bundle = await exportAll(a);
    expect(bundle).toMatchObject({
      format: 'calldojo-export',
      version: 2,
      signature: { alg: 'ECDSA-P256-SHA256', value: expect.any(String) },
    });
    expect(bundle.profiles.map((p) => p.id)).toEqual([wang, li]);
    expect(exportFileName(bundle)).toMatch(/^calldojo-2-trainees-\d{4}-\d{2}-\d{2}\.json$/);

    const b = freshDb();
    const result = await importAccepted(b, JSON.stringify(bundle, null, 2));
    expect(result).toMatchObject({
      added: { profiles: 2, attempts: 2, turns: 3, records: 0, reviews: 1, overrides: 1 },
      skipped: none,
      conflicts: [],
      diagnostics: [],
      signature: { status: 'signed', signer: 'new_device', fingerprint: (await deviceKey(a)).id },
    });
    expect(await effectiveScores(a, a1)).toMatchObject({ passed: true, overrides: 1 });
    // The correction travels and is shown; signed by the other PC's mentor key, it does not count here.
    expect(await effectiveScores(b, a1)).toMatchObject({ passed: false, overrides: 0, untrusted: 1 });
    expect(await listOverrides(b, a1)).toEqual(await listOverrides(a, a1));
    expect(await b.reviews.get(reviewId)).toMatchObject({
      status: 'disputed',
      traineeComment: '我同意，但希望再看看第二句',
    });
    expect((await b.attempts.get(a2))?.findings).toEqual((await a.attempts.get(a2))?.findings);
    // The signer is remembered (public key only), so its next file is recognised.
    expect(
      await b.deviceKeys.get(result.signature!.status === 'signed' ? result.signature!.fingerprint : ''),
    ).toMatchObject({ privateKey: null, label: 'export of 2 trainees' });
  });

  it('importing twice adds nothing and says the signer is now known; into its own database it is this device', async () => {
    const a = freshDb();
    await cohort(a);
    const text = await file(a);
    const b = freshDb();
    await importAccepted(b, text);
    const before = await dump(b);
    const again = await importAccepted(b, text);
    expect(again).toMatchObject({
      added: none,
      skipped: { profiles: 2, attempts: 2, turns: 3, records: 0, reviews: 1, overrides: 1 },
      conflicts: [],
    });
    expect(again.signature).toMatchObject({ status: 'signed', signer: 'known_device' });
    expect(await dump(b)).toEqual(before);
    expect(await importAccepted(a, text)).toMatchObject({ added: none, signature: { signer: 'this_device' } });
  });

  it('a trainee export signed on their PC carries their reviews too', async () => {
    const a = freshDb();
    const { wang } = await cohort(a);
    const mine = await exportProfile(a, wang, { signed: true });
    expect(mine.profiles.map((p) => p.staffNo)).toEqual(['A1001']);
    expect([mine.reviews.length, mine.overrides.length]).toEqual([1, 1]);
    expect(exportFileName(mine)).toMatch(/^calldojo-A1001-/);
    expect((await importAccepted(freshDb(), JSON.stringify(mine))).added).toMatchObject({
      profiles: 1,
      reviews: 1,
      overrides: 1,
    });
  });

  it('reports a review answered differently on this PC as a conflict and keeps the local one', async () => {
    const a = freshDb();
    const { reviewId } = await cohort(a);
    const b = freshDb();
    await importAccepted(b, await file(a));
    await acknowledgeReview(b, reviewId);
    const result = await importAccepted(b, await file(a));
    expect(result.conflicts).toEqual([
      {
        table: 'reviews',
        key: reviewId,
        reason: 'this PC has this review as acknowledged (newer), the file as disputed; kept as is',
      },
    ]);
    expect((await b.reviews.get(reviewId))?.status).toBe('acknowledged');
    expect(result.added).toEqual(none);
  });

  it('reports progress from 0 to every row of the file, never going back', async () => {
    const a = freshDb();
    await cohort(a);
    const calls: [number, number][] = [];
    await importAccepted(freshDb(), await file(a), { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls[0]).toEqual([0, 9]);
    expect(calls.at(-1)).toEqual([9, 9]);
    expect(calls.every(([d], i) => i === 0 || d >= calls[i - 1][0])).toBe(true);
  });

  it('holds a version 1 file (no signature to check) until it is accepted, then reports it unsigned', async () => {
    const a = freshDb();
    const { wang } = await cohort(a);
    const text = JSON.stringify(await exportProfile(a, wang));
    const b = freshDb();
    const held = await importBundle(b, text);
    expect(held.signature).toEqual({
      status: 'held',
      fingerprint: null,
      trainees: [{ name: '王小明', staffNo: 'A1001' }],
    });
    expect(held.added).toEqual(none);
    expect(await b.profiles.count()).toBe(0);
    // Accepting something else (a device's fingerprint) does not import an unsigned file.
    expect((await importBundle(b, text, { accept: { token: 'f'.repeat(64), by: '李老师' } })).signature?.status).toBe(
      'held',
    );
    const result = await importBundle(b, text, { accept: { token: 'unsigned', by: '李老师' } });
    expect(result.signature).toEqual({ status: 'unsigned' });
    expect(result.added).toMatchObject({ profiles: 1, attempts: 1, reviews: 0 });
  });

  it('holds a file from a device never accepted here, records who accepted it, and imports its later files at once', async () => {
    const a = freshDb();
    await cohort(a);
    const text = await file(a);
    const b = freshDb();
    const held = await importBundle(b, text);
    const fingerprint = (await deviceKey(a)).id;
    expect(held.signature).toEqual({
      status: 'held',
      fingerprint,
      trainees: [
        { name: '王小明', staffNo: 'A1001' },
        { name: '李华', staffNo: 'A1002' },
      ],
    });
    expect(await dump(b)).toMatchObject({ profiles: [], attempts: [], deviceKeys: [] });
    const accepted = await importBundle(b, text, { accept: { token: fingerprint, by: '周老师' } });
    expect(accepted.signature).toEqual({ status: 'signed', fingerprint, signer: 'new_device' });
    expect(await b.deviceKeys.get(fingerprint)).toMatchObject({
      acceptedBy: '周老师',
      acceptedAt: expect.any(Number),
      privateKey: null,
    });
    expect((await importBundle(b, text)).signature).toEqual({ status: 'signed', fingerprint, signer: 'known_device' });
  });
});

describe('a tampered signed bundle is rejected and changes nothing', () => {
  async function rejected(mutate: (b: SignedBundle) => unknown) {
    const a = freshDb();
    await cohort(a);
    const bundle = JSON.parse(await file(a)) as SignedBundle;
    const b = freshDb();
    await createProfile(b, { name: 'Local', staffNo: 'L1' });
    const before = await dump(b);
    mutate(bundle);
    const result = await importAccepted(b, JSON.stringify(bundle));
    expect(await dump(b)).toEqual(before);
    expect(result.added).toEqual(none);
    expect(result.diagnostics).toHaveLength(1);
    return result;
  }

  it('a changed score, line, name or time: the file was changed after export', async () => {
    const edits: ((b: SignedBundle) => void)[] = [
      (b) => (b.attempts[0].scores!.total = 95),
      (b) => (b.turns[1].text = '你再不还钱后果自负。'),
      (b) => (b.profiles[1].name = '李 华'),
      (b) => (b.overrides[0].scoresAfter.total -= 1),
      (b) => (b.exportedAt = b.exportedAt.replace(/.$/, '9')),
      (b) => b.reviews.pop(),
      (b) => ((b as unknown as Record<string, unknown>).note = 'extra field'),
    ];
    for (const edit of edits) {
      const result = await rejected(edit);
      expect(result.signature).toEqual({ status: 'rejected', code: 'bundle_signature_invalid' });
      expect(result.diagnostics[0]).toMatchObject({
        severity: 'error',
        message: expect.stringMatching(
          /^The file was changed after it was exported: the content does not match its signature.*Nothing was imported\.$/,
        ),
      });
    }
  });

  it('every leaf value changed in turn is caught', async () => {
    const a = freshDb();
    await cohort(a);
    const bundle = JSON.parse(await file(a)) as SignedBundle;
    const { signature, ...payload } = bundle;
    const leaves: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) walk(x, [...path, Array.isArray(v) ? Number(k) : k]);
      else if (!['format', 'version'].includes(String(path[0]))) leaves.push(path);
    };
    walk(payload, []);
    expect(leaves.length).toBeGreaterThan(80);
    const b = freshDb();
    for (const path of leaves) {
      const copy = JSON.parse(JSON.stringify(bundle));
      const parent = path.slice(0, -1).reduce((o, k) => o[k], copy);
      const key = path.at(-1)!;
      const v = parent[key];
      parent[key] = typeof v === 'string' ? `${v}x` : typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : 0;
      const result = await importAccepted(b, JSON.stringify(copy));
      expect(result.signature, path.join('.')).toEqual({ status: 'rejected', code: 'bundle_signature_invalid' });
    }
    expect(await b.attempts.count()).toBe(0);
    expect(signature.alg).toBe('ECDSA-P256-SHA256');
  });

  it('a removed, damaged or foreign signature, each named for what it is', async () => {
    const other = await generateSigningKey();
    const missing = await rejected((b) => void delete (b as Partial<SignedBundle>).signature);
    expect(missing.diagnostics[0]).toMatchObject({
      code: 'bundle_signature_missing',
      message: expect.stringMatching(/no signature/),
    });
    const damaged = await rejected((b) => void (b.signature.value = 42 as unknown as string));
    expect(damaged.diagnostics[0]).toMatchObject({
      code: 'bundle_signature_malformed',
      message: expect.stringContaining('$.signature.value'),
    });
    const wrongAlg = await rejected((b) => void (b.signature.alg = 'HS256' as 'ECDSA-P256-SHA256'));
    expect(wrongAlg.diagnostics[0].code).toBe('bundle_signature_malformed');
    // Someone else's key put in place of the signer's: the value no longer verifies.
    const swapped = await rejected((b) => void (b.signature.publicKey = other.publicJwk));
    expect(swapped.diagnostics[0].code).toBe('bundle_signature_invalid');
    const zeroed = await rejected((b) => void (b.signature.value = btoa(String.fromCharCode(...new Uint8Array(64)))));
    expect(zeroed.diagnostics[0].code).toBe('bundle_signature_invalid');
    const a = freshDb();
    await cohort(a);
    const { signature: _s, ...payload } = JSON.parse(await file(a)) as SignedBundle;
    payload.attempts[0].scores!.total = 100;
    const forged = { ...payload, signature: await signText(other, canonicalJson(payload)) };
    // An edited file re-signed with a made-up key verifies, but comes from a device nobody accepted: it is held.
    const held = await importBundle(freshDb(), JSON.stringify(forged));
    expect(held.signature).toMatchObject({ status: 'held', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(held.added).toEqual(none);
  });

  it('a correctly signed file with an override pointing at a line the call does not have is refused by the schema check', async () => {
    const a = freshDb();
    await cohort(a);
    const { signature: _s, ...payload } = await exportAll(a);
    payload.overrides[0].turnIndex = 5;
    const result = await importAccepted(freshDb(), JSON.stringify(await signBundle(a, payload)));
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^\$\.overrides\[0\]\.turnIndex: names trainee line 5, but attempt .* has 1 in the file\.$/,
      ),
    ]);
    expect(result.added).toEqual(none);
  });
});

describe('review', () => {
  it('ensureReview of an imported attempt finds the imported review', async () => {
    const a = freshDb();
    const { a1, reviewId } = await cohort(a);
    const b = freshDb();
    await importAccepted(b, await file(a));
    expect((await ensureReview(b, a1, '王老师')).id).toBe(reviewId);
  });
});
