/**
 * Synthetic trainee events for model-based tests, built from a node's own branch conditions: for every branch a line
 * that satisfies it, plus an ideal line, an empty one, a rude one, silence, every guided option and hanging up.
 */
import type { CallEvent, LineFacts } from '../../src/machines/index.ts';
import type { Condition, Scenario, ScenarioNode } from '../../src/scenarios/ir.ts';
import { line } from './fixture.ts';

type Terms = { amount: number; date: boolean };

function merge(a: LineFacts, b: LineFacts): LineFacts {
  return {
    moves: [...new Set([...a.moves, ...b.moves])],
    tone: b.tone.label !== 'neutral' ? b.tone : a.tone,
    findings: [...a.findings, ...b.findings],
    elements: [...new Set([...a.elements, ...b.elements])],
    terms: a.terms.amount !== null ? a.terms : b.terms,
    silence: a.silence || b.silence,
  };
}

/** Lines that make `cond` true (state conditions are left to the persona state the other events build up). */
function satisfying(cond: Condition | null, node: ScenarioNode, terms: Terms): LineFacts[] {
  if (!cond) return [line({ tone: 'polite', ...terms })];
  switch (cond.kind) {
    case 'move':
      return [line({ moves: [cond.move], elements: [cond.move], tone: 'polite', ...terms })];
    case 'tone':
      return [line({ tone: cond.tone })];
    case 'finding':
      return [line({ findings: [cond.category], tone: 'rude' })];
    case 'elements_complete':
      return [line({ moves: node.expect, elements: node.expect, tone: 'polite', ...terms })];
    case 'silence':
    case 'state':
    case 'not':
      return [line({})];
    case 'or':
      return cond.any.flatMap((c) => satisfying(c, node, terms));
    case 'and':
      return [cond.all.map((c) => satisfying(c, node, terms)[0]).reduce(merge)];
    default:
      return [];
  }
}

/** The events a model-based traversal tries at each node of `scenario`. */
export function syntheticEvents(scenario: Scenario): (nodeId: string) => CallEvent[] {
  const terms = { amount: Math.min(scenario.card.minimum_payment, scenario.hidden.can_pay || Infinity), date: true };
  const cache = new Map<string, CallEvent[]>();
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  return (id) => {
    const node = nodes.get(id);
    if (!node || node.end) return [];
    let events = cache.get(id);
    if (!events) {
      const lines = [
        line({ moves: node.expect, elements: node.expect, tone: 'polite', ...terms }),
        line({}),
        line({ tone: 'rude' }),
        ...node.branches.flatMap((b) => satisfying(b.when, node, terms)),
      ];
      const seen = new Set<string>();
      events = [
        ...lines.filter((l) => !seen.has(JSON.stringify(l)) && seen.add(JSON.stringify(l))).map((l): CallEvent => ({ type: 'SAY', line: l })),
        ...node.options.map((_, index): CallEvent => ({ type: 'CHOOSE', index, line: line({}) })),
        { type: 'SILENCE' },
        { type: 'HANG_UP' },
      ];
      cache.set(id, events);
    }
    return events;
  };
}
