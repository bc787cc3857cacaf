/**
 * Phase 2d: hidden persona facts must not reach the trainee before the persona tells them. Checks the title,
 * briefing, card and call log (never allowed), and every trainee-visible text of the nodes that can be reached
 * from the start without passing a node that `reveals` the fact.
 */
import type { HiddenFacts, ScenarioNode } from '../ir.ts';
import type { RawNode, RawValue } from '../parse/ast.ts';
import type { Reporter, Span } from '../report.ts';
import type { Graph } from './graph.ts';

interface Fact {
  key: string;
  text: string;
}

/** Reports `hidden_fact_leak` for each trainee-visible place that shows a hidden fact too early. */
export function checkLeaks(
  hidden: HiddenFacts,
  header: RawValue[],
  raw: RawNode[],
  nodes: ScenarioNode[],
  g: Graph,
  r: Reporter,
): void {
  const facts: Fact[] = [
    { key: 'real_reason', text: hidden.real_reason },
    ...Object.entries(hidden.extra).map(([key, text]) => ({ key, text })),
    ...hidden.secret_words.map((w) => ({ key: w, text: w })),
  ].filter((f) => f.text.trim().length >= 2);
  const valueOf = (key: string) => (key === 'real_reason' ? hidden.real_reason : (hidden.extra[key] ?? key));
  const reported: Span[] = [];
  for (const fact of facts) {
    // Case folding only matters for Latin letters; skipping it for Chinese facts avoids a string copy per text.
    const fold = /[A-Za-z]/.test(fact.text);
    const search: Search = { fact, fold, needle: fold ? fact.text.toLowerCase() : fact.text, reported, r };
    for (const v of header) find(search, v, 'header', '');
    const reveals = (n: ScenarioNode) =>
      n.reveals.some((k) => k === fact.key || valueOf(k).toLowerCase().includes(search.needle));
    const before = beforeReveal(g, nodes, reveals);
    // Index loops: this runs once per fact over every node, before V8 has optimised it, where for-of allocates.
    for (let i = 0; i < raw.length; i++) {
      if (!before[i]) continue;
      const n = raw[i];
      for (let k = 0; k < n.lines.length; k++) find(search, n.lines[k].text, 'line', n.id);
      if (n.fields.model) find(search, n.fields.model, 'model', n.id);
      if (n.fields.why) find(search, n.fields.why, 'why', n.id);
      for (let k = 0; k < n.options.length; k++) {
        const o = n.options[k];
        find(search, o.text, 'option', n.id);
        if (o.feedback) find(search, o.feedback, 'feedback', n.id);
      }
    }
  }
}

interface Search {
  fact: Fact;
  fold: boolean;
  needle: string;
  reported: Span[];
  r: Reporter;
}

type Place = 'header' | 'line' | 'model' | 'why' | 'option' | 'feedback';

/** Where the leak is, for the message (built only when there is one). */
function where(place: Place, id: string): string {
  if (place === 'header') return 'what the trainee sees before the call (title, briefing, card or call log)';
  const what =
    place === 'line'
      ? 'a persona line of'
      : place === 'option'
        ? 'an option of'
        : place === 'feedback'
          ? 'option feedback in'
          : `the ${place} of`;
  return `${what} \`${id}\`, before the persona reveals it`;
}

function find(s: Search, v: RawValue, place: Place, id: string): void {
  const at = (s.fold ? v.text.toLowerCase() : v.text).indexOf(s.needle);
  if (at < 0) return;
  const span = { start: v.span.start + at, end: v.span.start + at + s.fact.text.length };
  // A secret word inside an already reported real reason is the same leak.
  if (s.reported.some((x) => x.start < span.end && span.start < x.end)) return;
  s.reported.push(span);
  s.r.report('hidden_fact_leak', span, { fact: s.fact.key, where: where(place, id), place, node: id });
}

/** Per node: reachable from the start without entering a node that reveals the fact. */
function beforeReveal(g: Graph, nodes: ScenarioNode[], reveals: (n: ScenarioNode) => boolean): boolean[] {
  const seen = nodes.map(() => false);
  if (g.start < 0 || reveals(nodes[g.start])) return seen;
  seen[g.start] = true;
  const stack = [g.start];
  while (stack.length) {
    const next = g.next[stack.pop()!];
    for (let k = 0; k < next.length; k++) {
      const j = next[k];
      if (seen[j] || reveals(nodes[j])) continue;
      seen[j] = true;
      stack.push(j);
    }
  }
  return seen;
}
