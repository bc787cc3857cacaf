/** Export of one trainee's own data as a file they can keep or carry to another PC. */
import type { CallDojoDb } from './db.ts';
import { guard } from './errors.ts';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleAttempt, type ExportBundle } from './bundle.ts';
import { getProfile } from './profiles.ts';

/**
 * The profile with its finished calls, their lines and records. A call still in progress stays behind: its resume
 * snapshot belongs to the session running on this PC.
 */
export function exportProfile(db: CallDojoDb, profileId: string): Promise<ExportBundle> {
  return guard(() =>
    db.transaction('r', db.profiles, db.attempts, db.turns, db.records, async () => {
      const profile = await getProfile(db, profileId);
      const rows = await db.attempts.where('profileId').equals(profileId).sortBy('startedAt');
      const attempts: BundleAttempt[] = rows
        .filter((a) => a.status !== 'in_progress')
        .map(({ snapshot: _snapshot, findings: _findings, ...rest }) => rest);
      const ids = attempts.map((a) => a.id);
      const order = new Map(ids.map((id, i) => [id, i]));
      const turns = (await db.turns.where('attemptId').anyOf(ids).toArray()).sort(
        (a, b) => order.get(a.attemptId)! - order.get(b.attemptId)! || a.index - b.index,
      );
      const records = await db.records.where('attemptId').anyOf(ids).toArray();
      return {
        format: BUNDLE_FORMAT,
        version: BUNDLE_VERSION,
        exportedAt: new Date().toISOString(),
        profile,
        attempts,
        turns,
        records,
      };
    }),
  );
}

/** A file name that says whose data it is and when it was taken, e.g. `calldojo-A1001-2026-11-22.json`. */
export function exportFileName(bundle: Pick<ExportBundle, 'profile' | 'exportedAt'>): string {
  const who = bundle.profile.staffNo.replace(/[^\w-]/g, '_') || 'profile';
  return `calldojo-${who}-${bundle.exportedAt.slice(0, 10)}.json`;
}
