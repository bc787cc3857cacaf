/**
 * Phase 2e: a script must never teach a violation. Every model answer and every `[good]` option is assessed by the
 * scoring engine in its node's context; a critical or major finding is an error at the offending words. Call-level
 * findings (a call outside the window…) concern the scenario, not a line, so they are reported once, at `local_time`.
 */
import type { Finding, Lang } from '../../scoring/types.ts';
import { nodeContext } from '../context.ts';
import type { ScenarioEngine } from '../engine.ts';
import type { Scenario, ScenarioNode } from '../ir.ts';
import type { RawNode, RawValue } from '../parse/ast.ts';
import type { Reporter, Span } from '../report.ts';

type Header = Pick<Scenario, 'local_time' | 'caller_type' | 'bank_policy' | 'jurisdiction' | 'course'> & { lang: Lang };
type Code = 'model_answer_flagged' | 'good_option_flagged' | 'call_context_flagged';
const serious = (f: Finding) => f.severity === 'critical' || f.severity === 'major';

/** Assesses model answers and good options of reachable nodes and reports serious findings. */
export function lintWithEngine(engine: ScenarioEngine, h: Header, raw: RawNode[], nodes: ScenarioNode[], reachable: boolean[], timeSpan: Span, r: Reporter): void {
  const first = nodes.findIndex((_, i) => reachable[i]);
  if (first >= 0 && engine.callLevelFindings) {
    for (const f of engine.callLevelFindings(nodeContext(h, nodes[first]), h.lang).filter(serious)) report(r, 'call_context_flagged', { text: '', span: timeSpan }, f);
  }
  nodes.forEach((node, i) => {
    if (!reachable[i]) return;
    const context = nodeContext(h, node);
    const check = (v: RawValue, code: Code) => {
      for (const f of engine.assess(v.text, h.lang, context, { callLevel: false }).findings.filter(serious)) report(r, code, v, f);
    };
    if (raw[i].fields.model) check(raw[i].fields.model, 'model_answer_flagged');
    for (const o of raw[i].options) if (o.quality.text === 'good') check(o.text, 'good_option_flagged');
  });
}

function report(r: Reporter, code: Code, v: RawValue, f: Finding): void {
  const hasSpan = f.end > f.start && f.end <= v.text.length;
  const span = hasSpan ? { start: v.span.start + f.start, end: v.span.start + f.end } : v.span;
  r.report(code, span, { rule: f.rule, severity: f.severity, detail: f.quote ? `${f.message} ("${f.quote}")` : f.message, better: f.better });
}
