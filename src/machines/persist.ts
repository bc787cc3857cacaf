/**
 * Saved sessions: a versioned JSON envelope around XState's persisted snapshot, so a call survives a reload and an
 * app update. As ink's saved stories do, a save says which format it is (`version`) and the oldest reader that can
 * still continue it (`min_compatible`); a save from an older format is brought forward by one migration per version.
 * A save that truly cannot continue is refused with a SessionRestoreError whose `reason` the UI turns into words.
 */
import type { Scenario } from '../scenarios/ir.ts';

/** Bump on any change to the envelope or to the machine context's shape, and add the migration from the last one. */
export const SESSION_VERSION = 3;

/**
 * The oldest format whose reader can continue what this version writes. A v3 save is a v2 save plus this field and a
 * few context fields a v2 reader ignores, so a v2 reader could; raise it when a change means older code would misread
 * the save.
 */
export const MIN_COMPATIBLE = 2;

export type Mode = 'guided' | 'practice' | 'exam';

export interface PersistedSession {
  kind: 'calldojo.session';
  version: number;
  min_compatible: number;
  scenario: { id: string; ir_version: number };
  mode: Mode;
  seed: number;
  /** `actor.getPersistedSnapshot()` of the call machine. */
  machine: Record<string, unknown>;
}

type Saved = Record<string, unknown> & { machine: Record<string, unknown> & { context: Record<string, unknown> } };

/**
 * `MIGRATIONS[n]` turns a version-n save into a version n+1 save. Every released version keeps its entry: a
 * trainee may reload a call saved weeks ago by an older build.
 */
const MIGRATIONS: Record<number, (s: Saved) => Saved> = {
  // v2 added the cardholder's stop-calling request to the context; no v1 call could have made one.
  1: (s) => ({ ...s, version: 2, machine: { ...s.machine, context: { cease_request: false, ...s.machine.context } } }),
  // v3 added `min_compatible` to the envelope, and to the context what the persona's replies remember (purposes met,
  // whether the caller said who they are, the name and number they left, the pending reply cue). A v2 call had
  // none of them: it starts remembering from the next line.
  2: (s) => ({
    ...s,
    version: 3,
    min_compatible: 2,
    machine: {
      ...s.machine,
      context: { met: [], identified: false, slots: { caller: null, callback: null }, cue: null, ...s.machine.context },
    },
  }),
};

/** The oldest format this app can bring forward. */
export const OLDEST_MIGRATABLE = Math.min(...Object.keys(MIGRATIONS).map(Number));

/** Why a saved call cannot continue; the UI words each reason (i18n `resume.cannot.<reason>`). */
export type RestoreReason = 'not_a_session' | 'too_old' | 'too_new' | 'other_scenario' | 'node_gone' | 'damaged';

/** Thrown when a saved session cannot be continued with this scenario and this app version. */
export class SessionRestoreError extends Error {
  override name = 'SessionRestoreError';
  constructor(
    readonly reason: RestoreReason,
    message: string,
  ) {
    super(message);
  }
}

/** The envelope this version writes around a machine snapshot. */
export function persistedSession(
  scenario: Scenario,
  mode: Mode,
  seed: number,
  machine: Record<string, unknown>,
): PersistedSession {
  return {
    kind: 'calldojo.session',
    version: SESSION_VERSION,
    min_compatible: MIN_COMPATIBLE,
    scenario: { id: scenario.id, ir_version: scenario.ir_version },
    mode,
    seed,
    machine,
  };
}

/**
 * Checks an untrusted saved value, migrates an older format to this one, and returns it typed; or throws a
 * SessionRestoreError that says what is wrong. The caller's value is never modified.
 */
export function checkPersisted(scenario: Scenario, saved: unknown): PersistedSession {
  const s = saved as Partial<PersistedSession> | null;
  if (!s || typeof s !== 'object' || s.kind !== 'calldojo.session') {
    throw new SessionRestoreError('not_a_session', 'Not a saved CallDojo session (missing kind "calldojo.session").');
  }
  if (typeof s.version !== 'number' || !Number.isInteger(s.version)) {
    throw new SessionRestoreError('damaged', `Saved session has no format version (${String(s.version)}).`);
  }
  if (s.version > SESSION_VERSION && !(typeof s.min_compatible === 'number' && s.min_compatible <= SESSION_VERSION)) {
    throw new SessionRestoreError(
      'too_new',
      `Saved session has format version ${s.version}, newer than this app reads (${SESSION_VERSION}); reload the page to update CallDojo.`,
    );
  }
  if (s.version < OLDEST_MIGRATABLE) {
    throw new SessionRestoreError(
      'too_old',
      `Saved session has format version ${s.version}; this app can bring forward versions ${OLDEST_MIGRATABLE} to ${SESSION_VERSION} only.`,
    );
  }
  if (s.scenario?.id !== scenario.id) {
    throw new SessionRestoreError(
      'other_scenario',
      `Saved session belongs to scenario "${s.scenario?.id}", not "${scenario.id}".`,
    );
  }
  const machine = s.machine as Saved['machine'] | undefined;
  const value = machine?.value;
  if (
    typeof value !== 'string' ||
    typeof machine?.context !== 'object' ||
    machine.context === null ||
    typeof machine.context.node !== 'string'
  ) {
    throw new SessionRestoreError('damaged', 'Saved session has no call state to continue from.');
  }
  // The scenario may have been edited since (a new IR version or a revised script): the call continues as long as
  // the node it stopped at still exists, as an ink save continues while its story path does.
  if (!value.startsWith('__') && !scenario.nodes.some((n) => n.id === value)) {
    throw new SessionRestoreError(
      'node_gone',
      `Saved session is at node "${value}", which scenario "${scenario.id}" no longer has.`,
    );
  }
  if (s.mode !== 'guided' && s.mode !== 'practice' && s.mode !== 'exam') {
    throw new SessionRestoreError('damaged', `Saved session has an unknown mode "${String(s.mode)}".`);
  }
  let migrated = structuredClone(s) as Saved;
  for (let v = s.version; v < SESSION_VERSION; v++) migrated = MIGRATIONS[v](migrated);
  return migrated as unknown as PersistedSession;
}
