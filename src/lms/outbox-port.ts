/**
 * Where a cmi5 launch routes the per-turn xAPI statements: the outbox (branch lrs-core: src/lrs/target.ts and the
 * flusher) sends them to the LMS's LRS with the launch's token and registration instead of this PC's LRS.
 *
 * NOT WIRED YET: the outbox is not on this branch. At merge, `routeTurnsTo` becomes lrs-core's `setSessionTarget`
 * and `flushTurns` its `flushOutbox`; until then both do nothing, so a cmi5 launch sends only its cmi5-defined
 * statements (initialized, completed, passed/failed, terminated) and no per-turn statements.
 */
import type { Agent, ContextActivities } from '../lrs/xapi.ts';

/** The LMS's LRS for this launch (cmi5 8.1: endpoint, auth token, actor, registration; context from LaunchData). */
export interface SessionTarget {
  endpoint: string;
  /** `Basic <auth-token>` from the launch's fetch URL. */
  authorization: string;
  actor: Agent;
  registration: string;
  contextActivities?: ContextActivities;
}

/** Sends this session's turn statements to `target` (no-op until the outbox is wired). */
export function routeTurnsTo(target: SessionTarget): void {
  void target;
}

/** Waits until every statement of this session has been sent (no-op until the outbox is wired). */
export async function flushTurns(): Promise<void> {}
