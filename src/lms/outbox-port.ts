/**
 * Where a cmi5 launch routes the per-turn xAPI statements: the outbox (src/lrs/outbox.ts, built on branch lrs-core)
 * sends them to the LMS's LRS with the launch's token and registration instead of the configured LRS.
 *
 * NOT WIRED YET: the outbox is not on this branch. Until the lead connects `useSessionTarget` and `flushOutbox` here,
 * both functions do nothing, so a cmi5 launch sends only its cmi5-defined statements (no per-turn statements).
 */

/** The LMS's LRS for this launch (cmi5 8.1: endpoint, auth token, actor, registration; context from LaunchData). */
export interface SessionTarget {
  endpoint: string;
  /** `Basic <auth-token>` from the launch's fetch URL. */
  authorization: string;
  actor: unknown;
  registration: string;
  contextActivities?: unknown;
}

/** Sends this session's turn statements to `target` (no-op until the outbox is wired). */
export function routeTurnsTo(target: SessionTarget): void {
  void target;
}

/** Waits until every statement of this session has been sent (no-op until the outbox is wired). */
export async function flushTurns(): Promise<void> {}
