/**
 * Automated playthrough: walks every path of a compiled scenario (each node visited at most `maxVisits` times per
 * path) or, when paths explode, a seeded sample of random walks; reports which nodes, endings and edges were reached.
 * With a scoring engine it also plays the model answers from the start (the "golden path") and resolves guided
 * options that have no target by assessing their text. Both run the live call machine's semantics (`decide`: the
 * persona's seeded reaction, persona-ended calls, branch conditions, promises), so what the playthrough promises is
 * what a trainee's call does. Pure.
 */
import { nodeContext } from './context.ts';
import type { ScenarioEngine } from './engine.ts';
import type { Effect, OutcomeCode, Scenario, ScenarioNode } from './ir.ts';
import {
  applyEffects,
  decide,
  entered,
  heard,
  initialTurnState,
  lineFacts,
  personaEnding,
  rulesOf,
  SILENT_LINE,
  type Rules,
  type TurnState,
} from './semantics/index.ts';

export interface PlaythroughOptions {
  engine?: ScenarioEngine;
  /** Visits of one node allowed within one path (2 lets every retry loop run once). */
  maxVisits?: number;
  /** Above this many paths, switch to sampling. */
  maxPaths?: number;
  samples?: number;
  seed?: number;
}

export interface Coverage {
  mode: 'exhaustive' | 'sampled';
  /** Paths walked; `ended` of them reached an ending, the rest were cut by the visit limit. */
  paths: number;
  ended: number;
  nodes: { reached: string[]; missed: string[] };
  endings: { reached: string[]; missed: string[] };
  edges: { total: number; covered: number };
  /** How many walked paths ended with each outcome. */
  outcomes: Partial<Record<OutcomeCode, number>>;
  /** With an engine: the nodes visited saying each model answer, and where that ends (null if it never does). */
  modelPath: { nodes: string[]; outcome: OutcomeCode | null } | null;
}

interface Choice {
  to: number;
  effects: Effect[];
  edge: string;
}

/** Plays `scenario` through and reports coverage. */
export function playthrough(scenario: Scenario, options: PlaythroughOptions = {}): Coverage {
  const { maxVisits = 2, maxPaths = 20_000, samples = 5_000, seed = 1 } = options;
  const index = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const start = index.get(scenario.start)!;
  const rules = rulesOf(scenario);
  const choices = scenario.nodes.map((n) => choicesOf(n, index, rules, seed, options.engine));
  const reached = new Set<number>();
  const edges = new Set<string>();
  const outcomes: Coverage['outcomes'] = {};
  let paths = 0;
  let ended = 0;
  const finish = (node: number) => {
    paths++;
    const end = scenario.nodes[node].end;
    if (end) {
      ended++;
      outcomes[end.code] = (outcomes[end.code] ?? 0) + 1;
    }
  };

  // Exhaustive depth-first walk; aborts (returns false) once the path budget is spent.
  const visits = new Array<number>(scenario.nodes.length).fill(0);
  const dfs = (node: number): boolean => {
    reached.add(node);
    visits[node]++;
    const open = choices[node].filter((c) => visits[c.to] < maxVisits);
    if (open.length === 0) finish(node);
    for (const c of open) {
      edges.add(c.edge);
      if (!dfs(c.to) || paths > maxPaths) return (visits[node]--, false);
    }
    visits[node]--;
    return true;
  };
  const exhaustive = dfs(start) && paths <= maxPaths;
  if (!exhaustive) {
    paths = ended = 0;
    for (const k of Object.keys(outcomes)) delete outcomes[k as OutcomeCode];
    const rand = mulberry32(seed);
    for (let s = 0; s < samples; s++) {
      let node = start;
      for (let step = 0; step < scenario.nodes.length * maxVisits && choices[node].length; step++) {
        reached.add(node);
        const c = choices[node][Math.floor(rand() * choices[node].length)];
        edges.add(c.edge);
        node = c.to;
      }
      reached.add(node);
      finish(node);
    }
  }
  const ids = (pred: (n: ScenarioNode, i: number) => boolean) => scenario.nodes.filter(pred).map((n) => n.id);
  const totalEdges = new Set(choices.flatMap((cs) => cs.map((c) => c.edge))).size;
  return {
    mode: exhaustive ? 'exhaustive' : 'sampled',
    paths,
    ended,
    nodes: { reached: ids((_, i) => reached.has(i)), missed: ids((_, i) => !reached.has(i)) },
    endings: { reached: ids((n, i) => !!n.end && reached.has(i)), missed: ids((n, i) => !!n.end && !reached.has(i)) },
    edges: { total: totalEdges, covered: edges.size },
    outcomes,
    modelPath: options.engine ? modelPath(rules, options.engine, seed) : null,
  };
}

/** Where a trainee can go from `n`: every branch, every targeted option, and untargeted options via the engine. */
function choicesOf(
  n: ScenarioNode,
  index: Map<string, number>,
  rules: Rules,
  seed: number,
  engine?: ScenarioEngine,
): Choice[] {
  const out: Choice[] = n.branches.map((b, k) => ({
    to: index.get(b.target)!,
    effects: b.effects,
    edge: `${n.id}#b${k}`,
  }));
  n.options.forEach((o, k) => {
    if (o.next !== null) out.push({ to: index.get(o.next)!, effects: o.effects, edge: `${n.id}#o${k}` });
  });
  if (engine) {
    // An option without a target is said like a typed line, by a persona fresh at this node; the branch it lands on
    // is already a choice above. One the persona would hang up on leads to no branch.
    const s = rules.scenario;
    const state = entered(initialTurnState(s, seed), n).state;
    for (const o of n.options.filter((o) => o.next === null)) {
      const line = lineFacts(o.text, engine.assess(o.text, s.lang, nodeContext(s, n), { callLevel: false }));
      const { decision } = decide(rules, n, state, line);
      if (decision.kind !== 'branch') continue;
      const b = n.branches[decision.index];
      const edge = `${n.id}#b${decision.index}`;
      if (!out.some((c) => c.edge === edge)) out.push({ to: index.get(b.target)!, effects: b.effects, edge });
    }
  }
  return out;
}

/** Says the model answer at every node, from the start, as call `seed` would, until an ending or a repeat. */
function modelPath(rules: Rules, engine: ScenarioEngine, seed: number): Coverage['modelPath'] {
  const s = rules.scenario;
  let state: TurnState = initialTurnState(s, seed);
  let node = rules.nodes.get(s.start)!;
  const seen: string[] = [];
  while (!seen.includes(node.id)) {
    seen.push(node.id);
    state = entered(state, node).state;
    if (node.end) return { nodes: seen, outcome: node.end.code };
    const line = node.model
      ? lineFacts(node.model.text, engine.assess(node.model.text, s.lang, nodeContext(s, node), { callLevel: false }))
      : SILENT_LINE;
    const { reaction, decision } = decide(rules, node, state, line);
    state = heard(rules, node, state, line, reaction);
    if (decision.kind === 'persona_ends') {
      // The script's own ending of that kind is a node on the path; a built-in one is not.
      const id = personaEnding(s, decision.code);
      return { nodes: rules.nodes.has(id) ? [...seen, id] : seen, outcome: decision.code };
    }
    if (decision.kind === 'stay') break;
    if (decision.kind === 'closes')
      return { nodes: [...seen, decision.target], outcome: rules.nodes.get(decision.target)?.end?.code ?? null };
    const b = node.branches[decision.index];
    state = { ...state, vars: applyEffects(state.vars, b.effects) };
    node = rules.nodes.get(b.target)!;
  }
  return { nodes: seen, outcome: null };
}

/** Small seeded PRNG so a sampled playthrough is reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
