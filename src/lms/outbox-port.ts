/**
 * Where a cmi5 launch routes the per-turn xAPI statements: the outbox (src/lrs/flusher.ts) sends them to the LMS's
 * LRS with the launch's token and registration instead of this PC's LRS, and is flushed before `terminated`.
 * One small port so the cmi5 runtime names only what it needs of the outbox.
 */
import { flushOutbox, useSessionTarget } from '../lrs/flusher.ts';
import type { SessionTarget } from '../lrs/target.ts';
import { appDb } from '../state/db.ts';

export type { SessionTarget };

/** Sends this session's statements to `target`, starting the outbox's flusher if none runs. */
export function routeTurnsTo(target: SessionTarget): void {
  useSessionTarget(target, appDb());
}

/** Waits until the outbox is empty (or the LRS cannot be reached). */
export function flushTurns(): Promise<void> {
  return flushOutbox();
}
