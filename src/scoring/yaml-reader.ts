/**
 * Typed reads from a YAML node tree that report author mistakes as positioned diagnostics instead of throwing.
 * Every read returns undefined on a mistake, so callers can drop just the broken rule.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import { didYouMean, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { checkPattern, MAX_EXPANDED_LENGTH, MAX_PATTERN_LENGTH } from './safe-regex.ts';
import { flagsFor } from './matcher.ts';
import { expandConcepts, type ConceptTable } from './concepts.ts';
import type { Bilingual, Lang, PatternsByLang } from './types.ts';

export type Fields = Map<string, { key: Node; value: Node | null }>;

export class YamlReader {
  errors = 0;
  /** The concept lexicon `{name}` references in patterns expand from (set by the loader before rules are read). */
  concepts: ConceptTable = new Map();
  constructor(
    readonly file: string,
    readonly diagnostics: Diagnostic[],
  ) {}

  /** Records a diagnostic at `node` (or at an explicit [start, end)). */
  report(
    code: string,
    at: Node | null | [number, number] | undefined,
    message: string,
    hint?: string,
    severity: Diagnostic['severity'] = 'error',
  ): undefined {
    const [start, end] = Array.isArray(at) ? at : at?.range ? [at.range[0], at.range[1]] : [0, 0];
    this.diagnostics.push({ code, severity, message, ...(hint ? { hint } : {}), file: this.file, start, end });
    if (severity === 'error') this.errors++;
    return undefined;
  }

  /** A mapping whose keys must come from `allowed`; unknown keys are reported with a did-you-mean hint. */
  map(node: Node | null | undefined, what: string, allowed: readonly string[], at?: Node | null): Fields | undefined {
    if (!isMap(node)) return this.report('invalid_type', node ?? at, `${what} must be a mapping`);
    const fields: Fields = new Map();
    for (const pair of node.items as Pair<Node, Node | null>[]) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(name)) {
        const guess = didYouMean(name, allowed);
        this.report(
          'unknown_key',
          pair.key,
          `unknown key \`${name}\` in ${what}`,
          guess ? `Did you mean \`${guess}\`?` : `Allowed: ${allowed.join(', ')}`,
        );
        continue;
      }
      fields.set(name, { key: pair.key, value: pair.value });
    }
    return fields;
  }

  /** Reports every `names` field that is absent; true when all are present. */
  requireFields(fields: Fields, names: readonly string[], what: string, at: Node): boolean {
    let ok = true;
    for (const n of names)
      if (!fields.has(n) || fields.get(n)!.value === null) {
        this.report('missing_field', fields.get(n)?.key ?? at, `${what} is missing \`${n}\``);
        ok = false;
      }
    return ok;
  }

  string(node: Node | null | undefined, what: string, at?: Node): string | undefined {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
    return this.report('invalid_type', node ?? at, `${what} must be a non-empty string`);
  }

  boolean(node: Node | null | undefined, what: string): boolean | undefined {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    return this.report('invalid_type', node, `${what} must be true or false`);
  }

  number(node: Node | null | undefined, what: string): number | undefined {
    if (isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value)) return node.value;
    return this.report('invalid_type', node, `${what} must be a number`);
  }

  /** One value of a closed vocabulary; `code` names the mistake (`unknown_category`, `unknown_severity`…). */
  oneOf<T extends string>(
    node: Node | null | undefined,
    what: string,
    values: readonly T[],
    code: string,
  ): T | undefined {
    const v = isScalar(node) ? String(node.value) : undefined;
    if (v !== undefined && (values as readonly string[]).includes(v)) return v as T;
    const guess = v === undefined ? undefined : didYouMean(v, values);
    return this.report(
      code,
      node,
      `${what} \`${v ?? '?'}\` is not one of ${values.join(', ')}`,
      guess ? `Did you mean \`${guess}\`?` : undefined,
    );
  }

  /** A sequence (a single item is accepted as a one-item list). */
  list(node: Node | null | undefined, what: string): Node[] | undefined {
    if (isSeq(node)) return node.items as Node[];
    if (isScalar(node) || isMap(node)) return [node];
    return this.report('invalid_type', node, `${what} must be a list`);
  }

  /** `{zh, en}` text; both languages are required so the UI can show either. */
  bilingual(node: Node | null | undefined, what: string): Bilingual | undefined {
    const f = this.map(node, what, ['zh', 'en']);
    if (!f || !this.requireFields(f, ['zh', 'en'], what, node!)) return undefined;
    const zh = this.string(f.get('zh')!.value, `${what}.zh`);
    const en = this.string(f.get('en')!.value, `${what}.en`);
    return zh !== undefined && en !== undefined ? { zh, en } : undefined;
  }

  /** `{zh: [...], en: [...]}` regex sources, each checked for syntax and for catastrophic backtracking. */
  patterns(node: Node | null | undefined, what: string): PatternsByLang | undefined {
    const f = this.map(node, what, ['zh', 'en']);
    if (!f) return undefined;
    const out: PatternsByLang = {};
    let ok = true;
    for (const [lang, { value }] of f) {
      const items = this.list(value, `${what}.${lang}`);
      if (!items) {
        ok = false;
        continue;
      }
      const sources: string[] = [];
      for (const item of items) {
        const src = this.string(item, `a pattern in ${what}.${lang}`);
        const expanded = src === undefined ? undefined : this.pattern(src, item as Scalar, lang as Lang);
        if (expanded === undefined) ok = false;
        else sources.push(expanded);
      }
      out[lang as Lang] = sources;
    }
    return ok ? out : undefined;
  }

  /**
   * One pattern as written at `node`: its `{concepts}` expanded, then checked for syntax, safety and the empty match.
   * Returns the expanded source, or undefined after reporting the problem where it is written. `composed` patterns
   * (built from a `match:` clause) skip the authored-length limit; their expansion has its own.
   */
  pattern(src: string, node: Node, lang: Lang, composed = false): string | undefined {
    // Point into the pattern itself when the scalar is written plainly or in single quotes (offsets line up).
    const type = isScalar(node) ? node.type : undefined;
    const quoted = type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE' ? 1 : 0;
    const base = (node.range?.[0] ?? 0) + quoted;
    if (!composed && src.length > MAX_PATTERN_LENGTH)
      return this.safePattern(src, src, node, base, quoted, lang) ? src : undefined;
    const expanded = expandConcepts(src, lang, this.concepts);
    if ('problem' in expanded) {
      const { code, name, index, length } = expanded.problem;
      const at: [number, number] = composed
        ? [node.range?.[0] ?? 0, node.range?.[1] ?? 0]
        : [base + index, base + index + length];
      if (code === 'unknown_concept') {
        const guess = didYouMean(name, this.concepts.keys());
        return this.report(
          code,
          at,
          `unknown concept \`{${name}}\``,
          guess ? `Did you mean \`{${guess}}\`?` : 'Concepts are defined in content/rules/concepts.yaml',
        );
      }
      return this.report(
        code,
        at,
        `concept \`{${name}}\` has no ${lang} forms`,
        `Add ${lang} forms to the concept or leave it out of ${lang} patterns`,
      );
    }
    return this.safePattern(
      expanded.source,
      src,
      node,
      composed ? (node.range?.[0] ?? 0) : base,
      composed ? 0 : quoted,
      lang,
    )
      ? expanded.source
      : undefined;
  }

  private safePattern(src: string, written: string, node: Node, base: number, quoted: number, lang: Lang): boolean {
    const problem = checkPattern(src, flagsFor(lang), src === written ? MAX_PATTERN_LENGTH : MAX_EXPANDED_LENGTH);
    if (!problem && !new RegExp(src, 'u').test('')) return true;
    if (!problem) {
      this.report(
        'pattern_matches_empty',
        node,
        `pattern \`${src}\` matches the empty string, so it would fire on every line`,
      );
      return false;
    }
    // An expanded pattern's offsets do not line up with the text as written: point at the whole pattern then.
    const at = base + (src === written ? Math.min(problem.index, src.length) : 0);
    const hint =
      problem.code === 'invalid_pattern'
        ? 'Check the brackets and escapes; patterns are JavaScript regular expressions.'
        : 'Rewrite the pattern; the rule is left out until it is safe.';
    this.report(
      problem.code,
      [at, Math.max(at + 1, (node.range?.[1] ?? at) - quoted)],
      `${problem.message} in \`${written}\``,
      hint,
    );
    return false;
  }
}
