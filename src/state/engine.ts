/** The scoring engine for the browser, built once from the rule packs compiled into the app at build time. */
import type { ScoringEngine } from '../scoring/types.ts';
import { createEngine } from '../scoring/engine.ts';

let pending: Promise<ScoringEngine> | undefined;

/** Loads the rule packs (a separate chunk, fetched on the first call) and creates the engine once. */
export function loadEngine(): Promise<ScoringEngine> {
  pending ??= import('virtual:calldojo/rules').then((m) => createEngine(m.default));
  return pending;
}
