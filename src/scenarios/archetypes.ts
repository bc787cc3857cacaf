/**
 * Default persona parameters per archetype, used for any parameter a script leaves out. They encode the seed
 * course's debtor types: the honest cardholder trusts easily and promises readily; the staller is patient but
 * hard to pin down; the evader is quick to anger.
 */
import type { Archetype, PersonaParams } from './ir.ts';

export const ARCHETYPE_DEFAULTS: Record<Archetype, Omit<PersonaParams, 'ability_to_pay'>> = {
  cooperative: { patience: 70, trust: 45, irritability: 30, resolve: 30 },
  staller: { patience: 80, trust: 50, irritability: 25, resolve: 80 },
  hostile_evader: { patience: 30, trust: 15, irritability: 80, resolve: 85 },
  fraud: { patience: 40, trust: 30, irritability: 50, resolve: 90 },
  suspicious: { patience: 45, trust: 10, irritability: 50, resolve: 50 },
  spouse: { patience: 60, trust: 40, irritability: 40, resolve: 50 },
  colleague: { patience: 50, trust: 40, irritability: 40, resolve: 60 },
  complainant: { patience: 35, trust: 20, irritability: 70, resolve: 60 },
  lost_card: { patience: 40, trust: 60, irritability: 40, resolve: 20 },
  disputer: { patience: 50, trust: 30, irritability: 55, resolve: 70 },
};

export const PERSONA_PARAMS = ['patience', 'trust', 'irritability', 'resolve', 'ability_to_pay'] as const;
