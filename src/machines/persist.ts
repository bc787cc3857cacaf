/**
 * Saved sessions: a versioned JSON envelope around XState's persisted snapshot, so a call survives a reload and a
 * snapshot from another format version or another scenario is refused with a message a person can act on.
 */
import type { Scenario } from '../scenarios/ir.ts';

/** Bump on any change to the envelope or to the machine context's shape. */
export const SESSION_VERSION = 2;

export type Mode = 'guided' | 'practice' | 'exam';

export interface PersistedSession {
  kind: 'calldojo.session';
  version: typeof SESSION_VERSION;
  scenario: { id: string; ir_version: number };
  mode: Mode;
  seed: number;
  /** `actor.getPersistedSnapshot()` of the call machine. */
  machine: Record<string, unknown>;
}

/** Thrown when a saved session cannot be continued with this scenario and this app version. */
export class SessionRestoreError extends Error {
  override name = 'SessionRestoreError';
}

/** Checks an untrusted saved value and returns it typed, or throws a SessionRestoreError that says what is wrong. */
export function checkPersisted(scenario: Scenario, saved: unknown): PersistedSession {
  const s = saved as Partial<PersistedSession> | null;
  if (!s || typeof s !== 'object' || s.kind !== 'calldojo.session') {
    throw new SessionRestoreError('Not a saved CallDojo session (missing kind "calldojo.session").');
  }
  if (s.version !== SESSION_VERSION) {
    throw new SessionRestoreError(
      `Saved session has format version ${String(s.version)}, this app reads version ${SESSION_VERSION}; start the call again.`,
    );
  }
  if (s.scenario?.id !== scenario.id) {
    throw new SessionRestoreError(`Saved session belongs to scenario "${s.scenario?.id}", not "${scenario.id}".`);
  }
  if (s.scenario.ir_version !== scenario.ir_version) {
    throw new SessionRestoreError(
      `Saved session was made with scenario IR version ${s.scenario.ir_version}, this scenario is version ${scenario.ir_version}; start the call again.`,
    );
  }
  const value = s.machine?.value;
  const ctx = s.machine?.context as { node?: unknown } | undefined;
  if (typeof value !== 'string' || !ctx || typeof ctx.node !== 'string') {
    throw new SessionRestoreError('Saved session has no call state to continue from.');
  }
  if (!value.startsWith('__') && !scenario.nodes.some((n) => n.id === value)) {
    throw new SessionRestoreError(`Saved session is at node "${value}", which scenario "${scenario.id}" no longer has.`);
  }
  if (s.mode !== 'guided' && s.mode !== 'practice' && s.mode !== 'exam') {
    throw new SessionRestoreError(`Saved session has an unknown mode "${String(s.mode)}".`);
  }
  return s as PersistedSession;
}
