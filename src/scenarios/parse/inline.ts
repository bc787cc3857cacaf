/** Phase 1c helpers: the `→ target {effects}` tail shared by branches and options, and effect lists. */
import type { Reporter } from '../report.ts';
import type { RawEffect, RawValue } from './ast.ts';

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
  let body = text.replace(/\s+$/, '');
  const brace = /[{｛]([^{}｛｝]*)[}｝]$/.exec(body);
  if (brace) {
    effects = parseEffects(brace[1], base + brace.index + 1, r);
    body = body.slice(0, brace.index).replace(/\s+$/, '');
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
  const rest = body.slice(at + arrow.length);
  const m = /^(\s*)(\S+)\s*$/.exec(rest);
  const restStart = base + at + arrow.length;
  if (!m) {
    const detail = rest.trim() ? `expected one node id after the arrow, got \`${rest.trim()}\`` : 'no node id after the arrow';
    return { head, target: null, effects, error: { detail, start: restStart, end: base + body.length } };
  }
  const start = restStart + m[1].length;
  return { head, target: { text: m[2], span: { start, end: start + m[2].length } }, effects };
}

/** Parses `trust +10, irritation -5, patience = 20`; reports `invalid_effect` for items it cannot read. */
export function parseEffects(text: string, base: number, r: Reporter): RawEffect[] {
  const out: RawEffect[] = [];
  const re = /[^,，、;；]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const item = m[0];
    if (!item.trim()) continue;
    const lead = item.length - item.trimStart().length;
    const start = base + m.index + lead;
    const e = /^(\S+?)\s*(?:([+-])\s*(\d+(?:\.\d+)?)|[=＝]\s*(\d+(?:\.\d+)?))$/.exec(item.trim());
    if (!e) {
      r.report('invalid_effect', { start, end: start + item.trim().length }, { value: item.trim() });
      continue;
    }
    const var_ = { text: e[1], span: { start, end: start + e[1].length } };
    if (e[4] !== undefined) out.push({ var: var_, op: 'set', value: Number(e[4]) });
    else out.push({ var: var_, op: 'add', value: (e[2] === '-' ? -1 : 1) * Number(e[3]) });
  }
  return out;
}

/** `text` trimmed, with its span adjusted to the trimmed characters. */
export function trimmed(text: string, base: number): RawValue {
  const lead = text.length - text.trimStart().length;
  const t = text.trim();
  return { text: t, span: { start: base + lead, end: base + lead + t.length } };
}
