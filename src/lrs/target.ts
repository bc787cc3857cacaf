/**
 * The session target of a cmi5 launch: while set, statements go to the LMS's LRS with the launch's token, about the
 * LMS's learner under the launch's registration, instead of to this PC's configured LRS. Kept in memory only: a
 * launch's token is good for that launch alone.
 */
import type { Agent, ContextActivities, Statement } from './xapi.ts';

export interface SessionTarget {
  /** The LMS's LRS endpoint (cmi5 `endpoint` launch parameter). */
  endpoint: string;
  /** The full Authorization header value the launch's auth token gives. */
  authorization: string;
  /** The learner as the LMS names them (cmi5 `actor`). */
  actor: Agent;
  /** The launch's registration (cmi5 `registration`). */
  registration: string;
  /** Context activities the LMS asks for (LMS.LaunchData `contextTemplate`). */
  contextActivities?: ContextActivities;
  /** The activities' base IRI for this launch (absent: this PC's setting, or CallDojo's default). */
  activityBase?: string;
  /**
   * Rewrites the statements of one write before they are queued (cmi5: keep only what the spec allows, in its order,
   * with its context template). Runs inside the Dexie transaction of the row: synchronous, no I/O.
   */
  adapt?: (statements: readonly Statement[]) => Statement[];
}

let current: SessionTarget | null = null;
const listeners = new Set<(target: SessionTarget | null) => void>();

/** The launch's target, or null when no launch routes statements. */
export function sessionTarget(): SessionTarget | null {
  return current;
}

/** Routes statements written from now on to `target` (null: back to this PC's LRS, if any). */
export function setSessionTarget(target: SessionTarget | null): void {
  current = target;
  for (const l of listeners) l(target);
}

/** Calls `listener` whenever the target changes; returns the unsubscribe. */
export function onSessionTarget(listener: (target: SessionTarget | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
