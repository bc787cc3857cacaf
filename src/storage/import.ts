/**
 * Import of an export file: signature (version 2) and schema checked first, then merged in one transaction. Rows
 * already present and identical are skipped (so importing twice adds nothing); rows present with different content
 * are reported, never overwritten. A refused file changes nothing. Anyone can make a key and sign a file, so a file
 * from a device this PC has not accepted (and any unsigned file) is held: nothing is merged until a mentor accepts
 * that device (`accept`), after checking who is in the file and the device's fingerprint.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { locate } from '../diagnostics/diagnostic.ts';
import { canonicalJson } from '../security/canonical.ts';
import type { BundleAttempt } from './bundle.ts';
import type { CallDojoDb } from './db.ts';
import { guard } from './errors.ts';
import { mergeRows, zeroCounts, type ImportConflict, type ImportCounts, type MergeSink } from './merge-rows.ts';
import { checkRows, parseBundle, type BundleRows } from './read-bundle.ts';
import { checkSignature } from './signing.ts';
import { summarizeFindings } from './summary.ts';
import type { Attempt, CallRecord, Override, Profile, Review, Turn } from './types.ts';

export type { ImportConflict, ImportCounts } from './merge-rows.ts';

/**
 * Who signed the file: this PC, a device accepted before, one accepted with this import; or nobody (version 1
 * files, imported only once accepted). `held`: not imported until a mentor accepts the signer (or the unsigned file).
 */
export type ImportSignature =
  | { status: 'signed'; fingerprint: string; signer: 'this_device' | 'known_device' | 'new_device' }
  | { status: 'unsigned' }
  | { status: 'held'; fingerprint: string | null; trainees: { name: string; staffNo: string }[] }
  | { status: 'rejected'; code: string };

/** What `accept` takes to import a held file: the signer's fingerprint, or 'unsigned' for a version 1 file. */
export function acceptToken(held: Extract<ImportSignature, { status: 'held' }>): string {
  return held.fingerprint ?? 'unsigned';
}

export interface ImportResult {
  added: ImportCounts;
  skipped: ImportCounts;
  conflicts: ImportConflict[];
  /** Errors mean nothing was imported; warnings accompany a successful import. */
  diagnostics: Diagnostic[];
  /** null when the file was refused before its signature could be looked at (not JSON, too large…). */
  signature: ImportSignature | null;
  /** The calls of a merged file now on this PC as the file has them (added, or already here identical): to re-score. */
  attemptIds: string[];
}

export interface ImportOptions {
  file?: string;
  maxChars?: number;
  /** Called as rows are merged: `done` of `total` rows in the file (large files take a few seconds). */
  onProgress?: (done: number, total: number) => void;
  /** A mentor's acceptance of the file's signer (its fingerprint, as a held result gave it) or of an unsigned file. */
  accept?: { token: string; by: string };
}

/** Imports an export file's text; storage failures (quota…) throw a StorageError and leave the database unchanged. */
export async function importBundle(db: CallDojoDb, text: string, options: ImportOptions = {}): Promise<ImportResult> {
  const file = options.file ?? 'import.json';
  const result: ImportResult = {
    added: zeroCounts(),
    skipped: zeroCounts(),
    conflicts: [],
    diagnostics: [],
    signature: null,
    attemptIds: [],
  };
  const parsed = parseBundle(text, file, options.maxChars);
  if (!parsed.data) return { ...result, diagnostics: parsed.diagnostics };
  let fingerprint: string | null = null;
  if (parsed.data.version === 2) {
    const check = await checkSignature(parsed.data);
    if (!check.ok) {
      const diagnostics = locate(text, [
        { code: check.code, severity: 'error', message: check.message, hint: check.hint, file, start: 0, end: 0 },
      ]);
      return { ...result, diagnostics, signature: { status: 'rejected', code: check.code } };
    }
    fingerprint = check.fingerprint;
  }
  const { rows, diagnostics } = checkRows(parsed.data, text, file);
  result.diagnostics = diagnostics;
  if (!rows) return result;
  const accepted = options.accept?.token === (fingerprint ?? 'unsigned') ? options.accept : undefined;
  return guard(() =>
    db.transaction(
      'rw',
      [db.profiles, db.attempts, db.turns, db.records, db.reviews, db.overrides, db.deviceKeys],
      async () => {
        const signer = fingerprint
          ? await trustOf(db, fingerprint, parsed.data!, rows, accepted)
          : accepted
            ? 'unsigned'
            : null;
        if (!signer) {
          result.signature = {
            status: 'held',
            fingerprint,
            trainees: rows.profiles.map(({ name, staffNo }) => ({ name, staffNo })),
          };
          return result;
        }
        result.signature =
          signer === 'unsigned' ? { status: 'unsigned' } : { status: 'signed', fingerprint: fingerprint!, signer };
        await merge(db, rows, result, file, options.onProgress);
        return result;
      },
    ),
  );
}

/**
 * Whether the signer may add to this PC: this PC itself, a device a mentor accepted before, or the device being
 * accepted now (remembered with who accepted it and when); null for a device not accepted (the file is held).
 * Keys noted by older CallDojo without an acceptance count as not accepted.
 */
async function trustOf(
  db: CallDojoDb,
  fingerprint: string,
  data: Record<string, unknown>,
  rows: BundleRows,
  accepted: ImportOptions['accept'],
): Promise<'this_device' | 'known_device' | 'new_device' | null> {
  const known = await db.deviceKeys.get(fingerprint);
  if (known?.privateKey) return 'this_device';
  if (known?.acceptedAt !== undefined) return 'known_device';
  if (!accepted) return null;
  const who =
    rows.profiles.length === 1
      ? `${rows.profiles[0].name} (${rows.profiles[0].staffNo})`
      : `${rows.profiles.length} trainees`;
  const publicJwk = (data.signature as { publicKey: JsonWebKey }).publicKey;
  await db.deviceKeys.put({
    id: fingerprint,
    label: `export of ${who}`,
    publicJwk,
    privateKey: null,
    createdAt: known?.createdAt ?? Date.now(),
    acceptedBy: accepted.by,
    acceptedAt: Date.now(),
  });
  return 'new_device';
}

function comparable({ snapshot: _s, findings: _f, ...rest }: Attempt): BundleAttempt {
  return rest;
}

async function merge(
  db: CallDojoDb,
  rows: BundleRows,
  result: ImportResult,
  file: string,
  onProgress?: ImportOptions['onProgress'],
): Promise<void> {
  const total =
    rows.profiles.length +
    rows.attempts.length +
    rows.turns.length +
    rows.records.length +
    rows.reviews.length +
    rows.overrides.length;
  let done = 0;
  const sink: MergeSink = { ...result, tick: (n) => onProgress?.((done += n), total) };
  onProgress?.(0, total);

  for (const profile of rows.profiles) {
    if (await db.profiles.get(profile.id)) continue;
    const namesake = await db.profiles.where('staffNo').equals(profile.staffNo).first();
    if (!namesake) continue;
    result.diagnostics.push({
      code: 'staff_no_shared',
      severity: 'warning',
      file,
      start: 0,
      end: 0,
      message: `Staff number ${profile.staffNo} now has two profiles: “${namesake.name}” (this PC) and “${profile.name}” (imported).`,
      hint: 'Both are kept; ask your mentor which one to use from now on.',
    });
  }
  await mergeRows<Profile, string>(
    db.profiles,
    rows.profiles,
    {
      name: 'profiles',
      key: (p) => p.id,
      label: (p) => p.id,
      // lastActiveAt differs between PCs by nature; the profile is the same person if these agree.
      same: (a, b) => a.name === b.name && a.staffNo === b.staffNo && a.createdAt === b.createdAt,
      reason: (mine) => `this PC has the profile as “${mine.name}” (${mine.staffNo}); kept as is`,
    },
    sink,
  );

  const turnsOf = new Map<string, Turn[]>();
  for (const t of rows.turns) (turnsOf.get(t.attemptId) ?? turnsOf.set(t.attemptId, []).get(t.attemptId)!).push(t);
  const attempts = await mergeRows<Attempt, string>(
    db.attempts,
    rows.attempts as Attempt[],
    {
      name: 'attempts',
      key: (a) => a.id,
      label: (a) => a.id,
      same: (mine, theirs) => canonicalJson(comparable(mine)) === canonicalJson(comparable(theirs)),
      // Its lines, record and review are left out too: mixing two versions of one call would make a transcript nobody said.
      reason: (mine, theirs) => `this PC's copy of “${theirs.scenarioTitle}” (${mine.status}) differs; kept as is`,
      prepare: (a) => ({
        ...a,
        snapshot: null,
        findings: a.status !== 'in_progress' ? summarizeFindings(turnsOf.get(a.id) ?? []) : null,
      }),
    },
    sink,
  );
  const ok = new Set(attempts.map((a) => a.id));
  result.attemptIds = [...ok];

  const keep = <T extends { attemptId: string }>(list: readonly T[]) => {
    const kept = list.filter((r) => ok.has(r.attemptId));
    sink.tick(list.length - kept.length);
    return kept;
  };
  await mergeRows<Turn, [string, number]>(
    db.turns,
    keep(rows.turns),
    {
      name: 'turns',
      key: (t) => [t.attemptId, t.index] as [string, number],
      label: (t) => `${t.attemptId}#${t.index}`,
      reason: () => 'this PC has a different line at this position; kept as is',
    },
    sink,
  );
  await mergeRows<CallRecord, string>(
    db.records,
    keep(rows.records),
    {
      name: 'records',
      key: (r) => r.attemptId,
      label: (r) => r.attemptId,
      reason: () => 'this PC has a different after-call record; kept as is',
    },
    sink,
  );
  const reviews = await mergeRows<Review, string>(
    db.reviews,
    keep(rows.reviews),
    {
      name: 'reviews',
      key: (r) => r.id,
      label: (r) => r.id,
      reason: (mine, theirs) =>
        `this PC has this review as ${mine.status}${mine.updatedAt > theirs.updatedAt ? ' (newer)' : ''}, the file as ${theirs.status}; kept as is`,
    },
    sink,
  );
  const reviewed = new Set(reviews.map((r) => r.id));
  const overrides = rows.overrides.filter((o) => reviewed.has(o.reviewId));
  sink.tick(rows.overrides.length - overrides.length);
  await mergeRows<Override, string>(
    db.overrides,
    overrides,
    {
      name: 'overrides',
      key: (o) => o.id,
      label: (o) => o.id,
      reason: () => 'this PC has a different correction under this id; kept as is',
    },
    sink,
  );
}
