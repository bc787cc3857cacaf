/**
 * Phase 2c: the node graph — unique ids, branch targets, reachability from the start, a way to an ending from every
 * node, loops with no exit (strongly connected components nothing leaves), and which nodes are reached only after
 * right-party verification (a must-pass data-flow over all paths).
 */
import { didYouMean } from '../../diagnostics/diagnostic.ts';
import type { ScenarioNode } from '../ir.ts';
import type { RawNode } from '../parse/ast.ts';
import type { Reporter, Span } from '../report.ts';

export interface Graph {
  /** Index of the start node, or -1 when there is none. */
  start: number;
  /** Successor indices per node (deduplicated). */
  next: number[][];
  reachable: boolean[];
}

/** Checks ids, targets and the graph's shape; fills `node.verified` and `node.cease_requested`. */
export function analyzeGraph(
  raw: RawNode[],
  nodes: ScenarioNode[],
  startId: string | null,
  startSpan: Span,
  r: Reporter,
): Graph {
  const index = new Map<string, number>();
  raw.forEach((n, i) => {
    const first = index.get(n.id);
    if (first === undefined) index.set(n.id, i);
    else r.report('duplicate_node_id', n.idSpan, { id: n.id, line: raw[first].line });
  });
  const ids = [...index.keys()];
  const resolve = (target: string, span: Span): number | undefined => {
    const i = index.get(target);
    if (i === undefined) r.report('unknown_branch_target', span, { target, suggestion: didYouMean(target, ids) });
    return i;
  };
  // Successors in first-seen order, branches before options, without duplicates (a node has a handful of edges, so
  // a linear search beats building a Set per node). Collected in one scratch array and copied out at their count:
  // an array grown by push gets 17 slots per node.
  const scratch: number[] = [];
  // `addTo` is a function, not a closure per node.
  const next = raw.map((n) => {
    let count = 0;
    for (let k = 0; k < n.branches.length; k++)
      count = addTo(scratch, count, resolve(n.branches[k].target.text, n.branches[k].target.span));
    for (let k = 0; k < n.options.length; k++) {
      const t = n.options[k].target;
      if (t) count = addTo(scratch, count, resolve(t.text, t.span));
    }
    return scratch.slice(0, count);
  });
  let start = raw.length ? 0 : -1;
  if (startId !== null) start = resolve(startId, startSpan) ?? start;
  const reachable = walk(
    [start].filter((s) => s >= 0),
    next,
  );
  // Predecessors in exact-size arrays: count them first, then fill.
  const inDegree = new Int32Array(raw.length);
  for (let i = 0; i < next.length; i++) for (let k = 0; k < next[i].length; k++) inDegree[next[i][k]]++;
  const prev = Array.from(inDegree, (d) => new Array<number>(d));
  inDegree.fill(0);
  for (let i = 0; i < next.length; i++)
    for (let k = 0; k < next[i].length; k++) prev[next[i][k]][inDegree[next[i][k]]++] = i;
  // Index lists by loops: flatMap would make an array per node.
  const endings: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (nodes[i].end || raw[i].fields.end) endings.push(i);
  const canEnd = walk(endings, prev);
  const closed = closedLoops(next);
  raw.forEach((n, i) => {
    if (index.get(n.id) !== i) return;
    if (!reachable[i]) {
      if (nodes[i].end) r.report('ending_never_reached', n.idSpan, { id: n.id, outcome: nodes[i].end!.code });
      else r.report('unreachable_node', n.idSpan, { id: n.id });
    } else if (!canEnd[i] && !closed.has(i)) r.report('dead_end', n.idSpan, { id: n.id });
  });
  for (const loop of new Set(closed.values())) {
    if (reachable[loop[0]]) {
      r.report('loop_without_exit', raw[loop[0]].idSpan, { nodes: loop.map((i) => `\`${raw[i].id}\``).join(', ') });
    }
  }
  markVerified(nodes, start, next, reachable);
  // "May" rather than "must": a node reached both after a stop request and without one is linted as after it, the
  // stricter context, so a model answer that passes lint passes on whichever path the live call took.
  const ceases: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (nodes[i].cease && reachable[i]) ceases.push(i);
  const afterCease = walk(ceases, next);
  nodes.forEach((n, i) => (n.cease_requested = afterCease[i]));
  return { start, next, reachable };
}

/** Appends `i` to the first `count` entries of `list` unless it is undefined or already there; returns the new count. */
function addTo(list: number[], count: number, i: number | undefined): number {
  if (i === undefined) return count;
  for (let k = 0; k < count; k++) if (list[k] === i) return count;
  list[count] = i;
  return count + 1;
}

function walk(from: number[], edges: number[][]): boolean[] {
  const seen = edges.map(() => false);
  const stack = [...from];
  for (const s of from) seen[s] = true;
  // Index loops: for-of makes an iterator result per edge until V8 optimises this (it runs a few times per compile).
  while (stack.length) {
    const out = edges[stack.pop()!];
    for (let k = 0; k < out.length; k++) {
      const j = out[k];
      if (!seen[j]) {
        seen[j] = true;
        stack.push(j);
      }
    }
  }
  return seen;
}

/** Strongly connected components that are real loops and that no edge leaves; node index → its component (sorted). */
function closedLoops(next: number[][]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const comp of tarjan(next)) {
    const isLoop = comp.length > 1 || next[comp[0]].includes(comp[0]);
    if (!isLoop) continue;
    const set = new Set(comp);
    if (comp.some((i) => next[i].some((j) => !set.has(j)))) continue;
    const sorted = [...comp].sort((a, b) => a - b);
    for (const i of comp) out.set(i, sorted);
  }
  return out;
}

/**
 * Tarjan's algorithm, iterative so a 1,000-node script cannot overflow the stack; only components that are loops
 * (several nodes, or one with an edge to itself) are returned, in the order Tarjan finds them.
 */
function tarjan(next: number[][]): number[][] {
  const n = next.length;
  // Typed arrays: one flat block each instead of a tagged array per table.
  const idx = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const comps: number[][] = [];
  // The DFS work stack as two parallel number stacks (node, next edge to try): no tuple per node.
  const workV: number[] = [];
  const workK: number[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (idx[root] >= 0) continue;
    workV.push(root);
    workK.push(0);
    while (workV.length) {
      const top = workV.length - 1;
      const v = workV[top];
      const k = workK[top];
      if (k === 0) {
        idx[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      if (k < next[v].length) {
        workK[top]++;
        const w = next[v][k];
        if (idx[w] < 0) {
          workV.push(w);
          workK.push(0);
        } else if (onStack[w]) low[v] = Math.min(low[v], idx[w]);
        continue;
      }
      workV.pop();
      workK.pop();
      if (workV.length) low[workV[workV.length - 1]] = Math.min(low[workV[workV.length - 1]], low[v]);
      if (low[v] === idx[v]) {
        if (stack[stack.length - 1] === v && !next[v].includes(v)) {
          // A single node that is not a loop: the common case, so no array for it.
          stack.pop();
          onStack[v] = 0;
          continue;
        }
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        comps.push(comp);
      }
    }
  }
  return comps;
}

/** `verified` = the trainee speaks after a `verifies` node on every path from the start, or the node verifies itself. */
function markVerified(nodes: ScenarioNode[], start: number, next: number[][], reachable: boolean[]): void {
  const after = afterOnEveryPath(
    nodes.map((n) => n.verifies),
    { start, next, reachable },
  );
  nodes.forEach((n, i) => {
    n.verified = n.party === 'debtor' && reachable[i] && (after[i] || n.verifies);
  });
}

/**
 * Per node: every path from the start to it passes through an earlier reachable node `i` with `gives[i]` (the
 * greatest fixpoint of "every reachable predecessor gives or is itself after one"). Computed as its complement, by a
 * worklist from the start: a node is not "after" when some reachable predecessor that neither gives nor is after one
 * leads to it — O(nodes + edges). The start node is never after anything (the call begins there).
 */
export function afterOnEveryPath(gives: readonly boolean[], g: Pick<Graph, 'start' | 'next' | 'reachable'>): boolean[] {
  const after = gives.map((_, i) => i !== g.start);
  const work = g.start >= 0 ? [g.start] : [];
  while (work.length) {
    const p = work.pop()!;
    if (!g.reachable[p] || gives[p]) continue;
    for (let k = 0; k < g.next[p].length; k++) {
      const j = g.next[p][k];
      if (j !== g.start && after[j]) {
        after[j] = false;
        work.push(j);
      }
    }
  }
  return after.map((a, i) => a && g.reachable[i]);
}
