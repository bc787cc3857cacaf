/**
 * The mentor's read credential for the LRS. A bank often gives each PC a send-only key; reading the cohort needs a
 * key allowed to read statements, which mentors enter behind the mentor PIN (Review → cohort). Kept apart from the
 * PC's connection (its own `settings` key), so trainee-facing Settings never shows or changes it. Optional: without
 * it, reads use the PC's own key.
 */
import type { CallDojoDb } from '../storage/db.ts';
import { getSetting, putSetting } from '../storage/settings.ts';
import { basicAuth, type XapiConnection } from './client.ts';
import type { LrsSettings } from './settings.ts';

export const MENTOR_READ_KEY = 'lrs-mentor-read';

export interface MentorReadCredential {
  key: string;
  secret: string;
}

/** The stored mentor credential, or null (reads then use the PC's sending key). */
export async function readMentorCredential(db: CallDojoDb): Promise<MentorReadCredential | null> {
  const v = (await getSetting(db, MENTOR_READ_KEY)) as Partial<MentorReadCredential> | null | undefined;
  return v && typeof v.key === 'string' && v.key && typeof v.secret === 'string' && v.secret
    ? { key: v.key, secret: v.secret }
    : null;
}

/** Stores the credential; an empty key or secret removes it (reads fall back to the PC's key). */
export async function saveMentorCredential(
  db: CallDojoDb,
  c: MentorReadCredential,
): Promise<MentorReadCredential | null> {
  const stored = c.key.trim() && c.secret ? { key: c.key.trim(), secret: c.secret } : null;
  await putSetting(db, MENTOR_READ_KEY, stored);
  return stored;
}

/** The connection a cohort read uses: the PC's endpoint with the mentor's key when one is stored. */
export function readConnection(settings: LrsSettings, mentor: MentorReadCredential | null): XapiConnection {
  const { key, secret } = mentor ?? settings;
  return { endpoint: settings.endpoint, authorization: basicAuth(key, secret) };
}
