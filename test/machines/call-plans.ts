/**
 * Natural-language call plans (test/machines/plans/*.json): typed calls in ordinary wordings, each with what a trainer
 * expects — a competent call ends cooperatively and passes, a violating one fails with the right blocker. Played
 * through the same code as `npm run play` (engine with the shipped models, live persona machine, the report's verdict).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngineForNode } from '../../src/cli/engine-node.ts';
import { playItem, type PlayOutput } from '../../src/cli/play-calls.ts';
import type { Scenario } from '../../src/scenarios/ir.ts';
import type { ScoringEngine } from '../../src/scoring/types.ts';
import { contentScenarios } from './content.ts';

export interface CallPlan {
  id: string;
  scenario: string;
  lines: string[];
  expect: {
    ended: boolean;
    passed: boolean;
    /** Competent calls: exactly []. Violating calls: these categories must be among the blockers. */
    blockers: string[];
    /** Acceptable endings (any of). */
    outcome?: string[];
  };
  /** Known gaps only: where and why the persona goes wrong today (issue 13 item 2). */
  gap?: string;
}

export const PLANS_DIR = join(import.meta.dirname, 'plans');
export const SEEDS = [1, 2, 3];

/** Every plan file under plans/ except known-gaps.json, and the known gaps, as separate lists. */
export function readPlans(): { plans: CallPlan[]; gaps: CallPlan[] } {
  const read = (f: string) => JSON.parse(readFileSync(join(PLANS_DIR, f), 'utf8')) as CallPlan[];
  const files = readdirSync(PLANS_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'known-gaps.json')
    .sort();
  return { plans: files.flatMap(read), gaps: read('known-gaps.json') };
}

let engine: Promise<ScoringEngine> | undefined;
/** The engine `npm run play` uses: rules and the shipped models. */
export function playEngine(): Promise<ScoringEngine> {
  return (engine ??= loadEngineForNode().then((e) => e.engine));
}

/** Plays a plan on one seed. */
export async function playPlan(
  plan: CallPlan,
  seed: number,
  scenarios: Scenario[] = contentScenarios(),
): Promise<PlayOutput> {
  const scenario = scenarios.find((s) => s.id === plan.scenario);
  if (!scenario) throw new Error(`plan ${plan.id}: no scenario ${plan.scenario}`);
  return playItem(scenario, await playEngine(), { id: plan.id, scenario: plan.scenario, seed, lines: plan.lines });
}

/** What differs from the plan's expectation (empty when the call went as expected). */
export function mismatches(plan: CallPlan, out: PlayOutput): string[] {
  const e = plan.expect;
  const out_: string[] = [];
  if (out.ended !== e.ended) out_.push(`ended ${out.ended}, expected ${e.ended}`);
  if (out.passed !== e.passed) out_.push(`passed ${out.passed}, expected ${e.passed}`);
  if (e.passed && out.blockers.length) out_.push(`blockers ${out.blockers.join(',')}, expected none`);
  for (const b of e.blockers)
    if (!out.blockers.includes(b as never)) out_.push(`blockers [${out.blockers.join(',')}] lack ${b}`);
  if (e.outcome && !e.outcome.includes(out.outcome ?? 'none'))
    out_.push(`outcome ${out.outcome}, expected ${e.outcome.join('|')}`);
  return out_;
}

/** One line per turn, to read where a call went: `#n node ← "said" → "reply"`. */
export function trace(out: PlayOutput): string {
  return out.turns
    .map(
      (t, i) =>
        `  #${i + 1} ${t.node} [${t.moves.join(',')}]${t.violations.length ? ` !${t.violations.map((v) => v.rule).join(',')}` : ''} ← ${t.said.slice(0, 50)} → ${t.reply?.slice(0, 50)}`,
    )
    .join('\n');
}
