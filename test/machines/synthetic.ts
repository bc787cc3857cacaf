/**
 * Synthetic trainee events for model-based tests, built from a node's own branch conditions: for every branch a line
 * that satisfies it (every condition kind, script elements included), plus an ideal line, an empty one, a rude one,
 * silence, every guided option and hanging up.
 */
import { SILENT_LINE, type CallEvent, type LineFacts } from '../../src/machines/index.ts';
import type { Condition, Scenario, ScenarioNode } from '../../src/scenarios/ir.ts';
import { holds } from '../../src/scenarios/semantics/index.ts';
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

/** Candidate lines: nothing, each tone alone, and silence last (a silent part would silence a whole `and`). */
function plain(terms: Terms): LineFacts[] {
  return [line({}), line({ tone: 'polite', ...terms }), line({ tone: 'rude' }), SILENT_LINE];
}

/**
 * Lines that make `cond` true (for a state condition: lines that push the variable the way the comparison wants, the
 * persona's reaction does the rest). Every condition kind has a case; a new kind fails to compile here.
 */
function satisfying(cond: Condition | null, node: ScenarioNode, terms: Terms): LineFacts[] {
  if (!cond) return [line({ tone: 'polite', ...terms })];
  switch (cond.kind) {
    case 'move':
      return [line({ moves: [cond.move], tone: 'polite', ...terms })];
    case 'element':
      return [line({ elements: [cond.element], tone: 'polite', ...terms })];
    case 'tone':
      return [line({ tone: cond.tone })];
    case 'finding':
      return [line({ findings: [cond.category], tone: 'rude' })];
    case 'elements_complete':
      return [line({ moves: node.expect, elements: node.expect, tone: 'polite', ...terms })];
    case 'silence':
      return [SILENT_LINE];
    case 'state': {
      const up = cond.op === '>' || cond.op === '>=' ? true : cond.op === '<' || cond.op === '<=' ? false : null;
      // Rudeness raises irritation and lowers the rest; empathy and a plan do the opposite.
      const rude = line({ tone: 'rude', findings: ['tone'] });
      const kind = line({ moves: ['empathise', 'offer_plan'], tone: 'polite', ...terms });
      if (up === null) return [rude, kind];
      return [(cond.var === 'irritation') === up ? rude : kind];
    }
    case 'not': {
      // Whatever does not satisfy the inner condition (state read as neutral, mid-range values).
      const vars = { trust: 50, irritation: 50, patience: 50, willingness: 50 };
      return plain(terms)
        .filter((l) => !holds(cond.cond, l, vars, node.expect))
        .slice(0, 1);
    }
    case 'or':
      return cond.any.flatMap((c) => satisfying(c, node, terms));
    case 'and':
      return [cond.all.map((c) => satisfying(c, node, terms)[0] ?? line({})).reduce(merge)];
    default: {
      const unknown: never = cond;
      throw new Error(`synthetic.ts has no line for condition kind ${JSON.stringify((unknown as Condition).kind)}`);
    }
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
        // A silent "line" is the SILENCE event, added below.
        ...lines
          .filter((l) => !l.silence && !seen.has(JSON.stringify(l)) && seen.add(JSON.stringify(l)))
          .map((l): CallEvent => ({ type: 'SAY', line: l })),
        ...node.options.map((_, index): CallEvent => ({ type: 'CHOOSE', index, line: line({}) })),
        { type: 'SILENCE' },
        { type: 'HANG_UP' },
      ];
      cache.set(id, events);
    }
    return events;
  };
}
