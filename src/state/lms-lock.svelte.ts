/**
 * An LMS launch (SCORM 1.2 package or cmi5) locks the app to one assignment: the shell shows only that scenario in
 * that mode, with no navigation to anything else. Set once by src/lms/start.ts before the app mounts; null otherwise.
 */
import type { Mode } from '../storage/types.ts';

/** Why an LMS launch cannot go on; the shell says so instead of showing the app. */
export type LmsProblem =
  | { kind: 'no_api' }
  | { kind: 'no_launch' }
  | { kind: 'bad_assignment'; detail: string }
  | { kind: 'not_assigned'; scenario: string }
  | { kind: 'lms_unreachable'; detail: string };

export interface LmsLock {
  system: 'scorm12' | 'cmi5';
  scenarioId: string;
  mode: Mode;
  /** False in cmi5 Browse/Review launches: the call is practice only and no verdict reaches the LMS. */
  reportsVerdict: boolean;
  /** Ends the LMS session (terminate, LMSFinish) and goes back to the LMS when it said where. */
  exit(): Promise<void>;
}

export class LmsLockState {
  current = $state.raw<LmsLock | null>(null);
  problem = $state.raw<LmsProblem | null>(null);
  /** The session with the LMS is over: the page says it can be closed (when the LMS gave no return URL). */
  ended = $state(false);
}

export const lmsLock = new LmsLockState();
