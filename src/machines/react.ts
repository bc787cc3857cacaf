/**
 * How the persona reacts to one line: archetype weights scaled by the persona's params, the difficulty and a seeded
 * jitter; whether the persona now ends the call; whether a promise would be accepted; which mood it speaks in.
 */
import type { Mood, PersonaParams, StateVar } from '../scenarios/ir.ts';
import { DIFFICULTY, type ArchetypeSpec, type Signal } from './archetypes.ts';
import { clamp, type CallContext, type Vars } from './context.ts';
import type { LineFacts } from './line.ts';
import { nextRandom } from './rng.ts';
import { signalsOf, type Hearing } from './signals.ts';

export interface Persona {
  spec: ArchetypeSpec;
  params: PersonaParams;
  difficulty: 1 | 2 | 3;
}

export interface Reaction {
  vars: Vars;
  rng: number;
  signals: Signal[];
}

/** The persona's state after hearing `line` (pure: the same context and line always give the same reaction). */
export function react(p: Persona, ctx: CallContext, line: LineFacts, at: Hearing): Reaction {
  const signals = signalsOf(line, at);
  const diff = DIFFICULTY[p.difficulty] ?? DIFFICULTY[2];
  // One draw per line: the same seed replays exactly, another seed shifts every reaction by up to ±15%.
  const [r, rng] = nextRandom(ctx.rng);
  const jitter = 0.85 + 0.3 * r;
  const vars = { ...ctx.vars };
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

/** Whether the persona accepts a promise now: terms stated as its archetype needs, affordable, willing enough. */
export function promiseHolds(p: Persona, ctx: CallContext, line: LineFacts, reaction: Reaction): boolean {
  if (reaction.signals.includes('unaffordable')) return false;
  const need = p.spec.promise;
  const amount = line.terms.amount ?? ctx.terms.amount;
  const date = line.terms.date || ctx.terms.date;
  if (need.terms === 'line' && (line.terms.amount === null || !line.terms.date)) return false;
  if (need.terms === 'call' && (amount === null || !date)) return false;
  const diff = DIFFICULTY[p.difficulty] ?? DIFFICULTY[2];
  return reaction.vars.willingness >= need.willingness + diff.resolve;
}

/** The mood the persona speaks in, from its state. */
export function moodOf(vars: Vars): Mood {
  if (vars.irritation >= 50) return 'annoyed';
  if (vars.trust >= 60 && vars.irritation < 30) return 'warm';
  return 'calm';
}
