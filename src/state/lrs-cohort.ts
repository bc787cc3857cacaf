/**
 * What the mentor's LRS cohort needs beyond the LRS modules: a failed read sorted into what a mentor can do about it
 * (in both languages), and the local cohort joined with the remote one. Plain TypeScript.
 */
import { LrsReadError } from '../lrs/client.ts';
import type { LocalKnown, RemoteCohort } from '../lrs/cohort-remote.ts';
import type { RemoteLine } from '../lrs/remote-turns.ts';
import type { CohortAttempt, CohortProfile } from '../report/cohort.ts';

export type { RemoteCohort, RemoteLine };

/** Why a read failed: `unreachable` (no network, timeout, 5xx), `unauthorised` (401/403), `refused` (anything else). */
export interface LrsProblem {
  kind: 'unreachable' | 'unauthorised' | 'refused';
  /** The LRS's own words or the network error, for the mentor to pass on to IT. */
  detail: string;
}

/** Sorts an error from a read. */
export function problemOf(e: unknown): LrsProblem {
  if (e instanceof LrsReadError) {
    const a = e.answer;
    switch (a.kind) {
      case 'retry':
        return { kind: 'unreachable', detail: a.reason };
      case 'unauthorised':
        return { kind: 'unauthorised', detail: a.reason };
      case 'conflict':
      case 'rejected':
        return { kind: 'refused', detail: a.reason };
      default: {
        const never: never = a;
        return never;
      }
    }
  }
  // A body that is not xAPI JSON: the endpoint answers, but it is not an LRS (a wrong path, a login page…).
  return { kind: 'refused', detail: e instanceof Error ? e.message : String(e) };
}

/** True for the id of a call read from the LRS (it has no local review page; its lines open from the LRS list). */
export function isRemoteAttemptId(id: string): boolean {
  return id.startsWith('lrs:');
}

/** What this PC's cohort already holds, so calls it sent itself are not counted again. */
export function localKnown(
  profiles: readonly { id: string; staffNo: string }[],
  attempts: readonly { id: string }[],
): LocalKnown {
  return { profiles, attemptIds: attempts.map((a) => a.id) };
}

/** The local cohort with the remote trainees and calls beside it (remote profiles after the local ones). */
export function joinCohorts<P extends CohortProfile, A extends CohortAttempt>(
  local: { profiles: readonly P[]; attempts: readonly A[] },
  remote: RemoteCohort | null,
): { profiles: CohortProfile[]; attempts: CohortAttempt[]; remoteIds: Set<string> } {
  if (!remote) return { profiles: [...local.profiles], attempts: [...local.attempts], remoteIds: new Set() };
  return {
    profiles: [...local.profiles, ...remote.profiles],
    attempts: [...local.attempts, ...remote.attempts],
    remoteIds: new Set(remote.profiles.map((p) => p.id)),
  };
}
