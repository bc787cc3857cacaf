/**
 * Phase 1c: the branch-condition mini language (`empathise and trust >= 60`, `违规 威胁 或 语气 粗鲁`).
 * A tokenizer that splits Chinese keywords even when written without spaces, and a precedence-climbing parser
 * (not > and > or). Produces a `CondAst` with spans; names are resolved later, in analyze.
 */
import type { Reporter, Span } from '../report.ts';
import type { CondAst, Raw, RawValue } from './ast.ts';
import { CondError, tokAt, tokText, tokenize, toks } from './condition-lexer.ts';
import { Interned } from './interned.ts';

type StateOp = '>=' | '>' | '<=' | '<' | '==' | '!=';

/** Parses `text` (starting at file offset `base`); reports `invalid_condition` and returns null on a syntax error. */
export function parseCondition(text: string, base: number, r: Reporter): CondAst | null {
  try {
    tokenize(text, base);
    if (toks.count === 0) throw new CondError('the condition is empty', { start: base, end: base + text.length });
    const p = parser.reset(text, base);
    const ast = p.or();
    if (!p.done()) throw new CondError(`unexpected \`${p.text(p.i)}\``, p.tok(p.i).span);
    return ast;
  } catch (e) {
    if (!(e instanceof CondError)) throw e;
    r.report('invalid_condition', e.span, { detail: e.detail });
    return null;
  }
}

/**
 * Conditions already parsed in this script, by their text (see `Interned`). Scripts repeat conditions (in the 15 seed
 * scripts, 132 of the 314 `if` branches test a condition already written in the same script, e.g. `tone rude or
 * finding threat` on many nodes), so each distinct text is tokenized and parsed once and its tree shared; the tree's
 * spans are those of the first occurrence. Only clean parses are kept: a text with a syntax error is parsed, and
 * reported, wherever it is.
 */
export class ConditionCache {
  private readonly trees = new Interned<CondAst>();
  /** Trees returned more than once (see `ConditionResolver`). */
  readonly reused = this.trees.reused;
  /** Whether the last `parse` returned a tree parsed earlier. */
  shared = false;

  parse(source: string, start: number, end: number, r: Reporter): CondAst | null {
    const text = source.slice(start, end);
    const known = this.trees.active ? this.trees.find(text) : undefined;
    this.shared = known !== undefined;
    if (known) return known;
    const ast = parseCondition(text, start, r);
    if (this.trees.active) this.trees.keep(text, ast, true);
    return ast;
  }
}

/** A precedence-climbing parser over the lexer's `toks`; tokens are indices, made into objects only when kept. */
class Parser {
  i = 0;
  /** `text` and `base` as given to `tokenize`. */
  private source = '';
  private base = 0;

  /** Starts over on a freshly tokenized condition (one parser serves every call; parsing is never re-entered). */
  reset(source: string, base: number): this {
    this.i = 0;
    this.source = source;
    this.base = base;
    return this;
  }

  done(): boolean {
    return this.i >= toks.count;
  }
  text(k: number): string {
    return tokText(this.source, this.base, k);
  }
  tok(k: number): Raw {
    return tokAt(this.source, this.base, k);
  }
  /** The comparison an `op` token writes, read from its characters (`>=` `≥` `>` `<=` `≤` `<` `==` `=` `!=`). */
  private op(k: number): StateOp {
    const at = toks.start[k] - this.base;
    const c = this.source.charCodeAt(at);
    const orEqual = toks.end[k] - toks.start[k] === 2;
    if (c === 0x3e) return orEqual ? '>=' : '>';
    if (c === 0x3c) return orEqual ? '<=' : '<';
    if (c === 0x2265) return '>=';
    if (c === 0x2264) return '<=';
    return c === 0x21 ? '!=' : '==';
  }

  /** The keyword of the token at the cursor, if any. */
  private keyword(): string | undefined {
    return this.i < toks.count ? toks.kw[this.i] : undefined;
  }
  private next(what: string): number {
    const k = this.i++;
    if (k >= toks.count) {
      const end = this.base + this.source.length;
      throw new CondError(`expected ${what} at the end`, { start: end, end } satisfies Span);
    }
    return k;
  }

  private value(after: number): RawValue {
    // The message is built only when it is thrown: a template per call was a throwaway string on every keyword.
    if (this.i >= toks.count) this.next(`a value after \`${this.text(after)}\``);
    const v = this.i++;
    if (toks.type[v] !== 'word') throw new CondError(`expected a word after \`${this.text(after)}\``, this.tok(v).span);
    return this.tok(v);
  }

  // Most conditions have no `or` (and many no `and`): the parts array is made only when a second part follows.
  or(): CondAst {
    const first = this.and();
    if (this.keyword() !== 'or') return first;
    this.i++;
    // A literal of the first two parts: pushing the second onto `[first]` would grow it to 17 slots.
    const parts = [first, this.and()];
    while (this.keyword() === 'or') {
      this.i++;
      parts.push(this.and());
    }
    return { kind: 'or', any: parts };
  }

  private and(): CondAst {
    const first = this.unary();
    if (this.keyword() !== 'and') return first;
    this.i++;
    const parts = [first, this.unary()];
    while (this.keyword() === 'and') {
      this.i++;
      parts.push(this.unary());
    }
    return { kind: 'and', all: parts };
  }

  private unary(): CondAst {
    if (this.keyword() === 'not') {
      this.i++;
      return { kind: 'not', cond: this.unary() };
    }
    return this.primary();
  }

  private primary(): CondAst {
    const t = this.next('a condition');
    const type = toks.type[t];
    if (type === '(') {
      const inner = this.or();
      const close = this.next('`)`');
      if (toks.type[close] !== ')') throw new CondError('expected `)`', this.tok(close).span);
      return inner;
    }
    if (type !== 'word') throw new CondError(`unexpected \`${this.text(t)}\``, this.tok(t).span);
    const kw = toks.kw[t];
    if (kw === 'tone') return { kind: 'tone', value: this.value(t) };
    if (kw === 'finding') return { kind: 'finding', value: this.value(t) };
    if (kw === 'move') return { kind: 'move', word: this.value(t) };
    if (kw === 'complete') return { kind: 'complete' };
    if (kw === 'silence') return { kind: 'silence' };
    if (kw) throw new CondError(`\`${this.text(t)}\` needs something before it`, this.tok(t).span);
    if (this.i < toks.count && toks.type[this.i] === 'op') {
      const op = this.i++;
      const num = this.next('a number');
      if (toks.type[num] !== 'num') throw new CondError(`expected a number after \`${this.text(op)}\``, this.tok(num).span);
      return { kind: 'state', var: this.tok(t), op: this.op(op), value: Number(this.text(num)) };
    }
    return { kind: 'word', word: this.tok(t) };
  }
}

const parser = new Parser();
