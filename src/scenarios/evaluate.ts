/**
 * Evaluating the IR's structured conditions and effects: pure functions over an assessed trainee line and the
 * persona state. Used by the playthrough; plain enough for the persona machines to mirror or import.
 */
import type { Assessment } from '../scoring/types.ts';
import type { Branch, Condition, Effect, PersonaParams, ScenarioNode, StateVar } from './ir.ts';

export type PersonaState = Record<StateVar, number>;

/** One trainee turn: the engine's assessment of the line, or null when the trainee stayed silent. */
export interface Turn {
  assessment: Assessment | null;
  /** The node's `expect` list, for `complete`. */
  expect: readonly string[];
}

/** Starting state from the persona parameters: trust as given, no irritation, willingness the inverse of resolve. */
export function initialState(p: PersonaParams): PersonaState {
  return { trust: p.trust, irritation: 0, patience: p.patience, willingness: 100 - p.resolve };
}

/** Applies effects in order, clamping every variable to 0–100. */
export function applyEffects(state: PersonaState, effects: readonly Effect[]): PersonaState {
  const next = { ...state };
  for (const e of effects) next[e.var] = Math.max(0, Math.min(100, e.op === 'add' ? next[e.var] + e.value : e.value));
  return next;
}

/** Whether `c` holds for this turn and state. */
export function holds(c: Condition, turn: Turn, state: PersonaState): boolean {
  const a = turn.assessment;
  switch (c.kind) {
    case 'move':
      return !!a?.moves.some((m) => m.move === c.move);
    case 'element':
      return !!a?.elements.includes(c.element);
    case 'tone':
      return a?.tone.label === c.tone;
    case 'finding':
      return !!a?.findings.some((f) => f.category === c.category);
    case 'elements_complete':
      return !!a && turn.expect.every((id) => a.elements.includes(id) || a.moves.some((m) => m.move === id));
    case 'silence':
      return a === null;
    case 'state': {
      const v = state[c.var];
      return c.op === '>=' ? v >= c.value : c.op === '>' ? v > c.value : c.op === '<=' ? v <= c.value : c.op === '<' ? v < c.value : c.op === '==' ? v === c.value : v !== c.value;
    }
    case 'and':
      return c.all.every((x) => holds(x, turn, state));
    case 'or':
      return c.any.some((x) => holds(x, turn, state));
    case 'not':
      return !holds(c.cond, turn, state);
  }
}

/** The first branch of `node` whose condition holds (the fallback always does); null for endings. */
export function chooseBranch(node: ScenarioNode, turn: Turn, state: PersonaState): Branch | null {
  return node.branches.find((b) => b.when === null || holds(b.when, turn, state)) ?? null;
}
