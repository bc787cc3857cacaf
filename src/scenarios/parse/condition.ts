/**
 * Phase 1c: the branch-condition mini language (`empathise and trust >= 60`, `违规 威胁 或 语气 粗鲁`).
 * A precedence-climbing parser (not > and > or) over the tokens of condition-lexer.ts. Produces a `CondAst` with
 * spans; names are resolved later, in analyze.
 */
import type { Reporter } from '../report.ts';
import type { CondAst, RawValue } from './ast.ts';
import { CondError, tokenize, valueOf, type Tok } from './condition-lexer.ts';

type StateOp = '>=' | '>' | '<=' | '<' | '==' | '!=';

/**
 * How deeply parentheses and `not`s may nest. A real branch needs three or four levels; the limit keeps a pasted or
 * generated condition from exhausting the stack (a positioned error instead of a crash).
 */
export const MAX_CONDITION_DEPTH = 32;

/** What each comparison spelling means. */
const OPS: Record<string, StateOp> = {
  '>=': '>=',
  '≥': '>=',
  '>': '>',
  '<=': '<=',
  '≤': '<=',
  '<': '<',
  '==': '==',
  '=': '==',
  '!=': '!=',
};

/** Parses `text` (starting at file offset `base`); reports `invalid_condition` and returns null on a syntax error. */
export function parseCondition(text: string, base: number, r: Reporter): CondAst | null {
  try {
    const toks = tokenize(text, base);
    if (toks.length === 0)
      throw new CondError('the condition is empty', { start: base, end: base + text.length }, 'condition_empty');
    const p = new Parser(toks, base + text.length);
    const ast = p.or();
    if (!p.done())
      throw new CondError(`unexpected \`${toks[p.i].text}\``, toks[p.i], 'unexpected_token', toks[p.i].text);
    return ast;
  } catch (e) {
    if (!(e instanceof CondError)) throw e;
    r.report('invalid_condition', e.span, { detail: e.detail, reason: e.reason, value: e.value });
    return null;
  }
}

class Parser {
  i = 0;
  private depth = 0;
  constructor(
    private readonly toks: Tok[],
    /** File offset of the condition's end (where "expected … at the end" points). */
    private readonly end: number,
  ) {}

  done(): boolean {
    return this.i >= this.toks.length;
  }

  /** The keyword of the token at the cursor, if any. */
  private keyword(): string | undefined {
    return this.toks[this.i]?.kw;
  }

  /** The next token; at the end, a `reason` error saying what was expected (`value`: the token it should follow). */
  private next(what: string, reason: string, value = ''): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new CondError(`expected ${what} at the end`, { start: this.end, end: this.end }, reason, value);
    return t;
  }

  private value(after: Tok): RawValue {
    const v = this.next(`a value after \`${after.text}\``, 'expected_value_at_end', after.text);
    if (v.type !== 'word')
      throw new CondError(`expected a word after \`${after.text}\``, v, 'expected_word_after', after.text);
    return valueOf(v);
  }

  or(): CondAst {
    const parts = [this.and()];
    while (this.keyword() === 'or') {
      this.i++;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0] : { kind: 'or', any: parts };
  }

  private and(): CondAst {
    const parts = [this.unary()];
    while (this.keyword() === 'and') {
      this.i++;
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0] : { kind: 'and', all: parts };
  }

  /** Parses one nested level (inside `(` or after `not`), refusing to go deeper than MAX_CONDITION_DEPTH. */
  private nested<T>(at: Tok, parse: () => T): T {
    if (++this.depth > MAX_CONDITION_DEPTH)
      throw new CondError(
        `nested more than ${MAX_CONDITION_DEPTH} levels deep`,
        at,
        'too_deep',
        String(MAX_CONDITION_DEPTH),
      );
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private unary(): CondAst {
    if (this.keyword() === 'not') {
      const t = this.toks[this.i++];
      return { kind: 'not', cond: this.nested(t, () => this.unary()) };
    }
    return this.primary();
  }

  private primary(): CondAst {
    const t = this.next('a condition', 'expected_condition_at_end');
    if (t.type === '(') {
      const inner = this.nested(t, () => this.or());
      const close = this.next('`)`', 'expected_paren_at_end');
      if (close.type !== ')') throw new CondError('expected `)`', close, 'expected_close_paren', close.text);
      return inner;
    }
    if (t.type !== 'word') throw new CondError(`unexpected \`${t.text}\``, t, 'unexpected_token', t.text);
    switch (t.kw) {
      case 'tone':
        return { kind: 'tone', value: this.value(t) };
      case 'finding':
        return { kind: 'finding', value: this.value(t) };
      case 'move':
        return { kind: 'move', word: this.value(t) };
      case 'complete':
        return { kind: 'complete' };
      case 'silence':
        return { kind: 'silence' };
      case undefined:
        break;
      default:
        throw new CondError(`\`${t.text}\` needs something before it`, t, 'needs_before', t.text);
    }
    if (this.toks[this.i]?.type === 'op') {
      const op = this.toks[this.i++];
      const num = this.next('a number', 'expected_number_at_end', op.text);
      if (num.type !== 'num')
        throw new CondError(`expected a number after \`${op.text}\``, num, 'expected_number_after', op.text);
      return { kind: 'state', var: valueOf(t), op: OPS[op.text], value: Number(num.text) };
    }
    return { kind: 'word', word: valueOf(t) };
  }
}
