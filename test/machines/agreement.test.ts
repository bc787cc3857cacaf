/**
 * The compiler's playthrough and the live call machine give every line the same meaning: at every node of every
 * bundled scenario, each real line (the scripts' own model answers and options, assessed by the real engine in that
 * node's context) leads the playthrough's evaluator (`decide`) and the XState machine (`transition()`) to the same
 * target; and the model answers walk the same nodes in both.
 */
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { createCallMachine, rehearseModelCall } from '../../src/machines/index.ts';
import { nodeContext, playthrough } from '../../src/scenarios/index.ts';
import type { Scenario, ScenarioNode } from '../../src/scenarios/ir.ts';
import {
  decide,
  entered,
  initialTurnState,
  lineFacts,
  rulesOf,
  targetOf,
  type LineFacts,
} from '../../src/scenarios/semantics/index.ts';
import { contentEngine, contentScenarios } from './content.ts';

const SEEDS = [1, 2];

/** Every line a script itself offers the trainee: model answers and options of all its nodes, once each. */
function scriptLines(s: Scenario): string[] {
  return [...new Set(s.nodes.flatMap((n) => [...(n.model ? [n.model.text] : []), ...n.options.map((o) => o.text)]))];
}

/** Where the machine goes from `node` (entered fresh on call `seed`) when it hears `line`. */
function runtimeTarget(
  s: Scenario,
  machine: ReturnType<typeof createCallMachine>,
  node: ScenarioNode,
  seed: number,
  line: LineFacts,
): string {
  const [start] = initialTransition(machine, { seed });
  const state = entered(initialTurnState(s, seed), node).state;
  const at = machine.resolveState({
    value: node.id,
    context: { ...start.context, ...state, node: node.id, stage: node.stage },
  });
  return String(transition(machine, at, { type: 'SAY', line })[0].value);
}

describe.each(contentScenarios().map((s) => [s.id, s] as const))('%s: playthrough and runtime agree', (_, s) => {
  const engine = contentEngine();
  const rules = rulesOf(s);
  const machine = createCallMachine(s);
  const texts = scriptLines(s);

  it('on the target of every script line at every node', () => {
    const disagreements: string[] = [];
    const taken = new Set<string>();
    for (const node of s.nodes.filter((n) => !n.end)) {
      for (const text of texts) {
        const line = lineFacts(text, engine.assess(text, s.lang, nodeContext(s, node), { callLevel: false }));
        for (const seed of SEEDS) {
          const { decision } = decide(rules, node, entered(initialTurnState(s, seed), node).state, line);
          const expected = targetOf(rules, node, decision);
          const got = runtimeTarget(s, machine, node, seed, line);
          if (decision.kind === 'branch') taken.add(`${node.id}#${decision.index}`);
          if (got !== expected)
            disagreements.push(`${node.id} seed ${seed} "${text}": playthrough → ${expected}, runtime → ${got}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    // Element conditions (right_party_question…) are taken by the lines that cover the element.
    const elementBranches = s.nodes
      .flatMap((n) => n.branches.map((b, k) => ({ n, b, k })))
      .filter(({ b }) => JSON.stringify(b.when ?? {}).includes('"element"'));
    for (const { n, k } of elementBranches.filter(({ n }) => n.expect.length > 0)) {
      expect(
        taken.has(`${n.id}#${k}`) || n.branches.slice(0, k).some((b) => b.when === null),
        `${n.id} branch ${k} taken by some line`,
      ).toBe(true);
    }
  });

  it.each(SEEDS)('on the nodes the model answers walk (seed %i)', (seed) => {
    const golden = playthrough(s, { engine, seed }).modelPath!;
    const live = rehearseModelCall(s, engine, seed);
    const walked = [...live.turns.map((t) => t.node), live.turns.at(-1)?.next ?? s.start];
    expect(walked.slice(0, golden.nodes.length)).toEqual(golden.nodes);
    expect(live.outcome).toBe(golden.outcome);
  });
});
