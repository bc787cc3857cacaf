/**
 * Import of an export file: validated first, then merged in one transaction. Rows already present and identical are
 * skipped (so importing twice adds nothing); rows present with different content are reported, never overwritten.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { BundleAttempt } from './bundle.ts';
import type { CallDojoDb } from './db.ts';
import { guard } from './errors.ts';
import { readBundle } from './read-bundle.ts';
import { summarizeFindings } from './summary.ts';
import type { Attempt, Turn } from './types.ts';

export interface ImportCounts {
  profiles: number;
  attempts: number;
  turns: number;
  records: number;
}

export interface ImportConflict {
  table: keyof ImportCounts;
  /** Key of the local row that was kept. */
  key: string;
  reason: string;
}

export interface ImportResult {
  added: ImportCounts;
  skipped: ImportCounts;
  conflicts: ImportConflict[];
  /** Errors mean nothing was imported; warnings accompany a successful import. */
  diagnostics: Diagnostic[];
}

const zero = (): ImportCounts => ({ profiles: 0, attempts: 0, turns: 0, records: 0 });

/** JSON with sorted keys, so two rows compare equal whatever order their fields were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function comparable({ snapshot: _s, findings: _f, ...rest }: Attempt): BundleAttempt {
  return rest;
}

/** Imports an export file's text; storage failures (quota…) throw a StorageError and leave the database unchanged. */
export async function importBundle(
  db: CallDojoDb,
  text: string,
  options: { file?: string; maxChars?: number } = {},
): Promise<ImportResult> {
  const { bundle, diagnostics } = readBundle(text, options.file, options.maxChars);
  const result: ImportResult = { added: zero(), skipped: zero(), conflicts: [], diagnostics };
  if (!bundle) return result;
  return guard(() =>
    db.transaction('rw', db.profiles, db.attempts, db.turns, db.records, async () => {
      const { profile } = bundle;
      const localProfile = await db.profiles.get(profile.id);
      if (!localProfile) {
        const namesake = await db.profiles.where('staffNo').equals(profile.staffNo).first();
        if (namesake) {
          diagnostics.push({
            code: 'staff_no_shared', severity: 'warning', file: options.file ?? 'import.json', start: 0, end: 0,
            message: `Staff number ${profile.staffNo} now has two profiles: “${namesake.name}” (this PC) and “${profile.name}” (imported).`,
            hint: 'Both are kept; ask your mentor which one to use from now on.',
          });
        }
        await db.profiles.add(profile);
        result.added.profiles++;
      } else if (canonical([localProfile.name, localProfile.staffNo, localProfile.createdAt]) === canonical([profile.name, profile.staffNo, profile.createdAt])) {
        result.skipped.profiles++;
      } else {
        result.conflicts.push({ table: 'profiles', key: profile.id, reason: `this PC has the profile as “${localProfile.name}” (${localProfile.staffNo}); kept as is` });
      }

      const turnsOf = new Map<string, Turn[]>();
      for (const t of bundle.turns) {
        if (!turnsOf.has(t.attemptId)) turnsOf.set(t.attemptId, []);
        turnsOf.get(t.attemptId)!.push(t);
      }
      const recordOf = new Map(bundle.records.map((r) => [r.attemptId, r]));
      const local = await db.attempts.bulkGet(bundle.attempts.map((a) => a.id));
      const newAttempts: Attempt[] = [];
      const accepted: string[] = [];
      bundle.attempts.forEach((a, i) => {
        const mine = local[i];
        if (!mine) {
          const findings = a.status === 'completed' ? summarizeFindings(turnsOf.get(a.id) ?? []) : null;
          newAttempts.push({ ...a, snapshot: null, findings });
          accepted.push(a.id);
          result.added.attempts++;
        } else if (canonical(comparable(mine)) === canonical(a)) {
          accepted.push(a.id);
          result.skipped.attempts++;
        } else {
          // Its lines and record are left out too: mixing two versions of one call would make a transcript nobody said.
          result.conflicts.push({ table: 'attempts', key: a.id, reason: `this PC's copy of “${a.scenarioTitle}” (${mine.status}) differs; kept as is` });
        }
      });
      await db.attempts.bulkAdd(newAttempts);

      const ok = new Set(accepted);
      const turns = bundle.turns.filter((t) => ok.has(t.attemptId));
      const localTurns = await db.turns.bulkGet(turns.map((t) => [t.attemptId, t.index] as [string, number]));
      const newTurns: Turn[] = [];
      turns.forEach((t, i) => {
        const mine = localTurns[i];
        if (!mine) {
          newTurns.push(t);
          result.added.turns++;
        } else if (canonical(mine) === canonical(t)) result.skipped.turns++;
        else result.conflicts.push({ table: 'turns', key: `${t.attemptId}#${t.index}`, reason: 'this PC has a different line at this position; kept as is' });
      });
      await db.turns.bulkAdd(newTurns);

      const records = accepted.flatMap((id) => (recordOf.has(id) ? [recordOf.get(id)!] : []));
      const localRecords = await db.records.bulkGet(records.map((r) => r.attemptId));
      const newRecords = records.filter((r, i) => {
        const mine = localRecords[i];
        if (!mine) {
          result.added.records++;
          return true;
        }
        if (canonical(mine) === canonical(r)) result.skipped.records++;
        else result.conflicts.push({ table: 'records', key: r.attemptId, reason: 'this PC has a different after-call record; kept as is' });
        return false;
      });
      await db.records.bulkAdd(newRecords);
      return result;
    }),
  );
}
