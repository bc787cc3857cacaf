/** Public API of the persona/call machines and the session engine. */
export { ARCHETYPE_SPECS, DIFFICULTY, SIGNALS, type ArchetypeSpec, type Signal } from './archetypes.ts';
export { createCallMachine, type CallEvent, type CallMachine } from './call-machine.ts';
export { callConfig, PERSONA_COMPLAINT, PERSONA_HUNG_UP, TRAINEE_HUNG_UP } from './config.ts';
export type { CallContext, Reply, TurnRecord, Vars } from './context.ts';
export { lineFacts, promiseTerms, SILENT_LINE, type LineFacts } from './line.ts';
export { SESSION_VERSION, SessionRestoreError, type Mode, type PersistedSession } from './persist.ts';
export { createSession, restoreSession, type CallState, type PersonaReply, type Session, type SessionEngine, type SessionOptions, type StepResult } from './session.ts';
export { MAX_TURNS, rehearseAcrossSeeds, rehearseModelCall, unsteadyModelCall, type Rehearsal, type RehearsalSummary, type RehearsalTurn } from './rehearse.ts';
