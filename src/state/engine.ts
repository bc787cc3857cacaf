/** The scoring engine for the browser, built once from the rule packs compiled into the app at build time. */
import type { ScoringEngine } from '../scoring/types.ts';
import { createEngine } from '../scoring/engine.ts';

let pending: Promise<ScoringEngine> | undefined;

/**
 * Loads the rule packs and the trained classifiers (separate chunks, fetched together on the first call, never on
 * the first page) and creates the engine once.
 */
export function loadEngine(): Promise<ScoringEngine> {
  pending ??= Promise.all([import('virtual:calldojo/rules'), import('virtual:calldojo/models')]).then(([rules, models]) =>
    createEngine({ ...rules.default, models: models.default }),
  );
  return pending;
}
