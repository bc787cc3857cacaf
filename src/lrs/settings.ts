/**
 * The LRS connection this PC is configured with (Settings → 学习记录库 LRS). Nothing is sent anywhere until it is
 * saved: an absent setting means "no LRS", and the app then makes no network request. Kept in the `settings` table
 * under `lrs`.
 */
import type { CallDojoDb } from '../storage/db.ts';
import { getSetting, putSetting } from '../storage/settings.ts';
import { basicAuth, type XapiConnection } from './client.ts';

import { LRS_SETTING_KEY } from './setting-key.ts';

export { LRS_SETTING_KEY };

export interface LrsSettings {
  /** The LRS's xAPI endpoint (http or https URL). */
  endpoint: string;
  /** LRS client credentials (Basic auth key and secret) used to send this PC's statements. */
  key: string;
  secret: string;
  /** The home page of the bank's staff accounts: actors are {homePage, staff number}, never names. */
  homePage: string;
  /** The base IRI of CallDojo's activities (courses, scenarios, nodes) in this bank's LRS. */
  activityBase: string;
}

export type LrsField = keyof LrsSettings;

/** A problem with one field, for the form to show beside it. */
export interface LrsFieldError {
  field: LrsField;
  code: 'required' | 'not_url' | 'not_http';
}

export const DEFAULT_ACTIVITY_BASE = 'https://w3id.org/xapi/calldojo/activities/';

function urlProblem(field: LrsField, value: string, httpOnly: boolean): LrsFieldError | null {
  if (!value.trim()) return { field, code: 'required' };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { field, code: 'not_url' };
  }
  if (httpOnly && url.protocol !== 'http:' && url.protocol !== 'https:') return { field, code: 'not_http' };
  return null;
}

/** Every problem with `s`, in form order; empty when it can be saved. */
export function checkLrsSettings(s: LrsSettings): LrsFieldError[] {
  const out: (LrsFieldError | null)[] = [
    urlProblem('endpoint', s.endpoint, true),
    s.key.trim() ? null : { field: 'key', code: 'required' },
    s.secret ? null : { field: 'secret', code: 'required' },
    urlProblem('homePage', s.homePage, true),
    urlProblem('activityBase', s.activityBase, false),
  ];
  return out.filter((e): e is LrsFieldError => e !== null);
}

function isSettings(v: unknown): v is LrsSettings {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return ['endpoint', 'key', 'secret', 'homePage', 'activityBase'].every((k) => typeof o[k] === 'string');
}

/** The saved connection, or null when none is configured (or what is stored is unusable). */
export async function readLrsSettings(db: CallDojoDb): Promise<LrsSettings | null> {
  const v = await getSetting(db, LRS_SETTING_KEY);
  return isSettings(v) && checkLrsSettings(v).length === 0 ? v : null;
}

/** Saves `s` if it has no problems (returned otherwise, and nothing is saved). */
export async function saveLrsSettings(db: CallDojoDb, s: LrsSettings): Promise<LrsFieldError[]> {
  const trimmed: LrsSettings = {
    endpoint: s.endpoint.trim(),
    key: s.key.trim(),
    secret: s.secret,
    homePage: s.homePage.trim(),
    activityBase: s.activityBase.trim(),
  };
  const problems = checkLrsSettings(trimmed);
  if (problems.length === 0) await putSetting(db, LRS_SETTING_KEY, trimmed);
  return problems;
}

/** Forgets the connection: nothing more is sent (statements already waiting stay in the outbox). */
export function clearLrsSettings(db: CallDojoDb): Promise<void> {
  return putSetting(db, LRS_SETTING_KEY, null);
}

/** The connection to send with. */
export function connectionOf(s: LrsSettings): XapiConnection {
  return { endpoint: s.endpoint, authorization: basicAuth(s.key, s.secret) };
}
