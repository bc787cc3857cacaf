/**
 * Phase 1c: the branch-condition mini language (`empathise and trust >= 60`, `违规 威胁 或 语气 粗鲁`).
 * A tokenizer that splits Chinese keywords even when written without spaces, and a precedence-climbing parser
 * (not > and > or). Produces a `CondAst` with spans; names are resolved later, in analyze.
 */
import { CATEGORY_WORDS, CONDITION_WORDS, STATE_WORDS, TONE_WORDS } from '../keywords.ts';
import type { Reporter, Span } from '../report.ts';
import type { CondAst, RawValue } from './ast.ts';

type Tok = { type: 'word' | 'op' | 'num' | '(' | ')'; text: string; span: Span };
const OPS: Record<string, '>=' | '>' | '<=' | '<' | '==' | '!='> = { '>=': '>=', '≥': '>=', '>': '>', '<=': '<=', '≤': '<=', '<': '<', '==': '==', '=': '==', '!=': '!=' };
const CJK_WORDS = [CONDITION_WORDS, STATE_WORDS, TONE_WORDS, CATEGORY_WORDS]
  .flatMap((t) => Object.keys(t))
  .filter((w) => /[^\x00-\x7f]/.test(w))
  .sort((a, b) => b.length - a.length);

class CondError extends Error {
  constructor(readonly detail: string, readonly span: Span) {
    super(detail);
  }
}

/** Parses `text` (starting at file offset `base`); reports `invalid_condition` and returns null on a syntax error. */
export function parseCondition(text: string, base: number, r: Reporter): CondAst | null {
  try {
    const toks = tokenize(text, base);
    if (toks.length === 0) throw new CondError('the condition is empty', { start: base, end: base + text.length });
    const p = new Parser(toks, { start: base + text.length, end: base + text.length });
    const ast = p.or();
    if (!p.done()) throw new CondError(`unexpected \`${p.peek()!.text}\``, p.peek()!.span);
    return ast;
  } catch (e) {
    if (!(e instanceof CondError)) throw e;
    r.report('invalid_condition', e.span, { detail: e.detail });
    return null;
  }
}

function tokenize(text: string, base: number): Tok[] {
  const toks: Tok[] = [];
  const re = /\s+|(>=|<=|==|!=|[><=≥≤])|([()（）])|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([^\x00-\x7f\s()（）≥≤]+)|(.)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const span = { start: base + m.index, end: base + m.index + m[0].length };
    if (m[1]) toks.push({ type: 'op', text: m[1], span });
    else if (m[2]) toks.push({ type: m[2] === '(' || m[2] === '（' ? '(' : ')', text: m[2], span });
    else if (m[3]) toks.push({ type: 'num', text: m[3], span });
    else if (m[4]) toks.push({ type: 'word', text: m[4], span });
    else if (m[5]) toks.push(...splitCjk(m[5], span.start));
    else if (m[6]) throw new CondError(`unexpected character \`${m[6]}\``, span);
  }
  return toks;
}

/** Splits a run like `违规威胁` into known keywords; unknown stretches stay together as one word. */
function splitCjk(run: string, start: number): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let pending = '';
  const flush = () => {
    if (pending) out.push({ type: 'word', text: pending, span: { start: start + i - pending.length, end: start + i } });
    pending = '';
  };
  while (i < run.length) {
    const w = CJK_WORDS.find((k) => run.startsWith(k, i));
    if (w) {
      flush();
      out.push({ type: 'word', text: w, span: { start: start + i, end: start + i + w.length } });
      i += w.length;
    } else {
      pending += run[i];
      i++;
    }
  }
  flush();
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[], private readonly endSpan: Span) {}

  done(): boolean {
    return this.i >= this.toks.length;
  }
  peek(): Tok | undefined {
    return this.toks[this.i];
  }
  private keyword(t: Tok | undefined): string | undefined {
    return t?.type === 'word' ? CONDITION_WORDS[t.text] ?? CONDITION_WORDS[t.text.toLowerCase()] : undefined;
  }
  private next(what: string): Tok {
    const t = this.toks[this.i++];
    if (!t) throw new CondError(`expected ${what} at the end`, this.endSpan);
    return t;
  }

  or(): CondAst {
    const parts = [this.and()];
    while (this.keyword(this.peek()) === 'or') {
      this.i++;
      parts.push(this.and());
    }
    return parts.length === 1 ? parts[0] : { kind: 'or', any: parts };
  }

  private and(): CondAst {
    const parts = [this.unary()];
    while (this.keyword(this.peek()) === 'and') {
      this.i++;
      parts.push(this.unary());
    }
    return parts.length === 1 ? parts[0] : { kind: 'and', all: parts };
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
    const value = (): RawValue => {
      const v = this.next(`a value after \`${t.text}\``);
      if (v.type !== 'word') throw new CondError(`expected a word after \`${t.text}\``, v.span);
      return { text: v.text, span: v.span };
    };
    if (kw === 'tone') return { kind: 'tone', value: value() };
    if (kw === 'finding') return { kind: 'finding', value: value() };
    if (kw === 'move') return { kind: 'move', word: value() };
    if (kw === 'complete') return { kind: 'complete' };
    if (kw === 'silence') return { kind: 'silence' };
    if (kw) throw new CondError(`\`${t.text}\` needs something before it`, t.span);
    const op = this.peek();
    if (op?.type === 'op') {
      this.i++;
      const num = this.next('a number');
      if (num.type !== 'num') throw new CondError(`expected a number after \`${op.text}\``, num.span);
      return { kind: 'state', var: { text: t.text, span: t.span }, op: OPS[op.text], value: Number(num.text) };
    }
    return { kind: 'word', word: { text: t.text, span: t.span } };
  }
}
