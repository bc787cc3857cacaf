/**
 * The call machine's context: persona state, stage, verification, RNG state and history. Plain JSON throughout so
 * `getPersistedSnapshot()` round-trips through `JSON.stringify`.
 */
import type { CallStage, Mood, Outcome, PersonaParams, Scenario, StateVar } from '../scenarios/ir.ts';
import { ARCHETYPE_SPECS, DIFFICULTY, type Signal } from './archetypes.ts';
import { seedState } from './rng.ts';

export type Vars = Record<StateVar, number>;

/** What the persona said on entering a node. */
export interface Reply {
  node: string;
  text: string;
  mood: Mood;
  /** Source line of the persona line in the script (0 for built-in endings). */
  line: number;
}

export type TurnInput = 'say' | 'choose' | 'silence' | 'hang_up';

export interface TurnRecord {
  turn: number;
  /** Node the trainee answered. */
  node: string;
  input: TurnInput;
  option: number | null;
  moves: string[];
  tone: string;
  findings: string[];
  signals: Signal[];
  vars: Vars;
}

export interface CallContext {
  scenario: string;
  seed: number;
  rng: number;
  params: PersonaParams;
  vars: Vars;
  node: string;
  stage: CallStage;
  verified: boolean;
  turn: number;
  mood: Mood;
  reply: Reply | null;
  /** Debt details reached a third party or an unverified listener at some point in the call. */
  disclosed: boolean;
  /** The jurisdiction's required disclosure (US mini-Miranda: `disclose_collector`) was made earlier in the call. */
  disclosure_given: boolean;
  /** The cardholder asked to stop calling (a `cease` node was entered) earlier in the call. */
  cease_request: boolean;
  /** Promise terms stated so far in the call. */
  terms: { amount: number | null; date: boolean };
  outcome: Outcome | null;
  ended_by: 'persona' | 'trainee' | 'script' | null;
  history: TurnRecord[];
  replies: Reply[];
}

export interface CallInput {
  seed: number;
}

/** Clamps a state variable to 0–100 and rounds it, so persisted state stays small integers. */
export function clamp(v: number): number {
  return Math.max(0, Math.min(100, Math.round(v)));
}

/** The persona's parameters: the scenario's values over the archetype's defaults. */
export function paramsOf(scenario: Scenario): PersonaParams {
  return { ...ARCHETYPE_SPECS[scenario.persona.archetype].defaults, ...scenario.persona.params };
}

/** Context at the start of a call (before the start node's entry runs). */
export function initialContext(scenario: Scenario, input: CallInput): CallContext {
  const spec = ARCHETYPE_SPECS[scenario.persona.archetype];
  const params = paramsOf(scenario);
  const diff = DIFFICULTY[scenario.difficulty] ?? DIFFICULTY[2];
  const start = scenario.nodes.find((n) => n.id === scenario.start);
  return {
    scenario: scenario.id,
    seed: input.seed,
    rng: seedState(input.seed),
    params,
    vars: {
      trust: clamp(params.trust),
      irritation: clamp(spec.irritation),
      patience: clamp(params.patience * diff.patience),
      willingness: clamp(100 - params.resolve - diff.resolve),
    },
    node: scenario.start,
    stage: start?.stage ?? 'opening',
    verified: false,
    turn: 0,
    mood: 'calm',
    reply: null,
    disclosed: false,
    disclosure_given: false,
    cease_request: false,
    terms: { amount: null, date: false },
    outcome: null,
    ended_by: null,
    history: [],
    replies: [],
  };
}
