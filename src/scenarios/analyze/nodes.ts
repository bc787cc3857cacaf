/**
 * Phase 2b: turn each raw `##` section into a typed node — stage and party (inherited from the previous node when
 * left out), persona lines, model answer, options, branches, effects and ending — reporting what is missing or unknown.
 */
import { didYouMean } from '../../diagnostics/diagnostic.ts';
import { RELATIONS, type Relation } from '../../scoring/types.ts';
import {
  CALL_STAGES,
  MOODS,
  type CallStage,
  type CustomerCard,
  type Effect,
  type HiddenFacts,
  type Mood,
  type ScenarioNode,
} from '../ir.ts';
import { lookup } from '../keywords.ts';
import {
  Raw,
  type RawBranch,
  type RawEffect,
  type RawNode,
  type RawOption,
  type RawPersonaLine,
  type RawValue,
} from '../parse/ast.ts';
import { parseEffects } from '../parse/inline.ts';
import type { Reporter } from '../report.ts';
import { readEnding } from './ending.ts';
import { resolveCondition, resolveEffects } from './resolve.ts';

export interface NodeContext {
  moves: ReadonlySet<string> | null;
  /** Move and element ids `expect:` may name; null = no check. */
  expectable: ReadonlySet<string> | null;
  card: CustomerCard;
  hidden: HiddenFacts;
}

/** Typed nodes in source order (ids unchecked for uniqueness here; see graph). */
export function readNodes(raw: RawNode[], ctx: NodeContext, r: Reporter): ScenarioNode[] {
  let stage: CallStage = 'opening';
  let party: { party: ScenarioNode['party']; relation: Relation | null } = { party: 'debtor', relation: null };
  const env: Env = { ctx, r };
  return raw.map((n) => {
    stage = readStage(n.fields.stage, r) ?? stage;
    party = readParty(n.fields.party, r) ?? party;
    const end = n.fields.end ? readEnding(n.fields.end, ctx.card, r) : null;
    if (end && n.branches.length)
      r.report('invalid_ending', n.branches[0], {
        detail: 'an ending cannot have branches',
        fix: 'Remove the branches or the `end:` line.',
        reason: 'ending_with_branches',
      });
    if (end) {
      for (const o of n.options) {
        if (o.target)
          r.report('invalid_ending', o.target.span, {
            detail: 'an option in an ending cannot lead anywhere',
            fix: 'Remove `→ target`; the call ends here.',
            reason: 'ending_option_target',
          });
      }
    }
    checkContent(n, end !== null || !!n.fields.end, r);
    return {
      id: n.id,
      title: n.title,
      line: n.line,
      stage,
      party: party.party,
      relation: party.relation,
      verifies: readYesNo(n.fields.verifies, 'verifies', r),
      verified: false,
      disclosure_given: false,
      cease: readYesNo(n.fields.cease, 'cease', r),
      cease_requested: false,
      reveals: readReveals(n.fields.reveals, ctx.hidden, r),
      effects: n.fields.effects
        ? resolveEffects(parseEffects(n.fields.effects.text, n.fields.effects.span.start, r), r)
        : [],
      lines: n.lines.map(toLine, env),
      expect: readExpect(n.fields.expect, ctx.expectable, r),
      model: n.fields.model ? { text: n.fields.model.text, why: n.fields.why?.text ?? '', line: n.modelLine } : null,
      options: n.options.map(toOption, env),
      branches: n.branches.map(toBranch, env),
      end,
      notes: n.notes.join('\n').trim(),
      notes_html: '',
    };
  });
}

/** What the per-item mappers need, passed as `map`'s this-argument. */
interface Env {
  ctx: NodeContext;
  r: Reporter;
}

/** No effects: one IR list for every branch and option without any (IR lists are only ever read). */
const NO_EFFECTS: Effect[] = [];

function effectsOf(env: Env, raw: RawEffect[]): Effect[] {
  return raw.length === 0 ? NO_EFFECTS : resolveEffects(raw, env.r);
}

function toLine(this: Env, l: RawPersonaLine): ScenarioNode['lines'][number] {
  return { mood: readMood(l.mood, this.r), text: l.text.text, line: l.line };
}

function toOption(this: Env, o: RawOption): ScenarioNode['options'][number] {
  return {
    text: o.text.text,
    quality: o.quality as 'good' | 'ok' | 'bad',
    feedback: o.feedback?.text ?? '',
    next: o.target?.text ?? null,
    effects: effectsOf(this, o.effects),
    line: o.line,
  };
}

function toBranch(this: Env, b: RawBranch): ScenarioNode['branches'][number] {
  return {
    when: b.when ? resolveCondition(b.when, this.ctx, this.r) : null,
    target: b.target.text,
    effects: effectsOf(this, b.effects),
    line: b.line,
  };
}

function checkContent(n: RawNode, isEnding: boolean, r: Reporter): void {
  if (n.lines.length === 0) r.report('missing_persona_line', n.heading, { id: n.id });
  else if (n.lines.every((l) => l.mood && lookup('mood', l.mood.text) !== 'calm'))
    r.report('missing_calm_line', n.heading, { id: n.id });
  if (!isEnding && !n.fields.model) r.report('missing_model_answer', n.heading, { id: n.id });
  if (n.fields.model && !n.fields.why?.text) r.report('missing_why', n.fields.model.span);
  for (const o of n.options) if (!o.feedback?.text) r.report('missing_feedback', o);
  const fallback = n.branches.findIndex((b) => b.when === null);
  if (!isEnding && fallback < 0) r.report('missing_fallback', n.heading, { id: n.id });
  if (fallback >= 0)
    for (let i = fallback + 1; i < n.branches.length; i++) r.report('branch_after_fallback', n.branches[i]);
}

function readStage(v: RawValue | undefined, r: Reporter): CallStage | null {
  if (!v) return null;
  const s = lookup('stage', v.text);
  if (s) return s as CallStage;
  r.report('unknown_stage', v.span, {
    value: v.text,
    suggestion: didYouMean(v.text, CALL_STAGES),
    expected: CALL_STAGES.join(', '),
  });
  return null;
}

function readParty(
  v: RawValue | undefined,
  r: Reporter,
): { party: ScenarioNode['party']; relation: Relation | null } | null {
  if (!v) return null;
  const word = v.text
    .replace(/^third_party\s*[/:(（]?\s*|^第三人\s*[/:(（]?\s*/, '')
    .replace(/[)）]$/, '')
    .trim();
  const p = lookup('party', word);
  if (p === 'debtor') return { party: 'debtor', relation: null };
  if (p) return { party: 'third_party', relation: p as Relation };
  r.report('unknown_party', v.span, {
    value: v.text,
    suggestion: didYouMean(word, ['debtor', ...RELATIONS]),
    expected: RELATIONS.join(', '),
  });
  return null;
}

function readYesNo(v: RawValue | undefined, field: string, r: Reporter): boolean {
  if (!v) return false;
  const flag = lookup('flag', v.text);
  if (flag === 'yes') return true;
  if (flag !== 'no') r.report('invalid_field', v.span, { field, value: v.text, expected: 'yes or no (是 / 否)' });
  return false;
}

function readMood(v: RawValue | null, r: Reporter): Mood {
  if (!v) return 'calm';
  const m = lookup('mood', v.text);
  if (m) return m as Mood;
  r.report('unknown_mood', v.span, { value: v.text, suggestion: didYouMean(v.text, MOODS) });
  return 'calm';
}

function readReveals(v: RawValue | undefined, hidden: HiddenFacts, r: Reporter): string[] {
  if (!v) return [];
  const known = ['real_reason', 'can_pay', ...Object.keys(hidden.extra), ...hidden.secret_words];
  const out: string[] = [];
  for (const item of listValues(v)) {
    if (known.includes(item.text)) out.push(item.text);
    else r.report('unknown_reveal', item.span, { value: item.text, suggestion: didYouMean(item.text, known) });
  }
  return out;
}

function readExpect(v: RawValue | undefined, known: ReadonlySet<string> | null, r: Reporter): string[] {
  // Without a vocabulary to check against, no item needs its span.
  if (!known) return splitList(v, itemText);
  const items = listValues(v);
  for (const item of items) {
    if (!known.has(item.text))
      r.report('unknown_element', item.span, { value: item.text, suggestion: didYouMean(item.text, known) });
  }
  return items.map((x) => x.text);
}

/** Splits a comma list (`,` `，` `、`) keeping each item's span; an item starts at a non-space and is trimmed. */
export function listValues(v: RawValue | undefined): RawValue[] {
  return splitList(v, itemRaw);
}

/** The items of a comma list, each made by `make` from its trimmed text and start offset. */
function splitList<T>(v: RawValue | undefined, make: (item: string, start: number) => T): T[] {
  if (!v) return [];
  // Items go to a reused scratch array and are copied out at their count (exact size, not 17 slots grown by push).
  const out = listScratch as T[];
  let count = 0;
  const t = v.text;
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (isComma(c) || /\s/.test(t[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < t.length && !isComma(t.charCodeAt(j))) j++;
    out[count++] = make(t.slice(i, j).trim(), v.span.start + i);
    i = j;
  }
  return out.slice(0, count);
}

const listScratch: unknown[] = [];
// Item makers for `splitList`, hoisted so a list costs no closure.
const itemText = (item: string): string => item;
const itemRaw = (item: string, start: number): RawValue => new Raw(item, start, start + item.length);

const isComma = (c: number) => c === 0x2c || c === 0xff0c || c === 0x3001;
