/**
 * The session engine: runs one scenario call. Each trainee turn is assessed by the scoring engine in the context of
 * the current node, turned into a machine event, and answered with the persona's reply and the new call state.
 * Plain TypeScript (no UI); its whole state persists as a versioned snapshot.
 */
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import type { AssessOptions, Assessment, ScoringContext, ScoringEngine } from '../scoring/types.ts';
import {
  callDirectionOf,
  SCORING_STAGE,
  type CallStage,
  type Mood,
  type Outcome,
  type Quality,
  type Scenario,
} from '../scenarios/ir.ts';
import { lineFacts, type Signal, type Vars } from '../scenarios/semantics/index.ts';
import { createCallMachine, type CallEvent, type CallMachine } from './call-machine.ts';
import type { CallContext } from './context.ts';
import { checkPersisted, persistedSession, type Mode, type PersistedSession } from './persist.ts';

export type SessionEngine = Pick<ScoringEngine, 'assess'>;

/** Who is making the call: the opening check accepts their name and staff number. */
export interface Trainee {
  name: string;
  staffNo: string;
}

export interface SessionOptions {
  engine: SessionEngine;
  seed?: number;
  mode?: Mode;
  trainee?: Trainee;
}

export interface CallState {
  node: string;
  stage: CallStage;
  vars: Vars;
  mood: Mood;
  verified: boolean;
  turn: number;
  ended: boolean;
  outcome: Outcome | null;
  ended_by: CallContext['ended_by'];
}

export interface PersonaReply {
  node: string;
  text: string;
  mood: Mood;
}

export interface StepResult {
  /** What the persona says back; null when the trainee hung up. */
  reply: PersonaReply | null;
  /** The scoring engine's judgement of the trainee's line; null for silence and hang-up. */
  assessment: Assessment | null;
  /** Guided mode: the chosen option's quality and the trainer's feedback. */
  option: { text: string; quality: Quality; feedback: string } | null;
  /** What the persona made of the turn (courtesy, threat, vague_promise…), e.g. for a debrief. */
  signals: Signal[];
  state: CallState;
}

export interface Session {
  readonly scenario: Scenario;
  readonly mode: Mode;
  readonly seed: number;
  /** The persona's latest line (the greeting before any turn). */
  readonly reply: PersonaReply | null;
  readonly state: CallState;
  /** The call machine and its current snapshot, for pure `transition()` look-ahead and UI bindings. */
  readonly machine: CallMachine;
  readonly snapshot: SnapshotFrom<CallMachine>;
  /** The scoring context a line said now would be judged in. */
  scoringContext(): ScoringContext;
  /** The findings `text` would get as the next line (live hints), without advancing the call. */
  preview(text: string): Assessment;
  say(text: string): StepResult;
  choose(index: number): StepResult;
  silence(): StepResult;
  hangUp(): StepResult;
  persist(): PersistedSession;
  /** Stops the underlying actor. */
  stop(): void;
}

const machines = new WeakMap<Scenario, CallMachine>();
/** One machine per scenario object: building it is the expensive part, and it is stateless. */
function machineFor(scenario: Scenario): CallMachine {
  let m = machines.get(scenario);
  if (!m) machines.set(scenario, (m = createCallMachine(scenario)));
  return m;
}

/** Starts a call on `scenario`; the same seed replays the same call. */
export function createSession(scenario: Scenario, options: SessionOptions): Session {
  const seed = options.seed ?? 1;
  const actor = createActor(machineFor(scenario), { input: { seed } });
  return run(scenario, actor, options.engine, options.mode ?? 'practice', seed, options.trainee);
}

/** Continues a call saved by `session.persist()` (this or an older compatible format); throws SessionRestoreError if it cannot. */
export function restoreSession(
  scenario: Scenario,
  saved: unknown,
  options: { engine: SessionEngine; trainee?: Trainee },
): Session {
  const s = checkPersisted(scenario, saved);
  // Copy: the actor must not share objects with the caller's saved value.
  const snapshot = JSON.parse(JSON.stringify(s.machine));
  const actor = createActor(machineFor(scenario), { snapshot, input: { seed: s.seed } });
  return run(scenario, actor, options.engine, s.mode, s.seed, options.trainee);
}

/** The caller's own words for each identifying element: the scenario's institution and department, the trainee's name and staff number. */
function ownWords(scenario: Scenario, trainee?: Trainee): AssessOptions['own'] {
  const words = (...w: (string | undefined)[]) => w.filter((x): x is string => !!x?.trim());
  return {
    institution: words(scenario.caller?.institution),
    department: words(scenario.caller?.department),
    surname: words(trainee?.name),
    staff_number: words(trainee?.staffNo),
  };
}

function run(
  scenario: Scenario,
  actor: Actor<CallMachine>,
  engine: SessionEngine,
  mode: Mode,
  seed: number,
  trainee?: Trainee,
): Session {
  actor.start();
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const ctx = () => actor.getSnapshot().context;
  const state = (): CallState => {
    const snap = actor.getSnapshot();
    const c = snap.context;
    return {
      node: c.node,
      stage: c.stage,
      vars: c.vars,
      mood: c.mood,
      verified: c.verified,
      turn: c.turn,
      ended: snap.status === 'done',
      outcome: c.outcome,
      ended_by: c.ended_by,
    };
  };
  const reply = (): PersonaReply | null => {
    const r = ctx().reply;
    return r ? { node: r.node, text: r.text, mood: r.mood } : null;
  };
  const scoringContext = (): ScoringContext => {
    const c = ctx();
    const node = nodes.get(c.node);
    return {
      party: node?.party ?? 'debtor',
      relation: node?.relation ?? (scenario.hidden.answers === 'debtor' ? 'other' : scenario.hidden.answers),
      verified: c.verified,
      stage: SCORING_STAGE[c.stage],
      local_time: scenario.local_time,
      caller_type: scenario.caller_type,
      consent_late_call: false,
      cease_request: c.cease_request,
      attorney_represented: false,
      legal_action_filed: false,
      disclosure_given: c.disclosure_given,
      // Same call-history facts the compiler lints model answers with, so a line that passed lint passes here.
      calls_today: 1,
      calls_last_7_days: 1,
      bank_policy: scenario.bank_policy,
      jurisdiction: scenario.jurisdiction,
      call_direction: callDirectionOf(scenario.course),
      // The dial's contact facts, as the compiler lints the model answers with them.
      ...scenario.contact,
    };
  };
  const step = (event: CallEvent, assessment: Assessment | null, option: StepResult['option'] = null): StepResult => {
    if (actor.getSnapshot().status === 'done')
      throw new Error(`The call has ended (${ctx().outcome?.code}); start a new session.`);
    actor.send(event);
    const c = ctx();
    return {
      reply: c.ended_by === 'trainee' ? null : reply(),
      assessment,
      option,
      signals: c.history.at(-1)?.signals ?? [],
      state: state(),
    };
  };
  // Call-level rules (call window, call log, cease request, attorney) judge the call, not a line: report them once,
  // on the trainee's first line, so one late call is one finding rather than one per sentence.
  const own = ownWords(scenario, trainee);
  // Elements said earlier in the call, or held back by the scenario's objectives, are not asked for again; a drill
  // line is a whole recital of its own, so a drill remembers nothing from the lines before.
  const earlier = () => (scenario.course === 'drill' ? [] : ctx().history.flatMap((h) => h.elements ?? []));
  const covered = () => [...new Set([...(scenario.withhold ?? []), ...earlier()])];
  const assess = (text: string, callLevel = ctx().history.length === 0) =>
    engine.assess(text, scenario.lang, scoringContext(), { callLevel, covered: covered(), own });

  return {
    scenario,
    mode,
    seed,
    get reply() {
      return reply();
    },
    get state() {
      return state();
    },
    machine: actor.logic,
    get snapshot() {
      return actor.getSnapshot();
    },
    scoringContext,
    preview: (text) => assess(text, false),
    say(text) {
      const assessment = assess(text);
      return step({ type: 'SAY', line: lineFacts(text, assessment) }, assessment);
    },
    choose(index) {
      if (mode !== 'guided')
        throw new Error(`choose() is for guided mode; this session is in ${mode} mode, use say().`);
      const option = nodes.get(ctx().node)?.options[index];
      if (!option) throw new RangeError(`Node "${ctx().node}" has no option ${index}.`);
      const assessment = assess(option.text);
      const line = lineFacts(option.text, assessment);
      return step({ type: 'CHOOSE', index, line }, assessment, {
        text: option.text,
        quality: option.quality,
        feedback: option.feedback,
      });
    },
    silence: () => step({ type: 'SILENCE' }, null),
    hangUp: () => step({ type: 'HANG_UP' }, null),
    persist() {
      const machine = actor.getPersistedSnapshot() as unknown as Record<string, unknown>;
      return persistedSession(scenario, mode, seed, machine);
    },
    stop: () => actor.stop(),
  };
}
