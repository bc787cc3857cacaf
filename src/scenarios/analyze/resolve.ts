/** Phase 2b helpers: resolve raw conditions and effects into IR values, reporting unknown names. */
import { didYouMean } from '../../diagnostics/diagnostic.ts';
import { CATEGORIES, type Category } from '../../scoring/types.ts';
import type { Condition, Effect, StateVar, ToneLabel } from '../ir.ts';
import { lookup, spellings } from '../keywords.ts';
import type { CondAst, RawEffect, RawValue } from '../parse/ast.ts';
import type { Reporter } from '../report.ts';

/** Move ids, and move-or-element ids, known to the engine; null = no check. */
export interface Words {
  moves: ReadonlySet<string> | null;
  expectable: ReadonlySet<string> | null;
}

/** Resolves a condition; returns null (after reporting) when any name in it is unknown. */
export function resolveCondition(ast: CondAst, vocab: Words, r: Reporter): Condition | null {
  switch (ast.kind) {
    case 'and':
    case 'or': {
      // Every part is resolved (each reports its own unknown names) before a null fails the whole condition.
      const from = ast.kind === 'and' ? ast.all : ast.any;
      const parts = new Array<Condition>(from.length);
      let ok = true;
      for (let k = 0; k < from.length; k++) {
        const c = resolveCondition(from[k], vocab, r);
        if (c) parts[k] = c;
        else ok = false;
      }
      if (!ok) return null;
      return ast.kind === 'and' ? { kind: 'and', all: parts } : { kind: 'or', any: parts };
    }
    case 'not': {
      const inner = resolveCondition(ast.cond, vocab, r);
      return inner && { kind: 'not', cond: inner };
    }
    case 'complete':
      return { kind: 'elements_complete' };
    case 'silence':
      return { kind: 'silence' };
    case 'tone': {
      const tone = lookup('tone', ast.value.text);
      if (tone) return { kind: 'tone', tone: tone as ToneLabel };
      r.report('invalid_condition', ast.value.span, {
        detail: `unknown tone \`${ast.value.text}\` (use polite, neutral or rude)`,
        reason: 'unknown_tone',
        value: ast.value.text,
      });
      return null;
    }
    case 'finding': {
      const category = lookup('category', ast.value.text);
      if (category) return { kind: 'finding', category: category as Category };
      r.report('unknown_category', ast.value.span, {
        value: ast.value.text,
        suggestion: didYouMean(ast.value.text, CATEGORIES),
        expected: CATEGORIES.join(', '),
      });
      return null;
    }
    case 'state': {
      const v = resolveVar(ast.var, r);
      return v && { kind: 'state', var: v, op: ast.op, value: ast.value };
    }
    case 'word':
    case 'move': {
      const w = ast.word;
      if (ast.kind === 'word' && lookup('state', w.text)) {
        r.report('invalid_condition', w.span, {
          detail: `\`${w.text}\` needs a comparison, e.g. \`${w.text} >= 60\``,
          reason: 'needs_comparison',
          value: w.text,
        });
        return null;
      }
      const { moves, expectable } = vocab;
      if (moves && !moves.has(w.text)) {
        if (expectable?.has(w.text)) return { kind: 'element', element: w.text };
        r.report('unknown_move', w.span, { value: w.text, suggestion: didYouMean(w.text, expectable ?? moves) });
        return null;
      }
      return { kind: 'move', move: w.text };
    }
    default: {
      // The parser's own bug, never an author's: a tree kind this resolver does not know.
      const unknown: never = ast;
      throw new Error(`resolveCondition: unknown condition tree ${JSON.stringify((unknown as CondAst).kind)}`);
    }
  }
}

/** Resolves effects, dropping (after reporting) those naming an unknown state variable. */
export function resolveEffects(effects: RawEffect[], r: Reporter): Effect[] {
  // Most lists hold one effect: an exact-size array, not one grown by push (17 slots for one effect).
  if (effects.length === 1) {
    const e = effects[0];
    const v = resolveVar(e.var, r);
    return v ? [{ var: v, op: e.op, value: e.value }] : [];
  }
  const out: Effect[] = [];
  for (const e of effects) {
    const v = resolveVar(e.var, r);
    if (v) out.push({ var: v, op: e.op, value: e.value });
  }
  return out;
}

function resolveVar(word: RawValue, r: Reporter): StateVar | null {
  const v = lookup('state', word.text);
  if (v) return v as StateVar;
  r.report('unknown_state_var', word.span, { value: word.text, suggestion: didYouMean(word.text, spellings('state')) });
  return null;
}
