/**
 * How the persona reacts to one line: archetype weights scaled by the persona's params, the difficulty and a seeded
 * jitter; whether the persona now ends the call; whether a promise would be accepted; which mood it speaks in.
 */
import type { Mood, OutcomeCode, PersonaLine, PersonaParams, Scenario, ScenarioNode, StateVar } from '../ir.ts';
import { ARCHETYPE_SPECS, type ArchetypeSpec, type Signal } from './archetypes.ts';
import type { LineFacts } from './line.ts';
import { nextRandom, pickIndex } from './rng.ts';
import { signalsOf, type Hearing } from './signals.ts';
import { clamp, difficultyOf, paramsOf, type Vars } from './state.ts';

export interface PersonaModel {
  spec: ArchetypeSpec;
  params: PersonaParams;
  difficulty: 1 | 2 | 3;
  /** What the persona can pay: its `ability_to_pay` param, else the script's hidden `can_pay`. */
  ability_to_pay: number;
}

/** What a turn reads of the call so far (a subset of the call machine's context). */
export interface TurnState {
  vars: Vars;
  /** PRNG state (see rng.ts): one draw per heard line. */
  rng: number;
  verified: boolean;
  /** Promise terms stated earlier in the call. */
  terms: { amount: number | null; date: boolean };
  /** Outcomes whose purpose the call has met so far (a callback message left, a promise read back…); see purpose.ts. */
  met: OutcomeCode[];
}

export interface Reaction {
  vars: Vars;
  rng: number;
  signals: Signal[];
}

/** The persona a scenario describes: its archetype's table, its params over the defaults, its difficulty. */
export function personaOf(scenario: Pick<Scenario, 'persona' | 'difficulty' | 'hidden'>): PersonaModel {
  const params = paramsOf(scenario);
  return {
    spec: ARCHETYPE_SPECS[scenario.persona.archetype],
    params,
    difficulty: scenario.difficulty,
    ability_to_pay: params.ability_to_pay || scenario.hidden.can_pay,
  };
}

/** The persona's state after hearing `line` (pure: the same state and line always give the same reaction). */
export function react(p: PersonaModel, state: TurnState, line: LineFacts, at: Hearing): Reaction {
  const signals = signalsOf(line, at);
  const diff = difficultyOf(p);
  // One draw per line: the same seed replays exactly, another seed shifts every reaction by up to ±15%.
  const [r, rng] = nextRandom(state.rng);
  const jitter = 0.85 + 0.3 * r;
  const vars = { ...state.vars };
  for (const s of signals) {
    for (const [v, d] of Object.entries(p.spec.reactions[s] ?? {}) as [StateVar, number][]) {
      let x = d * jitter;
      if (v === 'irritation' && x > 0) x *= (p.params.irritability / 50) * diff.cost;
      else if ((v === 'trust' || v === 'patience') && x < 0) x *= diff.cost;
      vars[v] += x;
    }
  }
  for (const v of Object.keys(vars) as StateVar[]) vars[v] = clamp(vars[v]);
  return { vars, rng, signals };
}

/** Whether the persona ends the call after this reaction, and how. */
export function personaEnds(spec: ArchetypeSpec, reaction: Reaction): 'complaint' | 'hung_up' | null {
  const c = spec.complaint;
  if (c && reaction.vars.irritation >= c.at && reaction.signals.some((s) => c.on.includes(s))) return 'complaint';
  if (reaction.vars.irritation >= spec.hangUpAt || reaction.vars.patience <= 0) return 'hung_up';
  return null;
}

/**
 * Whether the persona accepts a promise now: terms stated as its archetype needs, affordable, and willing enough —
 * unless it has already `agreed` (it said its promise at this node), when a read-back of affordable terms holds.
 */
export function promiseHolds(
  p: PersonaModel,
  state: TurnState,
  line: LineFacts,
  reaction: Reaction,
  agreed = false,
): boolean {
  if (reaction.signals.includes('unaffordable')) return false;
  const need = p.spec.promise;
  const amount = line.terms.amount ?? state.terms.amount;
  const date = line.terms.date || state.terms.date;
  switch (need.terms) {
    case 'none':
      break;
    case 'line':
      if (line.terms.amount === null || !line.terms.date) return false;
      break;
    case 'call':
      if (amount === null || !date) return false;
      break;
    default: {
      const unknown: never = need.terms;
      throw new Error(`Unknown promise terms ${JSON.stringify(unknown)} in the archetype table.`);
    }
  }
  return agreed || reaction.vars.willingness >= need.willingness + difficultyOf(p).resolve;
}

/** The mood the persona speaks in, from its state. */
export function moodOf(vars: Vars): Mood {
  if (vars.irritation >= 50) return 'annoyed';
  if (vars.trust >= 60 && vars.irritation < 30) return 'warm';
  return 'calm';
}

/**
 * The line the persona says on entering `node` in state `vars`: one of the lines written for its mood (else calm,
 * else any), drawn with the call's PRNG when there is a choice. Returns the mood, the line and the next PRNG state.
 */
export function lineAt(
  node: Pick<ScenarioNode, 'lines'>,
  vars: Vars,
  rng: number,
): { mood: Mood; line: PersonaLine | undefined; rng: number } {
  const mood = moodOf(vars);
  let pool = node.lines.filter((l) => l.mood === mood);
  if (!pool.length) pool = node.lines.filter((l) => l.mood === 'calm');
  if (!pool.length) pool = node.lines;
  const [i, next] = pool.length > 1 ? pickIndex(rng, pool.length) : [0, rng];
  return { mood, line: pool[i], rng: next };
}
