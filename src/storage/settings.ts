/** Small per-PC settings (readiness rules, …): the only writer of the `settings` table. */
import type { CallDojoDb } from './db.ts';
import { guard } from './errors.ts';

/** The stored value for `key`, or undefined; callers validate its shape (it may come from an older app). */
export function getSetting(db: CallDojoDb, key: string): Promise<unknown> {
  return guard(async () => (await db.settings.get(key))?.value);
}

/** Stores `value` (plain JSON) under `key`, replacing what was there. */
export function putSetting(db: CallDojoDb, key: string, value: unknown): Promise<void> {
  return guard(async () => {
    await db.settings.put({ key, value: JSON.parse(JSON.stringify(value)) });
  });
}
