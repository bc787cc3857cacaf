/** Trainee profiles on a shared training PC: the only writer of the `profiles` table. */
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';
import { newId } from './ids.ts';
import { normalizeStaffNo } from './text.ts';
import type { Profile } from './types.ts';

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new StorageError('invalid', 'name is empty');
  if (trimmed.length > 60) throw new StorageError('invalid', 'name is longer than 60 characters');
  return trimmed;
}

/** Creates a profile; staff numbers are normalised (full-width digits, spaces) and must be unique on this device. */
export function createProfile(db: CallDojoDb, input: { name: string; staffNo: string }): Promise<Profile> {
  return guard(() =>
    db.transaction('rw', db.profiles, async () => {
      const name = cleanName(input.name);
      const staffNo = normalizeStaffNo(input.staffNo);
      if (!staffNo) throw new StorageError('invalid', 'staff number is empty');
      if ((await db.profiles.where('staffNo').equals(staffNo).count()) > 0) {
        throw new StorageError('duplicate', `staff number ${staffNo}`);
      }
      const now = Date.now();
      const profile: Profile = { id: newId(), name, staffNo, createdAt: now, lastActiveAt: now };
      await db.profiles.add(profile);
      return profile;
    }),
  );
}

/** All profiles, most recently active first (the picker's order). */
export function listProfiles(db: CallDojoDb): Promise<Profile[]> {
  return guard(() => db.profiles.orderBy('lastActiveAt').reverse().toArray());
}

/** One profile, or a `not_found` StorageError. */
export function getProfile(db: CallDojoDb, id: string): Promise<Profile> {
  return guard(async () => {
    const profile = await db.profiles.get(id);
    if (!profile) throw new StorageError('not_found', `profile ${id}`);
    return profile;
  });
}

/** Renames a profile (the staff number is its identity and stays). */
export function renameProfile(db: CallDojoDb, id: string, name: string): Promise<Profile> {
  return guard(() =>
    db.transaction('rw', db.profiles, async () => {
      const clean = cleanName(name);
      const profile = await db.profiles.get(id);
      if (!profile) throw new StorageError('not_found', `profile ${id}`);
      const renamed = { ...profile, name: clean };
      await db.profiles.put(renamed);
      return renamed;
    }),
  );
}
