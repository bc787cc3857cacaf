/**
 * The persona's state variables: where a call starts and how effects change them. One rounding for everyone: every
 * value is clamped to 0–100 and rounded to an integer, so the playthrough, the live call and a saved call agree on
 * `trust >= 50` to the unit.
 */
import type { Effect, PersonaParams, Scenario, StateVar } from '../ir.ts';
import { ARCHETYPE_SPECS, DIFFICULTY } from './archetypes.ts';

export type Vars = Record<StateVar, number>;

/** Clamps a state variable to 0–100 and rounds it, so state stays small integers. */
export function clamp(v: number): number {
  return Math.max(0, Math.min(100, Math.round(v)));
}

/** Applies effects in order (`add` then clamp, or `set`), returning new state. */
export function applyEffects(vars: Vars, effects: readonly Effect[]): Vars {
  const out = { ...vars };
  for (const e of effects) {
    switch (e.op) {
      case 'add':
        out[e.var] = clamp(out[e.var] + e.value);
        break;
      case 'set':
        out[e.var] = clamp(e.value);
        break;
      default: {
        const unknown: never = e.op;
        throw new Error(`Unknown effect op ${JSON.stringify(unknown)}; recompile the script with this version.`);
      }
    }
  }
  return out;
}

/** The difficulty's scaling, refusing a value the compiler never emits. */
export function difficultyOf(scenario: Pick<Scenario, 'difficulty'>): (typeof DIFFICULTY)[1 | 2 | 3] {
  const d = DIFFICULTY[scenario.difficulty];
  if (!d) throw new Error(`Unknown difficulty ${JSON.stringify(scenario.difficulty)} (1, 2 or 3).`);
  return d;
}

/** The persona's parameters: the scenario's values over the archetype's defaults. */
export function paramsOf(scenario: Pick<Scenario, 'persona'>): PersonaParams {
  return { ...ARCHETYPE_SPECS[scenario.persona.archetype].defaults, ...scenario.persona.params };
}

/**
 * State when the call starts, before the first node's effects: trust as given, the archetype's own starting irritation
 * (a complainant calls in angry), patience scaled by difficulty, willingness the inverse of resolve made harder by it.
 */
export function initialVars(scenario: Pick<Scenario, 'persona' | 'difficulty'>): Vars {
  const spec = ARCHETYPE_SPECS[scenario.persona.archetype];
  const params = paramsOf(scenario);
  const diff = difficultyOf(scenario);
  return {
    trust: clamp(params.trust),
    irritation: clamp(spec.irritation),
    patience: clamp(params.patience * diff.patience),
    willingness: clamp(100 - params.resolve - diff.resolve),
  };
}
