/**
 * IR → XState machine config as plain data: one state per node plus built-in endings; each branch becomes a named
 * guard with its index as params (true when the scenario semantics' `decide` picks it), effects become named actions
 * with params. The implementations of those names live in call-machine.ts.
 */
import type { Effect, OutcomeCode, Scenario, ScenarioNode } from '../scenarios/ir.ts';
import { personaEnding, purposeEndings } from '../scenarios/semantics/index.ts';
import type { TurnInput } from './context.ts';

export { PERSONA_COMPLAINT, PERSONA_HUNG_UP, personaEnding } from '../scenarios/semantics/index.ts';
/** The trainee put the phone down. */
export const TRAINEE_HUNG_UP = '__trainee_hung_up';

type Action = { type: string; params?: Record<string, unknown> };
interface TransitionData {
  target: string;
  guard?: string | { type: string; params: Record<string, unknown> };
  reenter?: boolean;
  actions: Action[];
}
export interface StateData {
  type?: 'final';
  entry: Action[];
  on?: Record<string, TransitionData | TransitionData[]>;
}
export interface CallConfig {
  id: string;
  initial: string;
  states: Record<string, StateData>;
}

const hear = (input: TurnInput): Action => ({ type: 'hear', params: { input } });
/** `hear` on a turn `decide` routed: it also tells the next node's entry how to answer the line. */
const hearRouted = (input: TurnInput): Action => ({ type: 'hear', params: { input, cue: true } });
const effects = (list: Effect[]): Action[] => (list.length ? [{ type: 'effects', params: { effects: list } }] : []);

/** Builds the plain-data machine config for a scenario. */
export function callConfig(scenario: Scenario): CallConfig {
  const hungUp = personaEnding(scenario, 'hung_up');
  const complaint = personaEnding(scenario, 'complaint');
  const closings = [...new Set(purposeEndings(scenario).values())];

  const turn = (node: ScenarioNode, input: TurnInput): TransitionData[] => {
    const extra: Action[] = input === 'choose' ? [{ type: 'optionEffects', params: { node: node.id } }] : [];
    return [
      { guard: 'complains', target: complaint, actions: [hear(input), { type: 'personaEnds' }] },
      { guard: 'hangsUp', target: hungUp, actions: [hear(input), { type: 'personaEnds' }] },
      ...node.branches.map((b, index) => ({
        guard: { type: 'branch', params: { index } },
        target: b.target,
        reenter: true,
        actions: [hearRouted(input), ...extra, ...effects(b.effects)],
      })),
      // A goodbye once the call's purpose is met ends the call at the script's ending for that purpose.
      ...closings.map((target) => ({
        guard: { type: 'closes', params: { target } },
        target,
        reenter: true,
        actions: [hear(input), ...extra],
      })),
      // `decide` chose to stay (no branch matched, e.g. a promise the persona would not accept): it answers in character.
      { target: node.id, reenter: true, actions: [hearRouted(input), ...extra] },
    ];
  };

  const states: Record<string, StateData> = {};
  for (const node of scenario.nodes) {
    const entry: Action[] = [{ type: 'enter', params: { node: node.id } }];
    if (node.end) {
      states[node.id] = { type: 'final', entry };
      continue;
    }
    const chosen: TransitionData[] = node.options.flatMap((o, index) =>
      o.next
        ? [
            {
              guard: { type: 'chose', params: { index } },
              target: o.next,
              reenter: true,
              actions: [hear('choose'), ...effects(o.effects)],
            },
          ]
        : [],
    );
    states[node.id] = {
      entry,
      on: {
        SAY: turn(node, 'say'),
        SILENCE: turn(node, 'silence'),
        // Only nodes with guided options accept CHOOSE, so the event set of each state says what the trainee can do.
        ...(node.options.length ? { CHOOSE: [...chosen, ...turn(node, 'choose')] } : {}),
        HANG_UP: { target: TRAINEE_HUNG_UP, actions: [hear('hang_up'), { type: 'traineeEnds' }] },
      },
    };
  }
  for (const [id, code] of [
    [hungUp, 'hung_up'],
    [complaint, 'complaint'],
    [TRAINEE_HUNG_UP, 'hung_up'],
  ] as [string, OutcomeCode][]) {
    if (!states[id]) states[id] = { type: 'final', entry: [{ type: 'enterBuiltIn', params: { node: id, code } }] };
  }
  return { id: 'call', initial: scenario.start, states };
}
