/**
 * One trainee turn at a node, decided: the persona reacts; a branch of the script about a violation or a rude line
 * that holds is taken first (the script's own protest is the lesson); after a line that gives offence the persona may
 * then end the call itself; else a goodbye once the call's purpose is met ends the call with that outcome; else the
 * first other conditioned branch that holds (a branch to a promise ending only if the persona accepts the promise; a
 * read-back the persona agrees to there ends the call at the promise ending); else the persona may end the call,
 * unless the line does something for the customer and the `else` branch goes on to a good place; else a verified
 * cardholder asked for an identifier answers it and stays; else the `else` branch (not for an empty line); else the
 * persona stays where it is. The call machine's guards and the compiler's playthrough both ask this function, so the
 * playthrough proves things about the machine the trainee meets.
 */
import type { Branch, Mood, OutcomeCode, PersonaLine, Scenario, ScenarioNode } from '../ir.ts';
import { blames, firstBranch, wantedIn } from './conditions.ts';
import type { LineFacts } from './line.ts';
import {
  lineAt,
  personaEnds,
  personaOf,
  promiseHolds,
  react,
  type PersonaModel,
  type Reaction,
  type TurnState,
} from './persona.ts';
import { closingTarget, purposeEndings, purposesOf } from './purpose.ts';
import { seedState } from './rng.ts';
import type { Signal } from './archetypes.ts';
import type { Hearing } from './signals.ts';
import { applyEffects, initialVars } from './state.ts';

/** Built-in endings: used when the persona ends the call and the script has no ending of that kind. */
export const PERSONA_HUNG_UP = '__hung_up';
export const PERSONA_COMPLAINT = '__complaint';

export type Decision =
  | { kind: 'persona_ends'; code: 'complaint' | 'hung_up' }
  | { kind: 'branch'; index: number }
  /**
   * The call's purpose is met and the call ends at that ending: the trainee said goodbye once it was met (see
   * `purposeMet`), or read back a promise the persona agrees to where the script asks for one (see `agreesAt`).
   */
  | { kind: 'closes'; target: string }
  /** No branch matched (e.g. a promise the persona would not accept and no fallback): the persona repeats itself. */
  | { kind: 'stay' };

/** A scenario prepared for deciding turns: its persona and, per node, what counts as progress there. */
export interface Rules {
  scenario: Scenario;
  persona: PersonaModel;
  nodes: Map<string, ScenarioNode>;
  wanted: Map<string, ReadonlySet<string>>;
  /** Per outcome a call can meet before its last line, the script's ending for it (see `purposeEnding`). */
  endings: Map<OutcomeCode, string>;
}

const ENDS_BADLY = new Set<OutcomeCode>(['hung_up', 'complaint', 'refused']);

/** Prepares `scenario` for `decide` (cheap; build once per scenario). */
export function rulesOf(scenario: Scenario): Rules {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const wanted = new Map<string, ReadonlySet<string>>();
  for (const n of scenario.nodes) {
    // Progress = what the node expects or what its branches look for, except on the way to a bad ending.
    const set = new Set(n.expect);
    for (const b of n.branches) {
      const code = nodes.get(b.target)?.end?.code;
      if (!code || !ENDS_BADLY.has(code)) wantedIn(b.when, set);
    }
    wanted.set(n.id, set);
  }
  return { scenario, persona: personaOf(scenario), nodes, wanted, endings: purposeEndings(scenario) };
}

/** Where a line said at `node` is heard: the listener, verification, what counts as progress, what can be paid. */
export function hearingAt(rules: Rules, node: ScenarioNode, verified: boolean): Hearing {
  return {
    party: node.party,
    verified,
    wanted: rules.wanted.get(node.id) ?? new Set(node.expect),
    ability_to_pay: rules.persona.ability_to_pay,
  };
}

/** Decides the turn of `line` said at `node` in `state`: the persona's reaction and where the call goes. */
export function decide(
  rules: Rules,
  node: ScenarioNode,
  state: TurnState,
  line: LineFacts,
): { reaction: Reaction; decision: Decision } {
  const reaction = react(rules.persona, state, line, hearingAt(rules, node, state.verified));
  // At a `promise` node the persona has said its promise; a read-back is held to the terms, not to willingness again.
  const agreed = node.stage === 'promise';
  const accept = (b: Branch) =>
    rules.nodes.get(b.target)?.end?.code !== 'ptp' || promiseHolds(rules.persona, state, line, reaction, agreed);
  const first = (which: (b: Branch) => boolean) => firstBranch(node, line, reaction.vars, (b) => which(b) && accept(b));
  // The script's own reaction to a violation or a rude line comes first: a scripted protest at a premature disclosure
  // is the lesson, and must not be pre-empted by the archetype's generic hang-up or complaint.
  const reacts = first((b) => b.when !== null && blames(b.when));
  if (reacts >= 0) return { reaction, decision: { kind: 'branch', index: reacts } };
  // A line that gives offence (or gives nothing) lets the persona end the call before the script's other branches; a
  // clean line the script has a place for is followed there, whatever irritation the call has built up so far.
  const spec = rules.persona.spec;
  const offends = reaction.signals.some((s) => OFFENCES.has(s) || !!spec.complaint?.on.includes(s));
  const ends = personaEnds(spec, reaction);
  if (ends && offends) return { reaction, decision: { kind: 'persona_ends', code: ends } };
  // A goodbye once the call's purpose is met (by this line or earlier) ends the call: the trainee has hung up in all but name.
  const closes = closingTarget(rules, node, state, line, reaction);
  if (closes) return { reaction, decision: { kind: 'closes', target: closes } };
  const index = first((b) => b.when !== null);
  if (index >= 0) {
    const agreed = agreesAt(rules, rules.nodes.get(node.branches[index].target), state, line, reaction);
    return { reaction, decision: agreed ? { kind: 'closes', target: agreed } : { kind: 'branch', index } };
  }
  // An empty line is not an answer: the persona asks to hear it again instead of following the script's fallback.
  const fallback = line.blank ? -1 : first((b) => b.when === null);
  // A line that does something for the customer, where the script's fallback goes on to a good place, is followed
  // there however annoyed the persona is; otherwise the persona may end the call now.
  const onward =
    fallback >= 0 && !ENDS_BADLY.has(rules.nodes.get(node.branches[fallback].target)?.end?.code as OutcomeCode);
  if (ends && !(onward && !reaction.signals.includes('no_progress')))
    return { reaction, decision: { kind: 'persona_ends', code: ends } };
  // A verified cardholder asked for an identifier (ID digits, date of birth) gives it and waits for the point.
  if (state.verified && line.asksIdentifier && node.party !== 'third_party')
    return { reaction, decision: { kind: 'stay' } };
  return { reaction, decision: fallback >= 0 ? { kind: 'branch', index: fallback } : { kind: 'stay' } };
}

/**
 * A read-back of the whole promise (amount and date) where the script asks for one: the persona, led to a promise node,
 * agrees at once, and the call ends at the script's promise ending — the read-back the promise node waits for is the
 * line just said. Null when the line is no such read-back or the persona would not accept the terms.
 */
function agreesAt(
  rules: Rules,
  to: ScenarioNode | undefined,
  state: TurnState,
  line: LineFacts,
  reaction: Reaction,
): string | null {
  const ending = rules.endings.get('ptp');
  if (!ending || !to || to.end || to.stage !== 'promise' || !line.moves.includes('confirm_promise')) return null;
  if ((line.terms.amount ?? state.terms.amount) === null || !(line.terms.date || state.terms.date)) return null;
  return promiseHolds(rules.persona, state, line, reaction, true) ? ending : null;
}

/** Signals that make a line the persona's reason to end the call, not only the state the call has built up. */
const OFFENCES = new Set<Signal>([
  'threat',
  'insult',
  'impersonation',
  'rude',
  'premature_disclosure',
  'silence',
  'no_progress',
  'unaffordable',
]);

/** The ending a persona-ended call goes to: the script's own ending with that outcome, else the built-in one. */
export function personaEnding(scenario: Pick<Scenario, 'nodes'>, code: 'hung_up' | 'complaint'): string {
  return (
    scenario.nodes.find((n) => n.end?.code === code)?.id ?? (code === 'hung_up' ? PERSONA_HUNG_UP : PERSONA_COMPLAINT)
  );
}

/** The node (or built-in ending) a decision at `node` leads to. */
export function targetOf(rules: Rules, node: ScenarioNode, decision: Decision): string {
  switch (decision.kind) {
    case 'persona_ends':
      return personaEnding(rules.scenario, decision.code);
    case 'branch':
      return node.branches[decision.index].target;
    case 'closes':
      return decision.target;
    case 'stay':
      return node.id;
    default: {
      const unknown: never = decision;
      throw new Error(`Unknown decision ${JSON.stringify(unknown)}.`);
    }
  }
}

/** The state a call on `scenario` with `seed` starts in, before the start node is entered. */
export function initialTurnState(scenario: Pick<Scenario, 'persona' | 'difficulty'>, seed: number): TurnState {
  return {
    vars: initialVars(scenario),
    rng: seedState(seed),
    verified: false,
    terms: { amount: null, date: false },
    met: [],
  };
}

/** Entering `node`: its effects apply, it may verify the right party, and the persona says a line for its mood. */
export function entered<S extends TurnState>(
  state: S,
  node: ScenarioNode,
): { state: S; mood: Mood; line: PersonaLine | undefined } {
  const vars = applyEffects(state.vars, node.effects);
  const { mood, line, rng } = lineAt(node, vars, state.rng);
  return { state: { ...state, vars, rng, verified: state.verified || node.verifies || node.verified }, mood, line };
}

/** After a heard line at `node`: the persona's reacted state and PRNG, the promise terms and the purposes met so far. */
export function heard<S extends TurnState>(
  rules: Rules,
  node: ScenarioNode,
  state: S,
  line: LineFacts,
  reaction: Reaction,
): S {
  const met = [...(state.met ?? [])];
  for (const code of purposesOf(node, state, line, reaction))
    if (rules.endings.has(code) && !met.includes(code)) met.push(code);
  return {
    ...state,
    vars: reaction.vars,
    rng: reaction.rng,
    terms: { amount: line.terms.amount ?? state.terms.amount, date: state.terms.date || line.terms.date },
    met,
  };
}
