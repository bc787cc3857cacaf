/**
 * Phase 1a: split the YAML front matter off the script and parse it with `yaml`, keeping node ranges so every
 * later diagnostic about a field points at the field itself (offsets are shifted into whole-file coordinates).
 */
import { isMap, isPair, isScalar, parseDocument, type Document, type Node } from 'yaml';
import type { Reporter, Span } from '../report.ts';

export interface FrontMatter {
  doc: Document | null;
  /** Offset of the YAML text in the file. */
  base: number;
  /** Span of the opening `---` line, where "missing field" diagnostics point. */
  fence: Span;
  /** Offset where the Markdown body starts. */
  bodyStart: number;
}

/** Splits and parses the front matter; reports `missing_front_matter` / `yaml_syntax` and never throws. */
export function parseFrontMatter(source: string, reporter: Reporter): FrontMatter {
  const bom = source.startsWith('\ufeff') ? 1 : 0;
  const open = /^---[ \t]*\r?\n/.exec(source.slice(bom));
  if (!open) {
    const firstLineEnd = source.indexOf('\n');
    reporter.report('missing_front_matter', { start: bom, end: firstLineEnd < 0 ? source.length : firstLineEnd });
    return { doc: null, base: bom, fence: { start: bom, end: bom }, bodyStart: bom };
  }
  const base = bom + open[0].length;
  const fence = { start: bom, end: bom + 3 };
  const close = /^(---|\.\.\.)[ \t]*$/m.exec(source.slice(base));
  if (!close) {
    reporter.report('missing_front_matter', fence);
    return { doc: null, base, fence, bodyStart: source.length };
  }
  const yamlText = source.slice(base, base + close.index);
  const bodyStart = base + close.index + close[0].length;
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  for (const err of doc.errors) {
    const detail = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    reporter.report('yaml_syntax', { start: base + err.pos[0], end: base + err.pos[1] }, { detail });
  }
  if (doc.errors.length) return { doc: null, base, fence, bodyStart };
  return { doc, base, fence, bodyStart };
}

/** Read access to the front matter with whole-file spans for each value. */
export class Fields {
  constructor(
    private readonly fm: FrontMatter,
    private readonly prefix: readonly (string | number)[] = [],
  ) {}

  /** A view of a nested map or list item. */
  at(...path: (string | number)[]): Fields {
    return new Fields(this.fm, [...this.prefix, ...path]);
  }

  node(key?: string | number): Node | undefined {
    const path = key === undefined ? this.prefix : [...this.prefix, key];
    if (!this.fm.doc) return undefined;
    if (path.length === 0) return (this.fm.doc.contents ?? undefined) as Node | undefined;
    return this.fm.doc.getIn(path, true) as Node | undefined;
  }

  has(key: string): boolean {
    return this.node(key) !== undefined;
  }

  /** The plain JS value of `key` (scalars, lists, maps). */
  value(key: string): unknown {
    const n = this.node(key);
    if (n === undefined) return undefined;
    return isScalar(n) ? n.value : (n as { toJSON(): unknown }).toJSON();
  }

  /** Keys present in this map, with the span of each key. */
  keys(): { key: string; span: Span }[] {
    const n = this.node();
    if (!isMap(n)) return [];
    return n.items
      .filter(isPair)
      .map((p) => ({ key: String(isScalar(p.key) ? p.key.value : p.key), span: this.range(p.key as Node) }));
  }

  /** Span of the value at `key`; falls back to this map's own span, then to the opening fence. */
  span(key?: string | number): Span {
    const n = this.node(key) ?? this.node();
    return n ? this.range(n) : this.fm.fence;
  }

  /** Span of the key `key` itself (for "unknown field"), or of the map when absent. */
  keySpan(key: string): Span {
    return this.keys().find((k) => k.key === key)?.span ?? this.span();
  }

  private range(n: Node | null | undefined): Span {
    if (!n?.range) return this.fm.fence;
    return { start: this.fm.base + n.range[0], end: this.fm.base + n.range[1] };
  }
}
