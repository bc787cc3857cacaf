/**
 * Phase 1c helpers: the `→ target {effects}` tail shared by branches and options, and effect lists. Each takes a
 * piece of a line and its file offset, so every value keeps its span.
 */
import type { Reporter } from '../report.ts';
import { Raw, RawEffectItem, type RawEffect } from './ast.ts';

export interface Tail {
  /** The text before the arrow (or before the effects when there is no arrow), trimmed. */
  head: Raw;
  target: Raw | null;
  effects: RawEffect[];
  /** Set when the tail cannot be read. */
  /** `reason` (with `value`) is the stable code of `detail`, for diagnostics in other languages. */
  error?: { detail: string; reason: string; value: string; start: number; end: number };
}

/** `text` (at file offset `base`) trimmed like `String.prototype.trim`, with the span of what is left. */
export function trimmed(text: string, base: number): Raw {
  const start = base + (text.length - text.trimStart().length);
  const t = text.trim();
  return new Raw(t, start, start + t.length);
}

/** A trailing `{effects}` block (`{` `}` or full-width `｛` `｝`). */
const EFFECTS = /[{｛]([^{｛]*)[}｝]\s*$/;

/** Splits `text` (at file offset `base`) into head, `→ target` (`->` and `=>` too) and a trailing `{effects}` block. */
export function splitTail(text: string, base: number, r: Reporter): Tail {
  let effects: RawEffect[] = [];
  let rest = text;
  const block = EFFECTS.exec(text);
  if (block) {
    effects = parseEffects(block[1], base + block.index + 1, r);
    rest = text.slice(0, block.index);
  }
  rest = rest.trimEnd();
  // The Unicode arrow wins wherever it is; then `->`, then `=>`.
  const arrow = ['→', '->', '=>'].map((a) => ({ at: rest.indexOf(a), length: a.length })).find((a) => a.at >= 0);
  if (!arrow) return { head: trimmed(rest, base), target: null, effects };
  const head = trimmed(rest.slice(0, arrow.at), base);
  const targetAt = base + arrow.at + arrow.length;
  const target = trimmed(rest.slice(arrow.at + arrow.length), targetAt);
  if (!target.text || /\s/.test(target.text)) {
    const detail = target.text
      ? `expected one node id after the arrow, got \`${target.text}\``
      : 'no node id after the arrow';
    const reason = target.text ? 'target_extra' : 'target_missing';
    return {
      head,
      target: null,
      effects,
      error: { detail, reason, value: target.text, start: targetAt, end: base + rest.length },
    };
  }
  return { head, target, effects };
}

/** One effect: `trust +10`, `irritation -5`, `patience = 20` (full-width `＝` too). */
const EFFECT = /^(\S+?)\s*(?:([+-])\s*(\d+(?:\.\d+)?)|[=＝]\s*(\d+(?:\.\d+)?))$/;
const SEPARATOR = /[,，、;；]/;

/** Parses a comma list of effects in `text` (at file offset `base`); reports `invalid_effect` for items it cannot read. */
export function parseEffects(text: string, base: number, r: Reporter): RawEffect[] {
  const out: RawEffect[] = [];
  let at = base;
  for (const part of text.split(SEPARATOR)) {
    const item = trimmed(part, at);
    at += part.length + 1;
    if (!item.text) continue;
    const m = EFFECT.exec(item.text);
    if (!m) {
      r.report('invalid_effect', item, { value: item.text });
      continue;
    }
    const value = m[4] !== undefined ? Number(m[4]) : (m[2] === '-' ? -1 : 1) * Number(m[3]);
    out.push(new RawEffectItem(m[1], item.start, item.start + m[1].length, m[4] !== undefined ? 'set' : 'add', value));
  }
  return out;
}
