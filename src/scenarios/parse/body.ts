/**
 * Phase 1b: scan the Markdown body line by line. Structural lines (`##` headings, `key:` fields, `>` persona
 * lines, `- [good]` options, `- if … →` branches) become a `RawBody` with spans; everything else is prose
 * (the briefing before the first node, trainer notes inside nodes). `marked` is used later, only to render prose.
 * Lines are read as offsets into the source (see scan.ts): only kept values and prose lines are sliced.
 */
import { didYouMean } from '../../diagnostics/diagnostic.ts';
import { FIELD_KEYS, FIELD_KEY_INDEX, MOOD_INDEX, QUALITY_INDEX, STAGE_INDEX } from '../keywords.ts';
import type { Reporter } from '../report.ts';
import { Raw, type RawBody, type RawBranch, type RawNode, type RawOption, type RawPersonaLine } from './ast.ts';
import { ConditionCache } from './condition.ts';
import { heading, readHeading } from './heading.ts';
import { EffectCache, splitTail } from './inline.ts';
import { fieldKeyEnd, hasBreakWithinLines, hasLineBreak, indexIn, isBlank, isSpaceCode, rawAt, scanField, skipSpace } from './scan.ts';

const LOWER_FIELD_KEYS = Object.keys(FIELD_KEYS).filter((k) => /^[a-z]/.test(k));

/** Scans the body starting at `offset` (just after the front matter); reports syntax problems on `r`. */
export function parseBody(source: string, offset: number, r: Reporter, firstLine: number): RawBody {
  const briefing: string[] = [];
  const nodes: RawNode[] = [];
  let node: RawNode | null = null;
  const lists = new Lists();
  const script: Script = { conditions: new ConditionCache(), effects: new EffectCache(), breaksInLines: hasBreakWithinLines(source, offset) };
  let mode: 'options' | 'branches' | null = null;
  let inComment = false;
  let inFence = false;
  let lineNo = firstLine - 1;
  let pos = offset;
  while (pos <= source.length) {
    const nl = source.indexOf('\n', pos);
    const base = pos;
    // The line without its newline and one trailing \r: `raw` in the comments below.
    let lineEnd = nl < 0 ? source.length : nl;
    pos = lineEnd + 1;
    lineNo++;
    if (lineEnd > base && source.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    // The trimmed line (`text`): [at, end).
    const at = skipSpace(source, base, lineEnd);
    let end = lineEnd;
    while (end > at && isSpaceCode(source.charCodeAt(end - 1))) end--;
    const first = at < end ? source.charCodeAt(at) : -1;
    if (inComment) {
      if (source.slice(base, lineEnd).includes('-->')) inComment = false;
      continue;
    }
    if (first === 60 /* < */ && source.startsWith('<!--', at)) {
      inComment = !source.slice(at, end).includes('-->');
      continue;
    }
    const fence = (first === 96 || first === 126) && end - at >= 3 && (source.startsWith('```', at) || source.startsWith('~~~', at));
    if (fence) inFence = !inFence;
    if (inFence || fence) {
      (node ? node.notes : briefing).push(source.slice(base, lineEnd));
      continue;
    }
    if (first === 35 /* # */ && source.startsWith('##', base) && readHeading(source, base, lineEnd)) {
      if (node) lists.finish(node);
      node = startNode(source, base, lineEnd, lineNo, r);
      nodes.push(node);
      mode = null;
      continue;
    }
    if (!node) {
      briefing.push(source.slice(base, lineEnd));
      continue;
    }
    if (at === end) continue;
    if (first === 62 /* > */) {
      readPersonaLine(lists, source, at, end, lineNo);
      continue;
    }
    const lastOption = lists.lastOption();
    if (at - base >= 2 && lastOption && mode === 'options') {
      const valueAt = scanField(source, at, end, script.breaksInLines);
      if (valueAt >= 0 && FIELD_KEY_INDEX.lookupAt(source, at, fieldKeyEnd) === 'feedback') {
        lastOption.feedback = rawAt(source, valueAt, end);
        continue;
      }
    }
    if ((first === 45 || first === 42 || first === 43) && end - at >= 2 && isBlank(source.charCodeAt(at + 1))) {
      const handled = readListItem(lists, script, source, skipSpace(source, at + 2, end), end, mode, lineNo, r);
      if (!handled) node.notes.push(source.slice(base, lineEnd));
      continue;
    }
    const valueAt = scanField(source, at, end, script.breaksInLines);
    const key = valueAt >= 0 ? FIELD_KEY_INDEX.lookupAt(source, at, fieldKeyEnd) : undefined;
    if (key && key !== 'feedback') {
      if (key === 'options' || key === 'branches') {
        mode = key;
        continue;
      }
      mode = null;
      if (node.fields[key]) r.report('duplicate_field', { start: at, end: fieldKeyEnd }, { field: key });
      node.fields[key] = rawAt(source, valueAt, end, key === 'stage' ? STAGE_INDEX : undefined);
      if (key === 'model') node.modelLine = lineNo;
      continue;
    }
    // The key is sliced only when it is not a field name (for the suggestion).
    const name = valueAt >= 0 && !key ? source.slice(at, fieldKeyEnd) : '';
    if (valueAt >= 0 && !key && /^[a-z_]+$/.test(name)) {
      const suggestion = didYouMean(name, LOWER_FIELD_KEYS);
      if (suggestion) r.report('unknown_field', { start: at, end: at + name.length }, { field: name, suggestion });
    }
    node.notes.push(source.slice(base, lineEnd));
  }
  if (node) lists.finish(node);
  return { briefing: briefing.join('\n').trim(), nodes, reused: { conditions: script.conditions.reused, effects: script.effects.reused } };
}

/** What reading every line of one script shares. */
interface Script {
  /** Conditions and effect lists, each read once per distinct text. */
  conditions: ConditionCache;
  effects: EffectCache;
  /** Whether any line holds a character regex `.` does not match (see `hasBreakWithinLines`). */
  breaksInLines: boolean;
}

/** The empty lists a node starts with until `Lists.finish` gives it its own (shared, never written). */
const NONE: never[] = [];

/**
 * The persona lines, options and branches of the node being read, in arrays reused from node to node; `finish`
 * copies them into the node at their exact size (arrays grown by push get 17 slots for a node's two or three items,
 * and they live, and are copied by the garbage collector, for the whole compile).
 */
class Lists {
  private readonly lines: RawPersonaLine[] = [];
  private readonly options: RawOption[] = [];
  private readonly branches: RawBranch[] = [];
  private nLines = 0;
  private nOptions = 0;
  private nBranches = 0;

  line(l: RawPersonaLine): void {
    this.lines[this.nLines++] = l;
  }
  option(o: RawOption): void {
    this.options[this.nOptions++] = o;
  }
  branch(b: RawBranch): void {
    this.branches[this.nBranches++] = b;
  }
  lastOption(): RawOption | undefined {
    return this.nOptions > 0 ? this.options[this.nOptions - 1] : undefined;
  }
  /** Gives `node` its lists and starts empty for the next node. */
  finish(node: RawNode): void {
    node.lines = this.lines.slice(0, this.nLines);
    node.options = this.options.slice(0, this.nOptions);
    node.branches = this.branches.slice(0, this.nBranches);
    this.nLines = this.nOptions = this.nBranches = 0;
  }
}

/** The node of the heading line `[base, lineEnd)` that `readHeading` just matched. */
function startNode(source: string, base: number, lineEnd: number, line: number, r: Reporter): RawNode {
  const title = source.slice(heading.titleStart, heading.titleEnd).trim();
  const explicit = heading.idStart >= 0;
  const written = explicit ? source.slice(heading.idStart, heading.idEnd) : title;
  const id = written.trim();
  // Searched within the line, as on a copy of it: the last `{#`, or the title's first occurrence.
  const idAt = explicit ? source.lastIndexOf('{#', lineEnd - 2) - base + 2 : source.indexOf(title, base) - base;
  const idSpan = { start: base + Math.max(0, idAt), end: base + Math.max(0, idAt) + written.length };
  if (!/^[\p{L}\p{N}_-]+$/u.test(id)) r.report('invalid_node_id', idSpan, { value: written });
  return { id, idSpan, title, heading: { start: base, end: lineEnd }, line, fields: {}, modelLine: 0, lines: NONE, options: NONE, branches: NONE, notes: [] };
}

/** `> [mood] text` on the trimmed line `[at, end)`; the tag is `^[ \t]*[[【]([^\]】]*)[\]】]` after the `>`. */
function readPersonaLine(node: Lists, source: string, at: number, end: number, line: number): void {
  let i = at + 1;
  while (i < end && isBlank(source.charCodeAt(i))) i++;
  const open = source.charCodeAt(i);
  const close = i < end && (open === 0x5b || open === 0x3010) ? closingBracket(source, i + 1, end) : -1;
  if (close < 0) {
    node.line({ mood: null, text: rawAt(source, at + 1, end), line });
    return;
  }
  // A mood written as listed reuses the table's string (same text as a slice).
  const tag = MOOD_INDEX.keyAt(source, i + 1, close) ?? source.slice(i + 1, close);
  // As before: the mood's span starts at the tag text's first occurrence after the `>`.
  const tagAt = source.indexOf(tag, at + 1);
  node.line({ mood: new Raw(tag.trim(), tagAt, tagAt + tag.length), text: rawAt(source, close + 1, end), line });
}

/** First `]` or `】` in `[from, to)`, else -1. */
function closingBracket(source: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5d || c === 0x3011) return i;
  }
  return -1;
}

/** Reads the list item `[at, end)` (after `- `) as an option or a branch; false when it is ordinary prose. */
function readListItem(node: Lists, script: Script, source: string, at: number, end: number, mode: 'options' | 'branches' | null, line: number, r: Reporter): boolean {
  const start = at - 2;
  const open = source.charCodeAt(at);
  if (at < end && (open === 0x5b || open === 0x3010) && readOption(node, script, source, at, end, start, line, r)) return true;
  const word = branchWord(source, at, end);
  if (word) {
    const isElse = word.kind === 'else';
    const tail = splitTail(source, at + word.length, end, r, script.effects);
    if (tail.error) r.report('invalid_branch', tail.error, { detail: tail.error.detail });
    else if (!tail.target) r.report('invalid_branch', { start, end }, { detail: 'there is no `→ node-id`' });
    else if (isElse && tail.headEnd > tail.headStart) r.report('invalid_branch', { start: tail.headStart, end: tail.headEnd }, { detail: '`else` takes no condition' });
    else if (!isElse && tail.headEnd === tail.headStart) r.report('invalid_branch', { start, end }, { detail: '`if` needs a condition' });
    else {
      const when = isElse ? null : script.conditions.parse(source, tail.headStart, tail.headEnd, r);
      const whenShared = !isElse && script.conditions.shared;
      if (isElse || when) node.branch({ when, whenShared, whenStart: tail.headStart, whenEnd: tail.headEnd, target: tail.target, effects: tail.effects, start, end, line });
    }
    return true;
  }
  if (mode === 'branches') {
    r.report('invalid_branch', { start, end }, { detail: 'a branch starts with `if` or `else` (若 / 否则)' });
    return true;
  }
  if (mode === 'options') {
    r.report('invalid_option', { start, end }, { detail: 'an option starts with its quality, e.g. `[good]`' });
    return true;
  }
  return false;
}

/** `[quality] text → target {effects}`, as `^[[【][ \t]*([^\]】]*?)[ \t]*[\]】][ \t]*(.*)$`; false when it does not match. */
function readOption(node: Lists, script: Script, source: string, at: number, end: number, start: number, line: number, r: Reporter): boolean {
  let from = at + 1;
  while (from < end && isBlank(source.charCodeAt(from))) from++;
  const close = closingBracket(source, from, end);
  if (close < 0) return false;
  let to = close;
  while (to > from && isBlank(source.charCodeAt(to - 1))) to--;
  let restAt = close + 1;
  while (restAt < end && isBlank(source.charCodeAt(restAt))) restAt++;
  if (script.breaksInLines && hasLineBreak(source, restAt, end)) return false;
  const quality = QUALITY_INDEX.lookupAt(source, from, to);
  const tail = splitTail(source, restAt, end, r, script.effects);
  if (!quality) {
    const written = source.slice(from, to);
    const suggestion = didYouMean(written, ['good', 'ok', 'bad']);
    r.report('invalid_option', { start: at, end: restAt }, { detail: `unknown quality \`[${written}]\`` + (suggestion ? ` (did you mean [${suggestion}]?)` : '') });
  } else if (tail.error) r.report('invalid_option', tail.error, { detail: tail.error.detail });
  else if (tail.headEnd === tail.headStart) r.report('invalid_option', { start, end }, { detail: 'the option has no text' });
  else node.option({ quality, text: new Raw(source.slice(tail.headStart, tail.headEnd), tail.headStart, tail.headEnd), target: tail.target, effects: tail.effects, feedback: null, start, end, line });
  return true;
}

interface BranchWord {
  kind: 'if' | 'else';
  length: number;
}
const IF: BranchWord = { kind: 'if', length: 2 };
const ELSE: BranchWord = { kind: 'else', length: 4 };
const RUO: BranchWord = { kind: 'if', length: 1 }; // 若
const RUGUO: BranchWord = { kind: 'if', length: 2 }; // 如果
const FOUZE: BranchWord = { kind: 'else', length: 2 }; // 否则

/** The branch keyword at `at`, as `^(if|else|若|如果|否则)(?=[\s→\-=]|[^\x00-\x7f]|$)` with ASCII case folding. */
function branchWord(source: string, at: number, end: number): BranchWord | undefined {
  const c = source.charCodeAt(at);
  let w: BranchWord | undefined;
  if (lower(source, at) === 0x69 && lower(source, at + 1) === 0x66) w = IF;
  else if (lower(source, at) === 0x65 && lower(source, at + 1) === 0x6c && lower(source, at + 2) === 0x73 && lower(source, at + 3) === 0x65) w = ELSE;
  else if (c === 0x82e5) w = RUO;
  else if (c === 0x5982 && source.charCodeAt(at + 1) === 0x679c) w = RUGUO;
  else if (c === 0x5426 && source.charCodeAt(at + 1) === 0x5219) w = FOUZE;
  if (!w || at + w.length > end) return undefined;
  const next = at + w.length;
  if (next === end) return w;
  const n = source.charCodeAt(next);
  return n > 0x7f || isSpaceCode(n) || n === 0x2d || n === 0x3d ? w : undefined;
}

/** The code unit at `i` with the ASCII case bit set: equals a lower-case letter's code only for that letter in either case. */
function lower(source: string, i: number): number {
  return source.charCodeAt(i) | 0x20;
}
