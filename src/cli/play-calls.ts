/**
 * The `npm run play` contract: validates typed calls (`[{id, scenario, seed?, lines}]`), plays each on the live
 * persona machine and reports it as the attempt report would: `passed` and `blockers` come from the report code,
 * with the after-call record filed faithfully so the call alone decides the verdict.
 */
import { playLines } from '../machines/play.ts';
import { attemptReport } from '../report/attempt-report.ts';
import { blockingFindings } from '../report/pass-policy.ts';
import { checkRecord, faithfulRecord } from '../report/record-check.ts';
import type { PassPolicy, Scenario } from '../scenarios/ir.ts';
import { passPolicyForNode } from './courses-node.ts';
import type { Category, ScoringEngine, Severity } from '../scoring/types.ts';
import { jsonPosition, syntaxErrorPosition, type JsonPath } from './json-position.ts';

export interface PlayItem {
  id: string;
  scenario: string;
  seed: number;
  lines: string[];
}

export interface PlayOutput {
  id: string;
  seed: number;
  ended: boolean;
  outcome: string | null;
  passed: boolean;
  blockers: Category[];
  turns: {
    said: string;
    reply: string | null;
    node: string;
    moves: string[];
    violations: { rule: string; category: Category; severity: Severity }[];
  }[];
}

/** A mistake in the input, with where it is (`file:line:column`, JSON path) and what to do. */
export class PlayInputError extends Error {}

/** The day every played call is dated (promise dates resolve against it; nothing else depends on the date). */
const CALL_DAY = '2025-06-18';

/** Parses and checks the whole input against the known scenario ids; throws PlayInputError at the first problem. */
export function parsePlayInput(raw: string, scenarioIds: readonly string[], file = 'input'): PlayItem[] {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    const at = syntaxErrorPosition(raw, e as Error);
    throw new PlayInputError(
      `${file}${at ? `:${at.line}:${at.column}` : ''}: not valid JSON (${(e as Error).message})`,
    );
  }
  const fail = (path: JsonPath, what: string): never => {
    const at = jsonPosition(raw, path);
    const name = path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
    throw new PlayInputError(`${file}:${at.line}:${at.column}: ${name || 'input'} ${what}`);
  };
  if (!Array.isArray(data)) fail([], 'must be a JSON array of {"id", "scenario", "seed"?, "lines"} objects');
  const items = data as unknown[];
  const seen = new Set<string>();
  return items.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return fail([i], 'must be an object {"id", "scenario", "seed"?, "lines"}');
    const o = item as Record<string, unknown>;
    if (typeof o.id !== 'string' || !o.id) fail([i, 'id'], 'must be a non-empty string');
    if (seen.has(o.id as string)) fail([i, 'id'], `repeats id "${o.id}"; give each call its own id`);
    seen.add(o.id as string);
    if (typeof o.scenario !== 'string')
      fail([i, 'scenario'], `must be a scenario id string (one of ${scenarioIds.join(', ')})`);
    if (!scenarioIds.includes(o.scenario as string))
      fail([i, 'scenario'], `is "${o.scenario}", not a bundled scenario; use one of ${scenarioIds.join(', ')}`);
    if (o.seed !== undefined && !(typeof o.seed === 'number' && Number.isInteger(o.seed) && o.seed >= 0))
      fail([i, 'seed'], 'must be a whole number ≥ 0 (default 1)');
    if (!Array.isArray(o.lines)) fail([i, 'lines'], "must be an array of the trainee's lines (strings)");
    (o.lines as unknown[]).forEach((line, k) => {
      if (typeof line !== 'string') fail([i, 'lines', k], 'must be a string');
    });
    for (const key of Object.keys(o))
      if (!['id', 'scenario', 'seed', 'lines'].includes(key))
        fail([i, key], 'is not a field of a call; use id, scenario, seed, lines');
    return {
      id: o.id as string,
      scenario: o.scenario as string,
      seed: (o.seed as number | undefined) ?? 1,
      lines: o.lines as string[],
    };
  });
}

/** Plays one call and reports it in the output shape, judged by its course's pass policy (the bundled one by default). */
export function playItem(
  scenario: Scenario,
  engine: ScoringEngine,
  item: PlayItem,
  policy: PassPolicy = passPolicyForNode(scenario.course),
): PlayOutput {
  const call = playLines(scenario, engine, item.lines, item.seed);
  const turns = call.turns.map((t) => ({
    text: t.said,
    nodeId: t.answered,
    expected: t.expected,
    assessment: t.assessment,
  }));
  const recordChecks = checkRecord(faithfulRecord(call.outcome, CALL_DAY), call.outcome, CALL_DAY);
  const report = attemptReport({ course: scenario.course, policy, turns, outcome: call.outcome, recordChecks });
  const blocking = blockingFindings(
    policy,
    turns.flatMap((t) => t.assessment.findings),
  );
  return {
    id: item.id,
    seed: item.seed,
    ended: call.ended,
    outcome: call.outcome?.code ?? null,
    passed: report.passed,
    blockers: [...new Set(blocking.map((f) => f.category))],
    turns: call.turns.map((t) => ({
      said: t.said,
      reply: t.reply,
      node: t.node,
      moves: [...new Set(t.assessment.moves.map((m) => m.move))],
      violations: t.assessment.findings.map((f) => ({ rule: f.rule, category: f.category, severity: f.severity })),
    })),
  };
}

/** Plays every item in order against the scenarios by id. */
export function playItems(
  scenarios: ReadonlyMap<string, Scenario>,
  engine: ScoringEngine,
  items: readonly PlayItem[],
): PlayOutput[] {
  return items.map((item) => playItem(scenarios.get(item.scenario)!, engine, item));
}
