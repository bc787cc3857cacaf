/**
 * In-character replies to lines the script has no answer for: the persona asks to repeat an empty or unclear line,
 * asks who is calling, answers an identity question, protests a threat, objects to a question it already answered,
 * or reacts to an off-script line — instead of reciting a scripted answer nobody asked for. The repertoire is data
 * (content/replies/*.yaml, resolved per scenario by its language and archetype, with per-node overrides); this module
 * only picks from it.
 */
import type { Mood, PersonaLine, Replies, ReplyIntent, ReplyLine, Scenario } from '../ir.ts';
import type { Signal } from './archetypes.ts';
import type { IdentifierKind, LineFacts } from './line.ts';
import { pickIndex } from './rng.ts';

export type { Replies, ReplyIntent, ReplyLine };

/** What the trainee said that replies may use: the caller's name and the call-back number or staff number left. */
export interface Slots {
  caller: string | null;
  callback: string | null;
  /** The persona's own answer to an identifier question (filled for the `identifier` reply only). */
  identifier?: string | null;
}

/** What the persona remembers of the call when it picks a reply. */
export interface ReplyMemory {
  /** Moves the trainee made on earlier turns. */
  earlier: readonly string[];
  /** Moves of the turn just before this one. */
  previous: readonly string[];
  /** The trainee has said who they are or where they call from. */
  identified: boolean;
  /** The persona has confirmed it is the cardholder (it answers identifier questions). */
  verified?: boolean;
}

const HARSH: readonly Signal[] = ['threat', 'insult', 'impersonation', 'rude'];
const IDENTITY = ['verify_identity', 'right_party_question'];
/** Moves a trainee asks with: repeating one already answered earns an objection. */
const QUESTION = /^(ask_|verify_identity$|right_party_question$|request_promise$)/;
/** Moves and elements by which the trainee says who is calling. */
export const IDENTIFYING = [
  'identify_self',
  'state_org',
  'institution',
  'surname',
  'staff_number',
  'disclose_collector',
];

/** Why the persona answers this line from its repertoire (the caller decides *whether* it does). */
export function intentOf(line: LineFacts, signals: readonly Signal[], memory: ReplyMemory): ReplyIntent {
  if (line.silence) return 'repeat';
  if (signals.some((s) => HARSH.includes(s))) return 'protest';
  if (!line.moves.length && !line.elements.length) return 'repeat';
  if (line.asksIdentifier && memory.verified) return 'identifier';
  const asked = line.moves.filter((m) => QUESTION.test(m));
  if (asked.length && asked.every((m) => memory.earlier.includes(m))) return 'already_answered';
  if (line.moves.some((m) => IDENTITY.includes(m)) || line.elements.includes('right_party_question')) return 'identity';
  if (!memory.identified) return 'ask_caller';
  return 'off_script';
}

/**
 * The reply for `intent` at `node`: the node's override, else the scenario's repertoire; an identity answer to a caller
 * who has not said who they are also asks who is calling. Drawn with the call's PRNG; null when the repertoire is empty.
 */
export function pickReply(
  replies: Replies | undefined,
  node: string,
  intent: ReplyIntent,
  memory: ReplyMemory,
  rng: number,
): { line: ReplyLine; rng: number } | null {
  const pool = (i: ReplyIntent) => replies?.nodes[node]?.intents[i] ?? replies?.intents[i] ?? [];
  const draw = (lines: ReplyLine[], state: number): [ReplyLine | null, number] => {
    if (!lines.length) return [null, state];
    const [k, next] = pickIndex(state, lines.length);
    return [lines[k], next];
  };
  const [first, r1] = draw(pool(intent), rng);
  if (!first) return null;
  if (intent !== 'identity' || memory.identified) return { line: first, rng: r1 };
  const [ask, r2] = draw(pool('ask_caller'), r1);
  return { line: ask ? { mood: first.mood ?? ask.mood, text: joinLines(first.text, ask.text) } : first, rng: r2 };
}

/** The override of a node's scripted line after a line that made one of its `after` moves or elements, if any. */
export function afterLine(
  replies: Replies | undefined,
  node: string,
  line: LineFacts,
  rng: number,
): { line: ReplyLine; rng: number } | null {
  const after = replies?.nodes[node]?.after ?? {};
  const key = Object.keys(after).find((k) => line.moves.includes(k) || line.elements.includes(k));
  if (!key || !after[key].length) return null;
  const [k, next] = pickIndex(rng, after[key].length);
  return { line: after[key][k], rng: next };
}

/**
 * What the cardholder answers when asked for an identifier: the script's own fact when the card or hidden facts hold
 * one (a key naming a birth date, ZIP or ID), else a plausible value fixed per scenario (a practice call checks that
 * the trainee asks, not what the customer answers).
 */
export function identifierOf(
  scenario: Pick<Scenario, 'id' | 'lang' | 'card' | 'hidden'>,
  kind: IdentifierKind,
): string {
  const facts = { ...scenario.card.extra, ...scenario.hidden.extra };
  const key = Object.keys(facts).find((k) => FACT_KEYS[kind].test(k));
  if (key) return facts[key];
  let h = 0;
  for (const ch of scenario.id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const zh = scenario.lang === 'zh';
  switch (kind) {
    case 'birth':
      return zh
        ? `${1975 + (h % 20)}年${1 + (h % 12)}月${1 + (h % 28)}号`
        : `${1 + (h % 12)}/${1 + (h % 28)}/${1975 + (h % 20)}`;
    case 'zip':
      return String(10000 + (h % 89999));
    case 'id':
      return String(h % 10000).padStart(4, '0');
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown identifier kind ${JSON.stringify(unknown)}.`);
    }
  }
}

const FACT_KEYS: Record<IdentifierKind, RegExp> = {
  birth: /出生|生日|birth/iu,
  zip: /邮编|zip|postal/iu,
  id: /身份证|后四位|\bID\b|SSN|social/iu,
};

function joinLines(a: string, b: string): string {
  return /[\u3000-\u9fff]/u.test(a) ? a + b : `${a} ${b}`;
}

/**
 * Fills `{caller}` and `{callback}` with what the trainee said; a slot nobody filled is dropped with the comma or
 * space before it, so "Okay, {caller}, {callback}." reads "Okay." rather than naming someone who never called.
 */
export function fillSlots(text: string, slots: Slots): string {
  return text
    .replace(/([,，、]?\s*)\{(caller|callback|identifier)\}/gu, (_, lead: string, key: keyof Slots) =>
      slots[key] ? lead + slots[key] : '',
    )
    .replace(/\s+([.,!?。，！？])/gu, '$1');
}

/** Raised voice: an exclamation in a line written without a mood tag. */
const EXCLAIMS = /[!！]/u;

/**
 * The mood a line is shown in: the one it was written for, but an untagged (calm) line that exclaims, or one spoken
 * as the call ends badly, is not calm — a shouted "再打我就投诉你们！" shows as annoyed.
 */
export function spokenMood(line: Pick<PersonaLine, 'mood' | 'text'>, endsBadly: boolean): Mood {
  if (line.mood !== 'calm') return line.mood;
  return endsBadly || EXCLAIMS.test(line.text) ? 'annoyed' : 'calm';
}
