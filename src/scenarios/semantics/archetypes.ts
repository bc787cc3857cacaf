/**
 * Persona archetypes as data: default parameters, how each kind of trainee behaviour moves the persona's state,
 * when the persona hangs up or complains, and what a promise takes. Trainers tune a scenario through `persona:`
 * params and `difficulty`; the compiler fills missing params from `defaults`, and persona.ts only reads this table.
 */
import type { Archetype, PersonaParams, StateVar } from '../ir.ts';

/** The `persona:` keys a script may set, in the order the compiler reads them. */
export const PERSONA_PARAMS = ['patience', 'trust', 'irritability', 'resolve', 'ability_to_pay'] as const;

/** What a trainee line can do to a persona, derived from the assessed line (see persona.ts). */
export const SIGNALS = [
  'courtesy', // polite tone
  'rude', // rude tone
  'empathy', // empathise / apologise
  'verification', // asks to confirm the right party
  'plan', // offers a payment plan or a concrete solution
  'consequence', // states accurate consequences calmly
  'threat', // threat / misrepresentation finding or threaten move
  'insult', // abuse finding
  'impersonation', // impersonation finding
  'premature_disclosure', // debt mentioned to a third party or before verification
  'vague_promise', // asks for / confirms a promise without amount and date
  'firm_promise', // promise request or read-back with amount and date
  'unaffordable', // asks for more than the persona can pay
  'silence', // said nothing before the timeout
  'no_progress', // none of what this node expects, nothing the branches look for
] as const;
export type Signal = (typeof SIGNALS)[number];

export type Deltas = Partial<Record<StateVar, number>>;

export interface ArchetypeSpec {
  /** Params for any a script leaves out (the compiler fills the IR with them). `ability_to_pay: 0` means "use
   * hidden.can_pay". */
  defaults: PersonaParams;
  /** Irritation when the call starts (a complainant calls in angry). */
  irritation: number;
  /** Base state change per signal, before params, difficulty and seeded jitter scale it. */
  reactions: Partial<Record<Signal, Deltas>>;
  /** Irritation at or above which the persona hangs up (patience at 0 always hangs up). */
  hangUpAt: number;
  /** The persona complains instead when one of `on` happens and irritation reaches `at`. */
  complaint: { at: number; on: Signal[] } | null;
  /** What a promise needs: stated terms (`none`, anywhere in the `call`, or in the accepting `line`) and willingness. */
  promise: { terms: 'none' | 'call' | 'line'; willingness: number };
}

const HARSH = {
  threat: { irritation: 35, trust: -25 },
  insult: { irritation: 40, trust: -25 },
  impersonation: { irritation: 35, trust: -30 },
};
const IDLE = { silence: { patience: -15, irritation: 4 }, no_progress: { patience: -10, irritation: 3 } };

export const ARCHETYPE_SPECS: Record<Archetype, ArchetypeSpec> = {
  cooperative: {
    defaults: { patience: 70, trust: 45, irritability: 30, resolve: 30, ability_to_pay: 0 },
    irritation: 10,
    reactions: {
      ...HARSH,
      ...IDLE,
      courtesy: { trust: 4, irritation: -3 },
      empathy: { trust: 10, willingness: 8, irritation: -6 },
      verification: { trust: 2 },
      plan: { willingness: 10 },
      consequence: { willingness: 3, trust: -2 },
      premature_disclosure: { trust: -10, irritation: 5 },
      rude: { irritation: 18, trust: -8, patience: -10 },
      firm_promise: { willingness: 5 },
      unaffordable: { willingness: -15, irritation: 5 },
    },
    hangUpAt: 90,
    complaint: { at: 75, on: ['threat', 'insult', 'impersonation'] },
    promise: { terms: 'none', willingness: 30 },
  },
  staller: {
    defaults: { patience: 80, trust: 50, irritability: 25, resolve: 80, ability_to_pay: 0 },
    irritation: 10,
    reactions: {
      ...HARSH,
      ...IDLE,
      courtesy: { trust: 3 },
      // Softness alone is what a staller feeds on: it buys goodwill, not commitment.
      empathy: { trust: 4, willingness: 2 },
      verification: { trust: 1 },
      plan: { willingness: 8 },
      consequence: { willingness: 8, irritation: 3 },
      premature_disclosure: { trust: -8 },
      rude: { irritation: 15, trust: -6, patience: -8 },
      vague_promise: { willingness: -6, trust: 3 },
      firm_promise: { willingness: 18 },
      unaffordable: { willingness: -10 },
    },
    hangUpAt: 85,
    complaint: { at: 80, on: ['threat', 'impersonation'] },
    promise: { terms: 'line', willingness: 40 },
  },
  hostile_evader: {
    defaults: { patience: 30, trust: 15, irritability: 80, resolve: 85, ability_to_pay: 0 },
    irritation: 40,
    reactions: {
      ...HARSH,
      silence: { patience: -20, irritation: 6 },
      no_progress: { patience: -15, irritation: 6 },
      courtesy: { irritation: -2 },
      empathy: { trust: 3, irritation: -4 },
      verification: { irritation: 3 },
      plan: { willingness: 8 },
      // Calm, accurate consequences are what move an evader.
      consequence: { willingness: 12, trust: 2 },
      premature_disclosure: { irritation: 10 },
      rude: { irritation: 20, trust: -10, patience: -15 },
      vague_promise: { willingness: -4 },
      firm_promise: { willingness: 10 },
      unaffordable: { willingness: -10, irritation: 8 },
    },
    hangUpAt: 65,
    complaint: { at: 85, on: ['impersonation'] },
    promise: { terms: 'call', willingness: 35 },
  },
  fraud: {
    defaults: { patience: 40, trust: 30, irritability: 50, resolve: 90, ability_to_pay: 0 },
    irritation: 20,
    reactions: {
      ...HARSH,
      ...IDLE,
      courtesy: { trust: 2 },
      empathy: { trust: 2 },
      // Each verification question corners the impostor.
      verification: { irritation: 12, patience: -12 },
      plan: { willingness: 2 },
      consequence: { irritation: 6 },
      premature_disclosure: { trust: 10, willingness: 5 },
      rude: { irritation: 15, patience: -10 },
      firm_promise: { willingness: 2 },
    },
    hangUpAt: 70,
    complaint: null,
    promise: { terms: 'line', willingness: 60 },
  },
  suspicious: {
    defaults: { patience: 45, trust: 10, irritability: 50, resolve: 50, ability_to_pay: 0 },
    irritation: 25,
    reactions: {
      ...HARSH,
      ...IDLE,
      courtesy: { trust: 6, irritation: -3 },
      empathy: { trust: 4 },
      // A caller who identifies properly and asks rather than tells looks less like a scam.
      verification: { trust: 10, irritation: -4 },
      plan: { willingness: 6 },
      consequence: { trust: -4, irritation: 4 },
      premature_disclosure: { trust: -20, irritation: 15 },
      rude: { irritation: 18, trust: -15, patience: -10 },
      firm_promise: { willingness: 8 },
      unaffordable: { willingness: -10, trust: -5 },
    },
    hangUpAt: 70,
    complaint: null,
    promise: { terms: 'call', willingness: 35 },
  },
  spouse: {
    defaults: { patience: 60, trust: 40, irritability: 40, resolve: 50, ability_to_pay: 0 },
    irritation: 15,
    reactions: {
      ...HARSH,
      ...IDLE,
      courtesy: { trust: 5, irritation: -3 },
      empathy: { trust: 4 },
      verification: { trust: 3 },
      // Hearing about a partner's debt from a stranger: angry at the caller, and it becomes a complaint.
      premature_disclosure: { irritation: 65, trust: -20 },
      rude: { irritation: 18, trust: -10, patience: -10 },
    },
    hangUpAt: 80,
    complaint: { at: 55, on: ['premature_disclosure', 'threat', 'insult', 'impersonation'] },
    promise: { terms: 'call', willingness: 50 },
  },
  colleague: {
    defaults: { patience: 50, trust: 40, irritability: 40, resolve: 60, ability_to_pay: 0 },
    irritation: 10,
    reactions: {
      ...HARSH,
      silence: { patience: -20, irritation: 5 },
      no_progress: { patience: -15, irritation: 5 },
      courtesy: { trust: 5 },
      empathy: { trust: 2 },
      verification: { trust: 2 },
      // A colleague told about the debt is embarrassed and ends the call rather than carry the message.
      premature_disclosure: { irritation: 70, trust: -15, patience: -25 },
      rude: { irritation: 18, trust: -10, patience: -15 },
    },
    hangUpAt: 55,
    complaint: { at: 80, on: ['threat', 'insult', 'impersonation'] },
    promise: { terms: 'call', willingness: 50 },
  },
  complainant: {
    defaults: { patience: 35, trust: 20, irritability: 70, resolve: 60, ability_to_pay: 0 },
    irritation: 60,
    reactions: {
      ...HARSH,
      silence: { patience: -20, irritation: 10 },
      no_progress: { patience: -12, irritation: 8 },
      courtesy: { irritation: -4, trust: 3 },
      // Listening and apologising for the service is what calms an angry caller.
      empathy: { irritation: -15, trust: 10, willingness: 8 },
      verification: { trust: 1 },
      plan: { irritation: -8, willingness: 12, trust: 5 },
      consequence: { irritation: 6 },
      rude: { irritation: 22, trust: -10, patience: -10 },
      vague_promise: { irritation: 6 },
      firm_promise: { irritation: -10, willingness: 10 },
    },
    hangUpAt: 98,
    complaint: { at: 80, on: ['rude', 'threat', 'insult', 'impersonation', 'no_progress', 'silence'] },
    promise: { terms: 'call', willingness: 40 },
  },
  lost_card: {
    defaults: { patience: 40, trust: 60, irritability: 40, resolve: 20, ability_to_pay: 0 },
    irritation: 30,
    reactions: {
      ...HARSH,
      // The card is out there being used: every idle turn costs a lot.
      silence: { patience: -25, irritation: 10 },
      no_progress: { patience: -15, irritation: 8 },
      courtesy: { trust: 3 },
      empathy: { irritation: -6, trust: 4 },
      verification: { trust: 4 },
      plan: { irritation: -12, willingness: 10, trust: 6 },
      consequence: { irritation: 4 },
      rude: { irritation: 18, trust: -10, patience: -10 },
    },
    hangUpAt: 85,
    complaint: { at: 75, on: ['rude', 'insult', 'threat', 'impersonation'] },
    promise: { terms: 'none', willingness: 20 },
  },
  disputer: {
    defaults: { patience: 50, trust: 30, irritability: 55, resolve: 70, ability_to_pay: 0 },
    irritation: 35,
    reactions: {
      ...HARSH,
      ...IDLE,
      courtesy: { trust: 4, irritation: -3 },
      empathy: { trust: 6, irritation: -6 },
      verification: { trust: 3 },
      plan: { trust: 5, willingness: 8 },
      // Pressing for payment on a disputed charge reads as not listening.
      consequence: { irritation: 15, trust: -5 },
      rude: { irritation: 20, trust: -10, patience: -10 },
      vague_promise: { irritation: 4 },
      firm_promise: { willingness: 6 },
      unaffordable: { irritation: 6 },
    },
    hangUpAt: 85,
    complaint: { at: 70, on: ['rude', 'threat', 'insult', 'impersonation', 'consequence'] },
    promise: { terms: 'call', willingness: 45 },
  },
};

/** How a scenario's difficulty (1–3) scales an archetype: starting patience, what a bad line costs, promise effort. */
export const DIFFICULTY: Record<1 | 2 | 3, { patience: number; cost: number; resolve: number }> = {
  1: { patience: 1.3, cost: 0.8, resolve: -10 },
  2: { patience: 1, cost: 1, resolve: 0 },
  3: { patience: 0.75, cost: 1.3, resolve: 10 },
};
