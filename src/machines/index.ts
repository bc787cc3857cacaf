/** Public API of the persona/call machines and the session engine. */
// The archetype table and the heard-line shape are the scenario semantics'; re-exported for the machines' users.
export { ARCHETYPE_SPECS, DIFFICULTY, SIGNALS, type ArchetypeSpec, type Signal } from '../scenarios/semantics/index.ts';
export { lineFacts, promiseTerms, SILENT_LINE, type LineFacts } from '../scenarios/semantics/index.ts';
export { createCallMachine, type CallEvent, type CallMachine } from './call-machine.ts';
export { callConfig, PERSONA_COMPLAINT, PERSONA_HUNG_UP, TRAINEE_HUNG_UP } from './config.ts';
export type { CallContext, Reply, TurnRecord, Vars } from './context.ts';
export {
  MIN_COMPATIBLE,
  SESSION_VERSION,
  SessionRestoreError,
  type Mode,
  type PersistedSession,
  type RestoreReason,
} from './persist.ts';
export {
  createSession,
  restoreSession,
  type CallState,
  type PersonaReply,
  type Session,
  type SessionEngine,
  type SessionOptions,
  type StepResult,
  type Trainee,
} from './session.ts';
export {
  mishandled,
  mishandledOptions,
  rehearseOptions,
  WRONG_ENDINGS,
  type OptionRehearsal,
  type OptionTrial,
} from './rehearse-options.ts';
export {
  MAX_TURNS,
  rehearseAcrossSeeds,
  rehearseModelCall,
  unsteadyModelCall,
  type Rehearsal,
  type RehearsalSummary,
  type RehearsalTurn,
} from './rehearse.ts';
