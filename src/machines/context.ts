/**
 * The call machine's context: persona state, stage, verification, RNG state and history. Plain JSON throughout so
 * `getPersistedSnapshot()` round-trips through `JSON.stringify`.
 */
import type { CallStage, Mood, Outcome, OutcomeCode, PersonaParams, Scenario } from '../scenarios/ir.ts';
import {
  initialTurnState,
  paramsOf,
  type ReplyIntent,
  type Signal,
  type Slots,
  type Vars,
} from '../scenarios/semantics/index.ts';

export type { Vars };

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
  /** Script elements the line covered; absent in calls saved before elements were kept. */
  elements?: string[];
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
  /** Outcomes whose purpose the call has met (a goodbye then ends the call with it); see semantics/purpose.ts. */
  met: OutcomeCode[];
  /** The trainee has said who is calling (name, institution, staff number…). */
  identified: boolean;
  /** The caller's name and call-back number as the trainee gave them, for replies that repeat them back. */
  slots: Slots;
  /**
   * Set by a turn for the entry of the node it leads to: answer from the repertoire (`intent`), or with the node's
   * line for what the trainee has said (`moves` of the whole call, `elements` of the last line: see a node's `after`
   * replies). Cleared on entry.
   */
  cue: { intent: ReplyIntent | null; moves: string[]; elements: string[]; identifier?: string | null } | null;
  outcome: Outcome | null;
  ended_by: 'persona' | 'trainee' | 'script' | null;
  history: TurnRecord[];
  replies: Reply[];
}

export interface CallInput {
  seed: number;
}

/** Context at the start of a call (before the start node's entry runs). */
export function initialContext(scenario: Scenario, input: CallInput): CallContext {
  const start = scenario.nodes.find((n) => n.id === scenario.start);
  return {
    // Persona state, PRNG, verification and promise terms: the same start as the compiler's playthrough.
    ...initialTurnState(scenario, input.seed),
    scenario: scenario.id,
    seed: input.seed,
    params: paramsOf(scenario),
    node: scenario.start,
    stage: start?.stage ?? 'opening',
    turn: 0,
    mood: 'calm',
    reply: null,
    disclosed: false,
    disclosure_given: false,
    cease_request: false,
    identified: false,
    slots: { caller: null, callback: null },
    cue: null,
    outcome: null,
    ended_by: null,
    history: [],
    replies: [],
  };
}
