/**
 * Phase 1b: scan the Markdown body line by line. Structural lines (`##` headings, `key:` fields, `>` persona
 * lines, `- [good]` options, `- if … →` branches) become a `RawBody` with spans; everything else is prose
 * (the briefing before the first node, trainer notes inside nodes). `marked` is used later, only to render prose.
 */
import { didYouMean } from '../../diagnostics/diagnostic.ts';
import { BRANCH_ELSE, BRANCH_IF, FIELD_KEYS, QUALITY_WORDS, lookup } from '../keywords.ts';
import type { Reporter } from '../report.ts';
import type { RawBody, RawNode } from './ast.ts';
import { parseCondition } from './condition.ts';
import { splitTail, trimmed } from './inline.ts';

const HEADING = /^##[ \t]+(.*?)[ \t]*(?:\{#([^}]*)\})?[ \t]*#*[ \t]*$/;
const FIELD = /^([A-Za-z_]+|[\u4e00-\u9fff]+)[ \t]*[:：][ \t]*(.*)$/;
const OPTION = /^[[【][ \t]*([^\]】]*?)[ \t]*[\]】][ \t]*(.*)$/;

/** Scans the body starting at `offset` (just after the front matter); reports syntax problems on `r`. */
export function parseBody(source: string, offset: number, r: Reporter, firstLine: number): RawBody {
  const briefing: string[] = [];
  const nodes: RawNode[] = [];
  let node: RawNode | null = null;
  let mode: 'options' | 'branches' | null = null;
  let inComment = false;
  let inFence = false;
  let lineNo = firstLine - 1;
  let pos = offset;
  while (pos <= source.length) {
    const nl = source.indexOf('\n', pos);
    const lineEnd = nl < 0 ? source.length : nl;
    const raw = source.slice(pos, lineEnd).replace(/\r$/, '');
    const base = pos;
    pos = lineEnd + 1;
    lineNo++;
    const text = raw.trim();
    const first = text.charCodeAt(0);
    if (inComment) {
      if (raw.includes('-->')) inComment = false;
      continue;
    }
    if (first === 60 /* < */ && text.startsWith('<!--')) {
      inComment = !text.includes('-->');
      continue;
    }
    const fence = (first === 96 || first === 126) && (text.startsWith('```') || text.startsWith('~~~'));
    if (fence) inFence = !inFence;
    if (inFence || fence) {
      (node ? node.notes : briefing).push(raw);
      continue;
    }
    const heading = first === 35 /* # */ && raw.startsWith('##') ? HEADING.exec(raw) : null;
    if (heading) {
      node = startNode(heading, raw, base, lineNo, r);
      nodes.push(node);
      mode = null;
      continue;
    }
    if (!node) {
      briefing.push(raw);
      continue;
    }
    const indent = raw.length - raw.trimStart().length;
    const at = base + indent;
    if (text === '') continue;
    if (first === 62 /* > */) {
      const body = text.slice(1);
      const tag = /^[ \t]*[[【]([^\]】]*)[\]】]/.exec(body);
      const lineText = tag ? body.slice(tag[0].length) : body;
      const textStart = at + 1 + (tag ? tag[0].length : 0);
      node.lines.push({
        mood: tag ? { text: tag[1].trim(), span: { start: at + 1 + tag[0].indexOf(tag[1]), end: at + 1 + tag[0].indexOf(tag[1]) + tag[1].length } } : null,
        text: trimmed(lineText, textStart),
      });
      continue;
    }
    const lastOption = node.options.at(-1);
    if (indent >= 2 && lastOption && mode === 'options') {
      const f = FIELD.exec(text);
      if (f && lookup(FIELD_KEYS, f[1]) === 'feedback') {
        lastOption.feedback = trimmed(f[2], at + text.length - f[2].length);
        continue;
      }
    }
    if ((first === 45 || first === 42 || first === 43) && (text[1] === ' ' || text[1] === '\t')) {
      const item = text.slice(2);
      const itemAt = at + 2 + (item.length - item.trimStart().length);
      const handled = readListItem(node, item.trimStart(), itemAt, mode, r);
      if (!handled) node.notes.push(raw);
      continue;
    }
    const f = FIELD.exec(text);
    const key = f ? lookup(FIELD_KEYS, f[1]) : undefined;
    if (f && key && key !== 'feedback') {
      const valueStart = at + text.length - f[2].length;
      if (key === 'options' || key === 'branches') {
        mode = key;
        continue;
      }
      mode = null;
      if (node.fields[key]) r.report('duplicate_field', { start: at, end: at + f[1].length }, { field: key });
      node.fields[key] = trimmed(f[2], valueStart);
      continue;
    }
    if (f && !key && /^[a-z_]+$/.test(f[1]) && didYouMean(f[1], Object.keys(FIELD_KEYS).filter((k) => /^[a-z]/.test(k)))) {
      const suggestion = didYouMean(f[1], Object.keys(FIELD_KEYS).filter((k) => /^[a-z]/.test(k)));
      r.report('unknown_field', { start: at, end: at + f[1].length }, { field: f[1], suggestion });
    }
    node.notes.push(raw);
  }
  return { briefing: briefing.join('\n').trim(), nodes };
}

function startNode(m: RegExpExecArray, raw: string, base: number, line: number, r: Reporter): RawNode {
  const title = m[1].trim();
  const explicit = m[2] !== undefined;
  const id = (explicit ? m[2] : title).trim();
  const idAt = explicit ? raw.lastIndexOf('{#') + 2 : raw.indexOf(title);
  const idSpan = { start: base + Math.max(0, idAt), end: base + Math.max(0, idAt) + (explicit ? m[2].length : title.length) };
  if (!/^[\p{L}\p{N}_-]+$/u.test(id)) r.report('invalid_node_id', idSpan, { value: explicit ? m[2] : title });
  return { id, idSpan, title, heading: { start: base, end: base + raw.length }, line, fields: {}, lines: [], options: [], branches: [], notes: [] };
}

/** Reads a `- …` line as an option or a branch; false when it is ordinary prose. */
function readListItem(node: RawNode, item: string, at: number, mode: 'options' | 'branches' | null, r: Reporter): boolean {
  const span = { start: at - 2, end: at + item.length };
  const opt = OPTION.exec(item);
  if (opt) {
    const quality = lookup(QUALITY_WORDS, opt[1]);
    const restAt = at + item.length - opt[2].length;
    const tail = splitTail(opt[2], restAt, r);
    if (!quality) r.report('invalid_option', { start: at, end: restAt }, { detail: `unknown quality \`[${opt[1]}]\`` + (didYouMean(opt[1], ['good', 'ok', 'bad']) ? ` (did you mean [${didYouMean(opt[1], ['good', 'ok', 'bad'])}]?)` : '') });
    else if (tail.error) r.report('invalid_option', tail.error, { detail: tail.error.detail });
    else if (!tail.head.text) r.report('invalid_option', span, { detail: 'the option has no text' });
    else node.options.push({ quality: { text: quality, span: { start: at, end: restAt } }, text: tail.head, target: tail.target, effects: tail.effects, feedback: null, span });
    return true;
  }
  const word = /^(if|else|[\u82e5]|如果|否则)(?=[\s→\-=]|[^\x00-\x7f]|$)/i.exec(item);
  if (word && (BRANCH_IF.includes(word[1].toLowerCase()) || BRANCH_ELSE.includes(word[1].toLowerCase()))) {
    const isElse = BRANCH_ELSE.includes(word[1].toLowerCase());
    const tail = splitTail(item.slice(word[1].length), at + word[1].length, r);
    if (tail.error) r.report('invalid_branch', tail.error, { detail: tail.error.detail });
    else if (!tail.target) r.report('invalid_branch', span, { detail: 'there is no `→ node-id`' });
    else if (isElse && tail.head.text) r.report('invalid_branch', tail.head.span, { detail: '`else` takes no condition' });
    else if (!isElse && !tail.head.text) r.report('invalid_branch', span, { detail: '`if` needs a condition' });
    else {
      const when = isElse ? null : parseCondition(tail.head.text, tail.head.span.start, r);
      if (isElse || when) node.branches.push({ when, target: tail.target, effects: tail.effects, span });
    }
    return true;
  }
  if (mode === 'branches') {
    r.report('invalid_branch', span, { detail: 'a branch starts with `if` or `else` (若 / 否则)' });
    return true;
  }
  if (mode === 'options') {
    r.report('invalid_option', span, { detail: 'an option starts with its quality, e.g. `[good]`' });
    return true;
  }
  return false;
}
