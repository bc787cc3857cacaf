/**
 * IR → XState machine config as plain data: one state per node plus built-in endings; branch conditions become
 * named guards with the IR condition as params, effects become named actions with params. The implementations of
 * those names live in call-machine.ts.
 */
import type { Effect, OutcomeCode, Scenario, ScenarioNode } from '../scenarios/ir.ts';
import type { TurnInput } from './context.ts';

/** Built-in endings: used when the persona ends the call and the script has no ending of that kind. */
export const PERSONA_HUNG_UP = '__hung_up';
export const PERSONA_COMPLAINT = '__complaint';
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

/** The ending a persona-ended call goes to: the script's own ending with that outcome, else the built-in one. */
export function personaEnding(scenario: Scenario, code: 'hung_up' | 'complaint'): string {
  return scenario.nodes.find((n) => n.end?.code === code)?.id ?? (code === 'hung_up' ? PERSONA_HUNG_UP : PERSONA_COMPLAINT);
}

const hear = (input: TurnInput): Action => ({ type: 'hear', params: { input } });
const effects = (list: Effect[]): Action[] => (list.length ? [{ type: 'effects', params: { effects: list } }] : []);

/** Builds the plain-data machine config for a scenario. */
export function callConfig(scenario: Scenario): CallConfig {
  const byId = new Map(scenario.nodes.map((n) => [n.id, n]));
  const isPtp = (id: string) => byId.get(id)?.end?.code === 'ptp';
  const hungUp = personaEnding(scenario, 'hung_up');
  const complaint = personaEnding(scenario, 'complaint');

  const turn = (node: ScenarioNode, input: TurnInput): TransitionData[] => {
    const extra: Action[] = input === 'choose' ? [{ type: 'optionEffects', params: { node: node.id } }] : [];
    return [
      { guard: 'complains', target: complaint, actions: [hear(input), { type: 'personaEnds' }] },
      { guard: 'hangsUp', target: hungUp, actions: [hear(input), { type: 'personaEnds' }] },
      ...node.branches.map((b) => ({
        guard: { type: 'branch', params: { when: b.when, promise: isPtp(b.target) } },
        target: b.target,
        reenter: true,
        actions: [hear(input), ...extra, ...effects(b.effects)],
      })),
      // No branch matched (e.g. a promise the persona would not accept and no fallback): the persona repeats itself.
      { target: node.id, reenter: true, actions: [hear(input), ...extra] },
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
      o.next ? [{ guard: { type: 'chose', params: { index } }, target: o.next, reenter: true, actions: [hear('choose'), ...effects(o.effects)] }] : [],
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
  for (const [id, code] of [[hungUp, 'hung_up'], [complaint, 'complaint'], [TRAINEE_HUNG_UP, 'hung_up']] as [string, OutcomeCode][]) {
    if (!states[id]) states[id] = { type: 'final', entry: [{ type: 'enterBuiltIn', params: { node: id, code } }] };
  }
  return { id: 'call', initial: scenario.start, states };
}
