/** The scoring engine for the browser, built once from the rule packs compiled into the app at build time. */
import type { Scenario } from '../scenarios/ir.ts';
import type { RulePack, ScoringEngine } from '../scoring/types.ts';
import { createEngine } from '../scoring/engine.ts';
import type { JudgedBy } from '../report/types.ts';
import { APP_VERSION } from './app-version.ts';

let pending: Promise<ScoringEngine> | undefined;

/**
 * Loads the rule packs and the trained classifiers (separate chunks, fetched together on the first call, never on
 * the first page) and creates the engine once.
 */
export function loadEngine(): Promise<ScoringEngine> {
  pending ??= Promise.all([import('virtual:calldojo/rules'), import('virtual:calldojo/models')]).then(
    ([rules, models]) => createEngine({ ...rules.default, models: models.default }),
  );
  return pending;
}

/** The versions that judge a call of `scenario`: this build, each rule pack's content hash, the script's. */
export function judgedBy(
  packs: readonly Pick<RulePack, 'id' | 'version'>[],
  scenario: Pick<Scenario, 'version'>,
): JudgedBy {
  return {
    app: APP_VERSION,
    rules: Object.fromEntries(packs.map((p) => [p.id, p.version ?? 'unversioned'])),
    scenario: scenario.version ?? 'draft',
  };
}

/** `judgedBy` with the packs the app ships (the rules chunk is the one `loadEngine` already fetched). */
export async function shippedVersions(scenario: Pick<Scenario, 'version'>): Promise<JudgedBy> {
  return judgedBy((await import('virtual:calldojo/rules')).default.packs, scenario);
}
