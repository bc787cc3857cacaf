/**
 * Where a cmi5 launch routes the per-turn xAPI statements: the outbox (branch lrs-core: src/lrs/target.ts and the
 * flusher) sends them to the LMS's LRS with the launch's token and registration instead of this PC's LRS.
 *
 * NOT WIRED YET: the outbox is not on this branch, so both functions do nothing and a cmi5 launch sends only its
 * cmi5-defined statements (initialized, completed, passed/failed, terminated), no per-turn statements. At merge
 * with lrs-core (src/lrs/flusher.ts), the bodies become:
 *
 *   routeTurnsTo(target) { useSessionTarget(target, appDb()); }   // appDb from '../state/db.ts'
 *   flushTurns() { return flushOutbox(); }
 *
 * and `SessionTarget` here becomes lrs-core's (src/lrs/target.ts), which has the same fields.
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
  /** The base IRI the package's AU ids use (lms.json), so turn statements name activities the LMS knows. */
  activityBase?: string;
}

/** Sends this session's turn statements to `target` (no-op until the outbox is wired). */
export function routeTurnsTo(target: SessionTarget): void {
  void target;
}

/** Waits until every statement of this session has been sent (no-op until the outbox is wired). */
export async function flushTurns(): Promise<void> {}
