/**
 * Phase 1c: the branch-condition mini language (`empathise and trust >= 60`, `违规 威胁 或 语气 粗鲁`).
 * A tokenizer that splits Chinese keywords even when written without spaces, and a precedence-climbing parser
 * (not > and > or). Produces a `CondAst` with spans; names are resolved later, in analyze.
 */
import type { Reporter, Span } from '../report.ts';
import type { CondAst, RawValue } from './ast.ts';
import { CondError, tokenize, type Tok } from './condition-lexer.ts';

const OPS: Record<string, '>=' | '>' | '<=' | '<' | '==' | '!='> = { '>=': '>=', '≥': '>=', '>': '>', '<=': '<=', '≤': '<=', '<': '<', '==': '==', '=': '==', '!=': '!=' };

/** Parses `text` (starting at file offset `base`); reports `invalid_condition` and returns null on a syntax error. */
export function parseCondition(text: string, base: number, r: Reporter): CondAst | null {
  try {
    const toks = tokenize(text, base);
    if (toks.length === 0) throw new CondError('the condition is empty', { start: base, end: base + text.length });
    const p = new Parser(toks, base + text.length);
    const ast = p.or();
    if (!p.done()) throw new CondError(`unexpected \`${p.peek()!.text}\``, p.peek()!.span);
    return ast;
  } catch (e) {
    if (!(e instanceof CondError)) throw e;
    r.report('invalid_condition', e.span, { detail: e.detail });
    return null;
  }
}

class Parser {
  private i = 0;
  /** `end` is the condition's end offset: the span of "expected … at the end" errors, built only when one is thrown. */
  constructor(private readonly toks: Tok[], private readonly end: number) {}

  done(): boolean {
    return this.i >= this.toks.length;
  }
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private keyword(t: Tok | undefined): string | undefined {
    return t?.kw;
  }
  private next(what: string): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new CondError(`expected ${what} at the end`, { start: this.end, end: this.end } satisfies Span);
    return t;
  }

  private value(after: Tok): RawValue {
    const v = this.next(`a value after \`${after.text}\``);
    if (v.type !== 'word') throw new CondError(`expected a word after \`${after.text}\``, v.span);
    return v;
  }

  // Most conditions have no `or` (and many no `and`): the parts array is made only when a second part follows.
  or(): CondAst {
    const first = this.and();
    if (this.keyword(this.peek()) !== 'or') return first;
    this.i++;
    // A literal of the first two parts: pushing the second onto `[first]` would grow it to 17 slots.
    const parts = [first, this.and()];
    while (this.keyword(this.peek()) === 'or') {
      this.i++;
      parts.push(this.and());
    }
    return { kind: 'or', any: parts };
  }

  private and(): CondAst {
    const first = this.unary();
    if (this.keyword(this.peek()) !== 'and') return first;
    this.i++;
    const parts = [first, this.unary()];
    while (this.keyword(this.peek()) === 'and') {
      this.i++;
      parts.push(this.unary());
    }
    return { kind: 'and', all: parts };
  }

  private unary(): CondAst {
    if (this.keyword(this.peek()) === 'not') {
      this.i++;
      return { kind: 'not', cond: this.unary() };
    }
    return this.primary();
  }

  private primary(): CondAst {
    const t = this.next('a condition');
    if (t.type === '(') {
      const inner = this.or();
      const close = this.next('`)`');
      if (close.type !== ')') throw new CondError('expected `)`', close.span);
      return inner;
    }
    if (t.type !== 'word') throw new CondError(`unexpected \`${t.text}\``, t.span);
    const kw = this.keyword(t);
    if (kw === 'tone') return { kind: 'tone', value: this.value(t) };
    if (kw === 'finding') return { kind: 'finding', value: this.value(t) };
    if (kw === 'move') return { kind: 'move', word: this.value(t) };
    if (kw === 'complete') return { kind: 'complete' };
    if (kw === 'silence') return { kind: 'silence' };
    if (kw) throw new CondError(`\`${t.text}\` needs something before it`, t.span);
    const op = this.peek();
    if (op?.type === 'op') {
      this.i++;
      const num = this.next('a number');
      if (num.type !== 'num') throw new CondError(`expected a number after \`${op.text}\``, num.span);
      return { kind: 'state', var: t, op: OPS[op.text], value: Number(num.text) };
    }
    return { kind: 'word', word: t };
  }
}
