/** Phase 1c helpers: the `→ target {effects}` tail shared by branches and options, and effect lists. */
import type { Reporter } from '../report.ts';
import { Raw, type RawEffect, type RawValue } from './ast.ts';

export interface Tail {
  /** Text before the arrow (or before the effects when there is no arrow), trimmed. */
  head: RawValue;
  target: RawValue | null;
  effects: RawEffect[];
  /** Set when the tail cannot be read. */
  error?: { detail: string; start: number; end: number };
}

const ARROWS = ['→', '->', '=>'];

/** Splits `text` (at file offset `base`) into head, `→ target` and a trailing `{effects}` block. */
export function splitTail(text: string, base: number, r: Reporter): Tail {
  let effects: RawEffect[] = [];
  let body = text.trimEnd();
  const last = body[body.length - 1];
  if (last === '}' || last === '｝') {
    const open = Math.max(body.lastIndexOf('{'), body.lastIndexOf('｛'));
    if (open >= 0) {
      effects = parseEffects(body.slice(open + 1, body.length - 1), base + open + 1, r);
      body = body.slice(0, open).trimEnd();
    }
  }
  let at = -1;
  let arrow = '';
  for (const a of ARROWS) {
    at = body.indexOf(a);
    if (at >= 0) {
      arrow = a;
      break;
    }
  }
  if (at < 0) return { head: trimmed(body, base), target: null, effects };
  const head = trimmed(body.slice(0, at), base);
  const restStart = base + at + arrow.length;
  const target = trimmed(body.slice(at + arrow.length), restStart);
  if (!target.text || /\s/.test(target.text)) {
    const detail = target.text ? `expected one node id after the arrow, got \`${target.text}\`` : 'no node id after the arrow';
    return { head, target: null, effects, error: { detail, start: restStart, end: base + body.length } };
  }
  return { head, target, effects };
}

/** Parses `trust +10, irritation -5, patience = 20`; reports `invalid_effect` for items it cannot read. */
export function parseEffects(text: string, base: number, r: Reporter): RawEffect[] {
  const out: RawEffect[] = [];
  let from = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !SEPARATORS.includes(text[i])) continue;
    const item = trimmed(text.slice(from, i), base + from);
    from = i + 1;
    if (!item.text) continue;
    const e = EFFECT.exec(item.text);
    if (!e) {
      r.report('invalid_effect', item.span, { value: item.text });
      continue;
    }
    const var_ = new Raw(e[1], item.span.start, item.span.start + e[1].length);
    if (e[4] !== undefined) out.push({ var: var_, op: 'set', value: Number(e[4]) });
    else out.push({ var: var_, op: 'add', value: (e[2] === '-' ? -1 : 1) * Number(e[3]) });
  }
  return out;
}

const SEPARATORS = ',，、;；';
const EFFECT = /^(\S+?)\s*(?:([+-])\s*(\d+(?:\.\d+)?)|[=＝]\s*(\d+(?:\.\d+)?))$/;

/** `text` trimmed, with its span adjusted to the trimmed characters. */
export function trimmed(text: string, base: number): RawValue {
  const lead = text.length - text.trimStart().length;
  const t = text.trim();
  return new Raw(t, base + lead, base + lead + t.length);
}
