/**
 * The condition tokenizer. Keywords come from the keyword table; Chinese ones are split out of runs written without
 * spaces, e.g. `违规威胁` → `违规` `威胁`.
 */
import { lookup, spellings, type KeywordKind } from '../keywords.ts';
import type { Span } from '../report.ts';
import { Raw } from './ast.ts';

/** A token's type. */
export type TokType = 'word' | 'op' | 'num' | '(' | ')';

export interface Tok {
  type: TokType;
  text: string;
  /** File offsets. */
  start: number;
  end: number;
  /** The condition keyword a word stands for (`and`, `tone`…), if any. */
  kw: string | undefined;
}

/** A token as a value with its span (what the syntax tree keeps of a word). */
export const valueOf = (t: Tok): Raw => new Raw(t.text, t.start, t.end);

/** A condition that cannot be read: the English detail, and a stable `reason` code with its `value` for other languages. */
export class CondError extends Error {
  constructor(
    readonly detail: string,
    readonly span: Span,
    readonly reason: string,
    readonly value = '',
  ) {
    super(detail);
  }
}

/** Kinds whose Chinese spellings are split out of a run of Chinese text. */
const SPLIT_KINDS: KeywordKind[] = ['condition', 'state', 'tone', 'category'];
const CJK_KEYWORD = new RegExp(
  SPLIT_KINDS.flatMap(spellings)
    // Non-ASCII spellings: the range starts at NUL on purpose.
    // eslint-disable-next-line no-control-regex
    .filter((w) => /[^\x00-\x7f]/.test(w))
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'g',
);

/** One token at the sticky position; the groups say which kind (in this order, as the first that matches wins). */
const TOKEN =
  // eslint-disable-next-line no-control-regex -- `[^\x00-\x7f…]` is "any non-ASCII", starting at NUL on purpose
  /([ \t\u3000]+)|(>=|<=|==|!=|[><=≥≤])|([(（])|([)）])|(-?\d[\d.]*)|([A-Za-z_][A-Za-z0-9_]*)|([^\x00-\x7f≥≤（）\u3000]+)/y;

/** Tokenizes `text` (spans at file offset `base`); throws `CondError` on a stray character. */
export function tokenize(text: string, base: number): Tok[] {
  const toks: Tok[] = [];
  const push = (type: TokType, text: string, at: number) => {
    toks.push({
      type,
      text,
      start: base + at,
      end: base + at + text.length,
      kw: type === 'word' ? lookup('condition', text) : undefined,
    });
  };
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m)
      throw new CondError(
        `unexpected character \`${text[at]}\``,
        { start: base + at, end: base + at + 1 },
        'unexpected_character',
        text[at],
      );
    if (m[2]) push('op', m[2], at);
    else if (m[3]) push('(', m[3], at);
    else if (m[4]) push(')', m[4], at);
    else if (m[5]) push('num', m[5], at);
    else if (m[6]) push('word', m[6], at);
    else if (m[7]) splitCjk(m[7], at, push);
  }
  return toks;
}

/** Splits a run like `违规威胁` into known keywords; unknown stretches stay together as one word. */
function splitCjk(run: string, at: number, push: (type: TokType, value: string, at: number) => void): void {
  let from = 0;
  for (const m of run.matchAll(CJK_KEYWORD)) {
    if (from < m.index) push('word', run.slice(from, m.index), at + from);
    push('word', m[0], at + m.index);
    from = m.index + m[0].length;
  }
  if (from < run.length) push('word', run.slice(from), at + from);
}
