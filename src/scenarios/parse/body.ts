/**
 * Phase 1b: scan the Markdown body line by line. Structural lines (`##` headings, `key:` fields, `>` persona
 * lines, `- [good]` options, `- if … →` branches) become a `RawBody` with spans; everything else is prose
 * (the briefing before the first node, trainer notes inside nodes). `marked` is used later, only to render prose.
 * Which words are keywords comes from the one table in keywords.ts.
 */
import { didYouMean } from '../../diagnostics/diagnostic.ts';
import { alternation, lookup, spellings } from '../keywords.ts';
import type { Reporter } from '../report.ts';
import { Raw, type RawBody, type RawNode, type RawOption } from './ast.ts';
import { parseCondition } from './condition.ts';
import { splitTail, trimmed } from './inline.ts';

const HEADING = /^##[ \t]+(.*?)[ \t]*(?:\{#([^}]*)\})?[ \t]*#*[ \t]*$/;
/** `key: value`; a key is ASCII letters or Chinese characters (the table decides whether it is a field). */
const FIELD = /^([A-Za-z_]+|[\u4e00-\u9fff]+)[ \t]*[:：][ \t]*(.*)$/;
const PERSONA_MOOD = /^>[ \t]*[[【]([^\]】]*)[\]】]/;
const LIST_ITEM = /^[-*+][ \t]/;
const OPTION = /^[[【][ \t]*([^\]】]*?)[ \t]*[\]】][ \t]*(.*)$/;
/** A branch keyword, then a space, an arrow, or any non-ASCII character (Chinese is written without spaces). */
const BRANCH_WORD = new RegExp(`^(?:${alternation('branch')})(?=[\\s\\-=]|[^\\x00-\\x7f]|$)`, 'i');
const FENCE = /^(```|~~~)/;
const LOWER_FIELD_KEYS = spellings('field').filter((k) => /^[a-z]/.test(k));

type Mode = 'options' | 'branches' | null;

/** One line of the body: `raw` without its line end, its file offset, and its 1-based number. */
interface Line {
  raw: string;
  base: number;
  no: number;
}

/** Scans the body starting at `offset` (just after the front matter); reports syntax problems on `r`. */
export function parseBody(source: string, offset: number, r: Reporter, firstLine: number): RawBody {
  const briefing: string[] = [];
  const nodes: RawNode[] = [];
  let node: RawNode | null = null;
  let mode: Mode = null;
  let inComment = false;
  let inFence = false;
  for (const line of linesOf(source, offset, firstLine)) {
    const { raw } = line;
    const text = raw.trim();
    if (inComment) {
      if (raw.includes('-->')) inComment = false;
      continue;
    }
    if (text.startsWith('<!--')) {
      inComment = !text.includes('-->');
      continue;
    }
    const fence = FENCE.test(text);
    if (fence) inFence = !inFence;
    if (inFence || fence) {
      (node ? node.notes : briefing).push(raw);
      continue;
    }
    const heading = HEADING.exec(raw);
    if (heading) {
      node = startNode(heading, line, r);
      nodes.push(node);
      mode = null;
      continue;
    }
    if (!node) {
      briefing.push(raw);
      continue;
    }
    if (!text) continue;
    // Offset of the trimmed line in the file.
    const at = line.base + raw.indexOf(text);
    if (text.startsWith('>')) {
      node.lines.push(readPersonaLine(text, at, line.no));
      continue;
    }
    const field = FIELD.exec(text);
    const key = field ? lookup('field', field[1]) : undefined;
    const lastOption = node.options.at(-1);
    // An indented `feedback:` belongs to the option above it.
    if (key === 'feedback' && mode === 'options' && lastOption && at - line.base >= 2) {
      lastOption.feedback = trimmed(field![2], at + text.length - field![2].length);
      continue;
    }
    if (LIST_ITEM.test(text)) {
      const item = text.slice(2).trimStart();
      if (!readListItem(node, item, at + text.length - item.length, mode, line.no, r)) node.notes.push(raw);
      continue;
    }
    if (field && key && key !== 'feedback') {
      if (key === 'options' || key === 'branches') {
        mode = key;
        continue;
      }
      mode = null;
      if (node.fields[key]) r.report('duplicate_field', { start: at, end: at + field[1].length }, { field: key });
      node.fields[key] = trimmed(field[2], at + text.length - field[2].length);
      if (key === 'model') node.modelLine = line.no;
      continue;
    }
    if (field && !key && /^[a-z_]+$/.test(field[1])) {
      const suggestion = didYouMean(field[1], LOWER_FIELD_KEYS);
      if (suggestion)
        r.report('unknown_field', { start: at, end: at + field[1].length }, { field: field[1], suggestion });
    }
    node.notes.push(raw);
  }
  return { briefing: briefing.join('\n').trim(), nodes };
}

/** The lines from `offset` on, each without its `\n` and one trailing `\r`. */
function* linesOf(source: string, offset: number, firstLine: number): Generator<Line> {
  let no = firstLine;
  for (let base = offset; base <= source.length; no++) {
    const nl = source.indexOf('\n', base);
    const end = nl < 0 ? source.length : nl;
    const raw = source.slice(base, end);
    yield { raw: raw.endsWith('\r') ? raw.slice(0, -1) : raw, base, no };
    base = end + 1;
  }
}

/** The node of a `##` heading line. */
function startNode(m: RegExpExecArray, line: Line, r: Reporter): RawNode {
  const title = m[1].trim();
  const explicit = m[2] !== undefined;
  const written = explicit ? m[2] : title;
  const id = written.trim();
  const idAt = line.base + Math.max(0, explicit ? line.raw.lastIndexOf('{#') + 2 : line.raw.indexOf(title));
  const idSpan = { start: idAt, end: idAt + written.length };
  if (!/^[\p{L}\p{N}_-]+$/u.test(id)) r.report('invalid_node_id', idSpan, { value: written });
  const heading = { start: line.base, end: line.base + line.raw.length };
  return {
    id,
    idSpan,
    title,
    heading,
    line: line.no,
    fields: {},
    modelLine: 0,
    lines: [],
    options: [],
    branches: [],
    notes: [],
  };
}

/** `> [mood] text` (the trimmed line `text` at file offset `at`). */
function readPersonaLine(text: string, at: number, line: number): RawNode['lines'][number] {
  const m = PERSONA_MOOD.exec(text);
  if (!m) return { mood: null, text: trimmed(text.slice(1), at + 1), line };
  const tagAt = at + text.indexOf(m[1], 1);
  return {
    mood: new Raw(m[1].trim(), tagAt, tagAt + m[1].length),
    text: trimmed(text.slice(m[0].length), at + m[0].length),
    line,
  };
}

/** Reads the list item `item` (after `- `, at file offset `at`) as an option or a branch; false when it is prose. */
function readListItem(node: RawNode, item: string, at: number, mode: Mode, line: number, r: Reporter): boolean {
  const start = at - 2;
  const end = at + item.length;
  const option = OPTION.exec(item);
  if (option) {
    readOption(node, option, at, start, line, r);
    return true;
  }
  const word = BRANCH_WORD.exec(item)?.[0];
  if (word) {
    const isElse = lookup('branch', word) === 'else';
    const tail = splitTail(item.slice(word.length), at + word.length, r);
    if (tail.error)
      r.report('invalid_branch', tail.error, {
        detail: tail.error.detail,
        reason: tail.error.reason,
        value: tail.error.value,
      });
    else if (!tail.target)
      r.report('invalid_branch', { start, end }, { detail: 'there is no `→ node-id`', reason: 'branch_no_target' });
    else if (isElse && tail.head.text)
      r.report('invalid_branch', tail.head, { detail: '`else` takes no condition', reason: 'else_with_condition' });
    else if (!isElse && !tail.head.text)
      r.report('invalid_branch', { start, end }, { detail: '`if` needs a condition', reason: 'if_without_condition' });
    else {
      const when = isElse ? null : parseCondition(tail.head.text, tail.head.start, r);
      if (isElse || when) node.branches.push({ when, target: tail.target, effects: tail.effects, start, end, line });
    }
    return true;
  }
  if (mode === 'branches')
    r.report(
      'invalid_branch',
      { start, end },
      { detail: 'a branch starts with `if` or `else` (若 / 否则)', reason: 'branch_start' },
    );
  else if (mode === 'options')
    r.report(
      'invalid_option',
      { start, end },
      { detail: 'an option starts with its quality, e.g. `[good]`', reason: 'option_start' },
    );
  return mode !== null;
}

/** `[quality] text → target {effects}`, matched by `OPTION` on the item at file offset `at`. */
function readOption(node: RawNode, m: RegExpExecArray, at: number, start: number, line: number, r: Reporter): void {
  const end = at + m[0].length;
  const restAt = end - m[2].length;
  const quality = lookup('quality', m[1]);
  const tail = splitTail(m[2], restAt, r);
  if (!quality) {
    const suggestion = didYouMean(m[1], ['good', 'ok', 'bad']);
    const detail = `unknown quality \`[${m[1]}]\`` + (suggestion ? ` (did you mean [${suggestion}]?)` : '');
    r.report(
      'invalid_option',
      { start: at, end: restAt },
      { detail, reason: 'unknown_quality', value: m[1], quality: suggestion },
    );
  } else if (tail.error)
    r.report('invalid_option', tail.error, {
      detail: tail.error.detail,
      reason: tail.error.reason,
      value: tail.error.value,
    });
  else if (!tail.head.text)
    r.report('invalid_option', { start, end }, { detail: 'the option has no text', reason: 'option_no_text' });
  else {
    const option: RawOption = {
      quality,
      text: tail.head,
      target: tail.target,
      effects: tail.effects,
      feedback: null,
      start,
      end,
      line,
    };
    node.options.push(option);
  }
}
