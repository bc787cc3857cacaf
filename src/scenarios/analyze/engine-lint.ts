/**
 * Phase 2e: a script must never teach a violation. Every model answer and every `[good]` option is assessed by the
 * scoring engine in its node's context; a critical or major finding is an error at the offending words. Call-level
 * findings (a call outside the window…) concern the scenario, not a line, so they are reported once, at `local_time`.
 * The model answers also decide where the required disclosure has been given (`node.disclosure_given`).
 */
import type { Assessment, Finding, Lang } from '../../scoring/types.ts';
import { nodeContext } from '../context.ts';
import type { ScenarioEngine } from '../engine.ts';
import { DISCLOSURE_MOVE, type Scenario, type ScenarioNode } from '../ir.ts';
import type { RawNode, RawValue } from '../parse/ast.ts';
import type { Reporter, Span } from '../report.ts';
import { afterOnEveryPath, type Graph } from './graph.ts';

type Header = Pick<Scenario, 'local_time' | 'caller_type' | 'bank_policy' | 'jurisdiction' | 'course'> & { lang: Lang };
type Code = 'model_answer_flagged' | 'good_option_flagged' | 'call_context_flagged';
const serious = (f: Finding) => f.severity === 'critical' || f.severity === 'major';

/** Fills `node.disclosure_given`, then assesses model answers and good options of reachable nodes and reports serious findings. */
export function lintWithEngine(
  engine: ScenarioEngine,
  h: Header,
  raw: RawNode[],
  nodes: ScenarioNode[],
  graph: Graph,
  timeSpan: Span,
  r: Reporter,
): void {
  const { reachable } = graph;
  const first = nodes.findIndex((_, i) => reachable[i]);
  if (first >= 0 && engine.callLevelFindings) {
    for (const f of engine.callLevelFindings(nodeContext(h, nodes[first]), h.lang).filter(serious))
      report(r, 'call_context_flagged', { text: '', span: timeSpan }, f);
  }
  const assess = (text: string, node: ScenarioNode) =>
    engine.assess(text, h.lang, nodeContext(h, node), { callLevel: false });
  // Moves do not depend on the context, so one pass finds which model answers disclose; only the few nodes that then
  // turn out to follow a disclosure are assessed again, in their final context.
  const models = nodes.map((node, i): Assessment | null =>
    reachable[i] && raw[i].fields.model ? assess(raw[i].fields.model.text, node) : null,
  );
  const gives = models.map((a) => !!a?.moves.some((m) => m.move === DISCLOSURE_MOVE));
  const disclosed = afterOnEveryPath(gives, graph);
  nodes.forEach((node, i) => {
    if (!reachable[i]) return;
    node.disclosure_given = disclosed[i];
    const flag = (v: RawValue, code: Code, a: Assessment) => {
      for (const f of a.findings.filter(serious)) report(r, code, v, f);
    };
    const model = raw[i].fields.model;
    if (model) flag(model, 'model_answer_flagged', node.disclosure_given ? assess(model.text, node) : models[i]!);
    for (const o of raw[i].options)
      if (o.quality === 'good') flag(o.text, 'good_option_flagged', assess(o.text.text, node));
  });
}

function report(r: Reporter, code: Code, v: RawValue, f: Finding): void {
  const hasSpan = f.end > f.start && f.end <= v.text.length;
  const span = hasSpan ? { start: v.span.start + f.start, end: v.span.start + f.end } : v.span;
  r.report(code, span, {
    rule: f.rule,
    severity: f.severity,
    detail: f.quote ? `${f.message} ("${f.quote}")` : f.message,
    better: f.better,
  });
}
