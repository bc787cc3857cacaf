/**
 * Phase 2e: a script must never teach a violation. Every model answer and every `[good]` option is assessed by the
 * scoring engine in its node's context; a critical or major finding is an error at the offending words.
 */
import type { Finding, Lang } from '../../scoring/types.ts';
import { nodeContext } from '../context.ts';
import type { ScenarioEngine } from '../engine.ts';
import type { Scenario, ScenarioNode } from '../ir.ts';
import type { RawNode, RawValue } from '../parse/ast.ts';
import type { Reporter } from '../report.ts';

type Header = Pick<Scenario, 'local_time' | 'caller_type' | 'bank_policy' | 'jurisdiction'> & { lang: Lang };

/** Assesses model answers and good options of reachable nodes; reports `model_answer_flagged` / `good_option_flagged`. */
export function lintWithEngine(engine: ScenarioEngine, h: Header, raw: RawNode[], nodes: ScenarioNode[], reachable: boolean[], r: Reporter): void {
  nodes.forEach((node, i) => {
    if (!reachable[i]) return;
    const context = nodeContext(h, node);
    const check = (v: RawValue, code: 'model_answer_flagged' | 'good_option_flagged') => {
      for (const f of engine.assess(v.text, h.lang, context).findings) {
        if (f.severity === 'critical' || f.severity === 'major') report(r, code, v, f);
      }
    };
    if (raw[i].fields.model) check(raw[i].fields.model, 'model_answer_flagged');
    for (const o of raw[i].options) if (o.quality.text === 'good') check(o.text, 'good_option_flagged');
  });
}

function report(r: Reporter, code: 'model_answer_flagged' | 'good_option_flagged', v: RawValue, f: Finding): void {
  const hasSpan = f.end > f.start && f.end <= v.text.length;
  const span = hasSpan ? { start: v.span.start + f.start, end: v.span.start + f.end } : v.span;
  r.report(code, span, { rule: f.rule, severity: f.severity, detail: f.quote ? `${f.message} ("${f.quote}")` : f.message, better: f.better });
}
