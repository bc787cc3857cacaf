/**
 * Automated playthrough: walks every path of a compiled scenario (each node visited at most `maxVisits` times per
 * path) or, when paths explode, a seeded sample of random walks; reports which nodes, endings and edges were reached.
 * With a scoring engine it also plays the model answers from the start (the "golden path") and resolves guided
 * options that have no target by assessing their text. Pure.
 */
import { nodeContext } from './context.ts';
import type { ScenarioEngine } from './engine.ts';
import { applyEffects, chooseBranch, initialState, type PersonaState } from './evaluate.ts';
import type { Effect, OutcomeCode, Scenario, ScenarioNode } from './ir.ts';

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
  const choices = scenario.nodes.map((n) => choicesOf(n, index, scenario, options.engine));
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
    modelPath: options.engine ? modelPath(scenario, index, options.engine) : null,
  };
}

/** Where a trainee can go from `n`: every branch, every targeted option, and untargeted options via the engine. */
function choicesOf(n: ScenarioNode, index: Map<string, number>, s: Scenario, engine?: ScenarioEngine): Choice[] {
  const out: Choice[] = n.branches.map((b, k) => ({ to: index.get(b.target)!, effects: b.effects, edge: `${n.id}#b${k}` }));
  n.options.forEach((o, k) => {
    if (o.next !== null) out.push({ to: index.get(o.next)!, effects: o.effects, edge: `${n.id}#o${k}` });
  });
  if (engine) {
    // An option without a target is assessed like a typed line; the branch it lands on is already a choice above.
    for (const o of n.options.filter((o) => o.next === null)) {
      const assessment = engine.assess(o.text, s.lang, nodeContext(s, n), { callLevel: false });
      const b = chooseBranch(n, { assessment, expect: n.expect }, initialState(s.persona.params));
      if (!b) continue;
      const k = n.branches.indexOf(b);
      if (!out.some((c) => c.edge === `${n.id}#b${k}`)) out.push({ to: index.get(b.target)!, effects: b.effects, edge: `${n.id}#b${k}` });
    }
  }
  return out;
}

/** Says the model answer at every node, from the start, tracking persona state, until an ending or a repeat. */
function modelPath(s: Scenario, index: Map<string, number>, engine: ScenarioEngine): Coverage['modelPath'] {
  let state: PersonaState = initialState(s.persona.params);
  let node = s.nodes[index.get(s.start)!];
  const seen: string[] = [];
  while (!seen.includes(node.id)) {
    seen.push(node.id);
    state = applyEffects(state, node.effects);
    if (node.end) return { nodes: seen, outcome: node.end.code };
    const assessment = node.model ? engine.assess(node.model.text, s.lang, nodeContext(s, node), { callLevel: false }) : null;
    const b = chooseBranch(node, { assessment, expect: node.expect }, state);
    if (!b) break;
    state = applyEffects(state, b.effects);
    node = s.nodes[index.get(b.target)!];
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
