/**
 * The script compiler: Markdown scenario text → versioned scenario IR plus every diagnostic.
 * Phases: 1 parse (front matter, body, conditions) → 2 analyze (header, nodes, graph, leaks, engine lint) → 3 emit.
 * Pure (no fs); it throws only on its own bugs, never on an author's mistake.
 */
import { Marked } from 'marked';
import { lineColumn, lineStarts, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { lintWithEngine } from './analyze/engine-lint.ts';
import { analyzeGraph } from './analyze/graph.ts';
import { readCaller } from './analyze/header-caller.ts';
import { readHeader, type Header } from './analyze/header.ts';
import { checkLeaks } from './analyze/leaks.ts';
import { readNodes } from './analyze/nodes.ts';
import { vocabulary, type ScenarioEngine } from './engine.ts';
import { IR_VERSION, type Scenario, type ScenarioNode } from './ir.ts';
import type { RawValue } from './parse/ast.ts';
import { parseBody } from './parse/body.ts';
import { checkProse } from './parse/prose.ts';
import { Fields, parseFrontMatter } from './parse/front-matter.ts';
import { Reporter } from './report.ts';

export interface CompileOptions {
  /** Shown in diagnostics and stored in the IR. */
  file: string;
  /** The scoring engine: validates move ids and lints model answers and good options. */
  engine?: ScenarioEngine;
  /** Move ids to validate branches against when the engine does not list them. */
  moves?: Iterable<string>;
}

export interface CompileResult {
  /** Null when any error was found. */
  scenario: Scenario | null;
  /** Sorted by position, with line and column filled in. */
  diagnostics: Diagnostic[];
}

/** Compiles one scenario script; returns the IR (null on errors) and all diagnostics. */
export function compile(source: string, options: CompileOptions): CompileResult {
  const r = new Reporter(options.file);
  // 1. parse
  const fm = parseFrontMatter(source, r);
  const body = parseBody(source, fm.bodyStart, r, lineAt(source, fm.bodyStart));
  // Before anything renders the prose: nesting that would exhaust marked's stack is an error, never a crash.
  checkProse(source, fm.bodyStart, r);
  const firstHeading = body.nodes[0]?.heading.start ?? source.length;
  if (body.nodes.length === 0) r.report('no_nodes', { start: fm.bodyStart, end: source.length });
  if (!fm.doc) return done(source, r, null);
  // 2. analyze
  const fields = new Fields(fm);
  const vocab = vocabulary(options.engine, options.moves);
  const header = { ...readHeader(fields, r), ...readCaller(fields, vocab.expectable, r) };
  const nodes = readNodes(body.nodes, { ...vocab, card: header.card, hidden: header.hidden }, r);
  const graph = analyzeGraph(body.nodes, nodes, header.start, fields.span('start'), r);
  const briefing: RawValue = {
    text: source.slice(fm.bodyStart, firstHeading),
    span: { start: fm.bodyStart, end: firstHeading },
  };
  checkLeaks(header.hidden, [...visibleHeader(source, fields), briefing], body.nodes, nodes, graph, r);
  if (options.engine) lintWithEngine(options.engine, header, body.nodes, nodes, graph, fields.span('local_time'), r);
  if (r.hasErrors || graph.start < 0) return done(source, r, null);
  // 3. emit
  return done(source, r, emit(header, body.briefing, nodes, graph.start, options.file));
}

function emit(header: Header, briefing: string, nodes: ScenarioNode[], start: number, file: string): Scenario {
  const { start: _ignored, ...rest } = header;
  return {
    ir_version: IR_VERSION,
    ...rest,
    briefing,
    briefing_html: render(briefing),
    start: nodes[start].id,
    // In place: the nodes were built for this IR; copying 1,000 of them only feeds the garbage collector.
    nodes: nodes.map((n) => ((n.notes_html = render(n.notes)), n)),
    source: { file },
  };
}

/** Title, card and call log as source slices, for the leak check. */
function visibleHeader(source: string, f: Fields): RawValue[] {
  const slice = (span: { start: number; end: number }): RawValue => ({
    text: source.slice(span.start, span.end),
    span,
  });
  const out = [slice(f.span('title'))];
  const card = f.at('card');
  for (const { key } of card.keys()) out.push(slice(card.span(key)));
  if (f.has('call_log')) out.push(slice(f.span('call_log')));
  return out;
}

/**
 * Prose is shown inside a section of its page (the briefing under "Objectives", an h2), so an author's `#` becomes an
 * h3 and so on down: the page keeps one h1 and a heading order screen-reader users can follow.
 */
const prose = new Marked({
  async: false,
  gfm: true,
  walkTokens(token) {
    if (token.type === 'heading') token.depth = Math.min(6, token.depth + 2);
  },
});

function render(markdown: string): string {
  return markdown ? (prose.parse(markdown) as string) : '';
}

/** 1-based line of `offset`: the parser counts lines from here on, so no line index of the whole file is built. */
function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/** Line and column are computed here, only when there are diagnostics to place. */
function done(source: string, r: Reporter, scenario: Scenario | null): CompileResult {
  if (r.diagnostics.length === 0) return { scenario, diagnostics: [] };
  const starts = lineStarts(source);
  const diagnostics = r.diagnostics
    .map((d) => ({ ...d, ...lineColumn(starts, d.start) }))
    .sort((a, b) => a.start - b.start || a.code.localeCompare(b.code));
  return { scenario, diagnostics };
}
