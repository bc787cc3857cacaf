/**
 * Phase 2d: hidden persona facts must not reach the trainee before the persona tells them. Checks the title,
 * briefing, card and call log (never allowed), and every trainee-visible text of the nodes that can be reached
 * from the start without passing a node that `reveals` the fact.
 */
import type { HiddenFacts, ScenarioNode } from '../ir.ts';
import type { RawNode, RawValue } from '../parse/ast.ts';
import type { Reporter } from '../report.ts';
import type { Graph } from './graph.ts';

interface Fact {
  key: string;
  text: string;
}

/** Reports `hidden_fact_leak` for each trainee-visible place that shows a hidden fact too early. */
export function checkLeaks(hidden: HiddenFacts, header: RawValue[], raw: RawNode[], nodes: ScenarioNode[], g: Graph, r: Reporter): void {
  const facts: Fact[] = [
    { key: 'real_reason', text: hidden.real_reason },
    ...Object.entries(hidden.extra).map(([key, text]) => ({ key, text })),
    ...hidden.secret_words.map((w) => ({ key: w, text: w })),
  ].filter((f) => f.text.trim().length >= 2);
  const valueOf = (key: string) => (key === 'real_reason' ? hidden.real_reason : hidden.extra[key] ?? key);
  const reported: { start: number; end: number }[] = [];
  for (const fact of facts) {
    // Case folding only matters for Latin letters; skipping it for Chinese facts avoids a string copy per text.
    const fold = /[A-Za-z]/.test(fact.text);
    const needle = fold ? fact.text.toLowerCase() : fact.text;
    const find = (v: RawValue, where: string) => {
      const at = (fold ? v.text.toLowerCase() : v.text).indexOf(needle);
      if (at < 0) return;
      const span = { start: v.span.start + at, end: v.span.start + at + fact.text.length };
      // A secret word inside an already reported real reason is the same leak.
      if (reported.some((s) => s.start < span.end && span.start < s.end)) return;
      reported.push(span);
      r.report('hidden_fact_leak', span, { fact: fact.key, where });
    };
    for (const v of header) find(v, 'what the trainee sees before the call (title, briefing, card or call log)');
    const reveals = (n: ScenarioNode) => n.reveals.some((k) => k === fact.key || valueOf(k).toLowerCase().includes(needle));
    for (const i of beforeReveal(g, nodes, reveals)) {
      const n = raw[i];
      for (const l of n.lines) find(l.text, `a persona line of \`${n.id}\`, before the persona reveals it`);
      for (const key of ['model', 'why'] as const) if (n.fields[key]) find(n.fields[key], `the ${key} of \`${n.id}\`, before the persona reveals it`);
      for (const o of n.options) {
        find(o.text, `an option of \`${n.id}\`, before the persona reveals it`);
        if (o.feedback) find(o.feedback, `option feedback in \`${n.id}\`, before the persona reveals it`);
      }
    }
  }
}

/** Nodes reachable from the start without entering a node that reveals the fact. */
function beforeReveal(g: Graph, nodes: ScenarioNode[], reveals: (n: ScenarioNode) => boolean): number[] {
  if (g.start < 0 || reveals(nodes[g.start])) return [];
  const seen = new Set([g.start]);
  const stack = [g.start];
  while (stack.length) {
    for (const j of g.next[stack.pop()!]) {
      if (seen.has(j) || reveals(nodes[j])) continue;
      seen.add(j);
      stack.push(j);
    }
  }
  return [...seen].sort((a, b) => a - b);
}
