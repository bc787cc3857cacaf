/** Export of finished calls as a file a trainee or mentor can keep or carry to another PC. */
import type { CallDojoDb } from './db.ts';
import { guard } from './errors.ts';
import {
  BUNDLE_FORMAT,
  UNSIGNED_BUNDLE_VERSION,
  type BundleAttempt,
  type BundlePayload,
  type ExportBundle,
  type SignedBundle,
} from './bundle.ts';
import { getProfile } from './profiles.ts';
import { signBundle } from './signing.ts';
import type { Attempt, Profile } from './types.ts';

/** Finished attempts without what is device-local (resume snapshot) or derived (finding summary), oldest first. */
function finished(rows: Attempt[]): BundleAttempt[] {
  return rows
    .filter((a) => a.status !== 'in_progress')
    .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1))
    .map(({ snapshot: _snapshot, findings: _findings, ...rest }) => rest);
}

/** The lines, records, reviews and overrides of `attempts`, in attempt order. */
async function rowsOf(db: CallDojoDb, attempts: BundleAttempt[]) {
  const ids = attempts.map((a) => a.id);
  const order = new Map(ids.map((id, i) => [id, i]));
  const turns = (await db.turns.where('attemptId').anyOf(ids).toArray()).sort(
    (a, b) => order.get(a.attemptId)! - order.get(b.attemptId)! || a.index - b.index,
  );
  const records = await db.records.where('attemptId').anyOf(ids).toArray();
  const reviews = (await db.reviews.where('attemptId').anyOf(ids).toArray()).sort(
    (a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1),
  );
  const overrides = (await db.overrides.where('attemptId').anyOf(ids).toArray()).sort(
    (a, b) => a.at - b.at || (a.id < b.id ? -1 : 1),
  );
  return { turns, records, reviews, overrides };
}

/**
 * One trainee's finished calls. A call still in progress stays behind: its resume snapshot belongs to the session
 * running on this PC. Unsigned version 1 by default (what older CallDojo reads); `{ signed: true }` gives the signed
 * version 2 with the trainee's reviews, as `exportAll` does for that one profile.
 */
export function exportProfile(db: CallDojoDb, profileId: string): Promise<ExportBundle>;
export function exportProfile(db: CallDojoDb, profileId: string, options: { signed: true }): Promise<SignedBundle>;
export function exportProfile(
  db: CallDojoDb,
  profileId: string,
  options?: { signed?: boolean },
): Promise<ExportBundle | SignedBundle> {
  if (options?.signed) return exportAll(db, { profileIds: [profileId] });
  return guard(() =>
    db.transaction('r', [db.profiles, db.attempts, db.turns, db.records, db.reviews, db.overrides], async () => {
      const profile = await getProfile(db, profileId);
      const attempts = finished(await db.attempts.where('profileId').equals(profileId).toArray());
      const { turns, records } = await rowsOf(db, attempts);
      return {
        format: BUNDLE_FORMAT,
        version: UNSIGNED_BUNDLE_VERSION,
        exportedAt: new Date().toISOString(),
        profile,
        attempts,
        turns,
        records,
      };
    }),
  );
}

/**
 * Every profile on this PC (or those listed) with their finished calls, reviews and overrides, signed with this
 * device's key (created on first export): what a mentor carries between PCs.
 */
export function exportAll(db: CallDojoDb, options: { profileIds?: readonly string[] } = {}): Promise<SignedBundle> {
  return guard(async () => {
    const payload = await db.transaction(
      'r',
      [db.profiles, db.attempts, db.turns, db.records, db.reviews, db.overrides],
      async () => {
        const profiles = options.profileIds
          ? await Promise.all(options.profileIds.map((id) => getProfile(db, id)))
          : (await db.profiles.toArray()).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
        const ids = profiles.map((p) => p.id);
        const attempts = finished(await db.attempts.where('profileId').anyOf(ids).toArray());
        const bundle: BundlePayload = {
          format: BUNDLE_FORMAT,
          version: 2,
          exportedAt: new Date().toISOString(),
          profiles,
          attempts,
          ...(await rowsOf(db, attempts)),
        };
        return bundle;
      },
    );
    return signBundle(db, payload);
  });
}

/** A file name that says whose data it is and when it was taken, e.g. `calldojo-A1001-2026-11-22.json`. */
export function exportFileName(bundle: {
  exportedAt: string;
  profile?: Profile;
  profiles?: readonly Profile[];
}): string {
  const one = bundle.profile ?? (bundle.profiles?.length === 1 ? bundle.profiles[0] : undefined);
  const who = one ? one.staffNo.replace(/[^\w-]/g, '_') || 'profile' : `${bundle.profiles?.length ?? 0}-trainees`;
  return `calldojo-${who}-${bundle.exportedAt.slice(0, 10)}.json`;
}
