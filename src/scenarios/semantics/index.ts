/**
 * The one meaning of the scenario IR: conditions, effects, starting state, the archetype table and how a turn is
 * decided. Imported by the compiler's playthrough and by the live call machine; it imports only the IR types and the
 * scoring engine's types.
 */
export {
  ARCHETYPE_SPECS,
  DIFFICULTY,
  PERSONA_PARAMS,
  SIGNALS,
  type ArchetypeSpec,
  type Deltas,
  type Signal,
} from './archetypes.ts';
export { blames, firstBranch, holds, wantedIn, type Heard } from './conditions.ts';
export { lineFacts, promiseTerms, SILENT_LINE, type LineFacts } from './line.ts';
export {
  lineAt,
  moodOf,
  personaEnds,
  personaOf,
  promiseHolds,
  react,
  type PersonaModel,
  type Reaction,
  type TurnState,
} from './persona.ts';
export { nextRandom, pickIndex, randomStream, seedState } from './rng.ts';
export { SIGNAL_MOVES, signalsOf, type Hearing } from './signals.ts';
export { applyEffects, clamp, difficultyOf, initialVars, paramsOf, type Vars } from './state.ts';
export {
  decide,
  entered,
  heard,
  hearingAt,
  initialTurnState,
  personaEnding,
  PERSONA_COMPLAINT,
  PERSONA_HUNG_UP,
  rulesOf,
  targetOf,
  type Decision,
  type Rules,
} from './turn.ts';
export { closingTarget, purposeEndings, purposesOf } from './purpose.ts';
export {
  afterLine,
  fillSlots,
  IDENTIFYING,
  identifierOf,
  intentOf,
  pickReply,
  spokenMood,
  type Replies,
  type ReplyIntent,
  type ReplyLine,
  type ReplyMemory,
  type Slots,
} from './replies.ts';
export { replyCue } from './cue.ts';
export { slotsOf } from './line.ts';
