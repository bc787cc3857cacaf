/**
 * Guards that stop a trigger word from firing when the line says the opposite: "我们不是警察", "no one will arrest
 * you", a quoted scammer's words, "您放心，…不会…", or a hedged, lawful statement of remedies. Each is a cheap scan
 * of the trigger's clause or sentence, run only after a pattern has matched.
 */
import type { Guard, Lang } from './types.ts';

/**
 * Negation cues; `不` alone is excluded inside words that are not negations (不过, 不断, 不好意思, 坐不了, and 实在不行
 * "if nothing else works"). 勿 covers 请勿/切勿 in anti-fraud warnings.
 */
const NEG_ZH =
  /不会|不是|不要|不用|不必|不能|不得(?!不)|不再|没有|没|别|并非|绝不|从不|无需|勿|(?<![要坐得])不(?![过少断久然好管停了得行])/g;
const NEG_EN = /\b(?:not|never|no|none|nobody|no one|nothing|neither|without|cannot)\b|n['’]t\b/gi;
/** Between a negation and the trigger these mean the negation belongs to a condition ("不还钱就坐牢"). */
const BREAK_ZH = /就|的话|否则|不然|那么|所以|才|我们会|会让|会被|是要|必须|等着|逼|让我/;
/** A negation after one of these ("if you do not pay today we will sue") is the condition's, not the threat's. */
const CONDITION_EN = /\b(?:if|unless|until|when)\b/i;
// A new subject with its own verb ("if this isn't paid this week it goes to legal") starts the main clause.
const BREAK_EN =
  /\b(?:if|unless|or|then|until|so|otherwise|make me|but|(?:we|i|they|you)(?:['’]ll| will| are going to)|it(?:['’]ll| will| goes| gets))\b/i;
const REASSURE_ZH = /放心|别担心|不用担心|不必担心|不要担心|不要害怕|别害怕|请相信/;
const REASSURE_EN =
  /\b(?:don['’]t worry|do not worry|rest assured|no need to worry|don['’]t be alarmed|to be clear)\b/i;
const HEDGE_ZH =
  /可能|或将|有权|依法|依照|按照(?:合同|约定|法律|协议)|根据(?:合同|约定|法律|协议|相关)|合同约定|视情况/;
const HEDGE_EN =
  /\b(?:may|might|could|possibly|has the right|have the right|under the (?:card(?:holder)? )?agreement|as permitted by law|where the law allows|lawful(?:ly)?)\b/i;

const WINDOW: Record<Lang, number> = { zh: 8, en: 32 };

/** True when any of `guards` says the hit whose trigger starts at `at` (and ends at `end`) must not count. */
export function isGuarded(text: string, lang: Lang, guards: readonly string[], at: number, end: number): boolean {
  for (const g of guards as readonly Guard[]) {
    if (g === 'negation' && negatedBefore(text, lang, at)) return true;
    if (g === 'quotation' && insideQuotes(text, at)) return true;
    if (g === 'reassurance' && reassured(text, lang, at, end)) return true;
    if (g === 'hedge' && (lang === 'zh' ? HEDGE_ZH : HEDGE_EN).test(sentenceOf(text, lang, at))) return true;
  }
  return false;
}

/** A negation cue shortly before `at` in the same clause, with no condition marker between it and the trigger. */
export function negatedBefore(text: string, lang: Lang, at: number): boolean {
  const clause = clauseStart(text, lang, at);
  const from = Math.max(clause, at - WINDOW[lang]);
  const window = text.slice(from, at);
  const cue = lastMatch(lang === 'zh' ? NEG_ZH : NEG_EN, window, (i) => lang === 'en' || !isAnotA(text, from + i));
  if (!cue) return false;
  // The condition word may stand before the window ("If you don't pay by Friday you will be arrested").
  if (lang === 'en' && CONDITION_EN.test(text.slice(clause, from + cue.start))) return false;
  const between = window.slice(cue.end);
  // "不会因为逾期就坐牢": after 因为/由于 the 就 belongs to the negated cause, not to a condition.
  if (lang === 'zh' && /^(?:因为|由于)/.test(between)) return true;
  return !(lang === 'zh' ? BREAK_ZH : BREAK_EN).test(between);
}

/** Reassurance in the sentence plus a negation anywhere in the trigger's clause ("您放心，抓人这种事不会发生"). */
function reassured(text: string, lang: Lang, at: number, end: number): boolean {
  if (!(lang === 'zh' ? REASSURE_ZH : REASSURE_EN).test(sentenceOf(text, lang, at))) return false;
  const clause = text.slice(clauseStart(text, lang, at), clauseEnd(text, lang, end));
  const neg = lang === 'zh' ? NEG_ZH : NEG_EN;
  neg.lastIndex = 0;
  return neg.test(clause);
}

/** Inside “…”, 「…」, 『…』 or "…" (straight double quotes counted by parity). */
export function insideQuotes(text: string, at: number): boolean {
  return quoteDepths(text)[Math.min(at, text.length)] > 0;
}

/**
 * The line with reported speech masked: the characters of a quotation that follows a verb of saying or a colon
 * ("对方说“…”", 'he said "…"') replaced by `_`, offsets kept. What the classifiers read, so words someone else said — a
 * colleague's threat repeated to a complainant — do not colour the trainee's line; quotes that name or stress
 * something (我们是“某某资产”的) stay the trainee's own words.
 */
export function maskQuoted(text: string): string {
  if (!/[“「『"]/u.test(text)) return text;
  const depths = quoteDepths(text);
  let out = '';
  let masking = false;
  for (let i = 0; i < text.length; i++) {
    // An opening mark (outside before it, inside after it): is it reported speech?
    if (!depths[i] && depths[i + 1]) masking = SAYING.test(text.slice(Math.max(0, i - 6), i));
    out += depths[i] && depths[i + 1] && masking ? '_' : text[i];
  }
  return out;
}

/** A verb of saying or a colon right before a quotation: what follows is reported speech. */
const SAYING =
  /(?:说|讲|称|问|道|骂|喊|威胁|[：:]|\b(?:said|says|say|told|tells|asked|yelled|wrote))\s*(?:过|了|着|的是|me|you|him|her)?\s*[,，]?\s*$/iu;

/**
 * Per offset, whether it lies inside quotes (1) or not (0), computed once per line: a line with many guarded hits
 * would otherwise rescan its whole prefix for each of them. The last line's table is kept (lines come one by one).
 */
let lastQuoted: { text: string; depths: Uint8Array } | undefined;
function quoteDepths(text: string): Uint8Array {
  if (lastQuoted?.text === text) return lastQuoted.depths;
  const depths = new Uint8Array(text.length + 1);
  let depth = 0;
  let straight = false;
  for (let i = 0; i < text.length; i++) {
    depths[i] = depth > 0 || straight ? 1 : 0;
    const c = text[i];
    if (c === '“' || c === '「' || c === '『') depth++;
    else if ((c === '”' || c === '」' || c === '』') && depth > 0) depth--;
    else if (c === '"') straight = !straight;
  }
  depths[text.length] = depth > 0 || straight ? 1 : 0;
  lastQuoted = { text, depths };
  return depths;
}

function lastMatch(
  re: RegExp,
  s: string,
  accept: (index: number) => boolean,
): { start: number; end: number } | undefined {
  re.lastIndex = 0;
  let last: { start: number; end: number } | undefined;
  for (let m = re.exec(s); m; m = re.exec(s))
    if (accept(m.index)) last = { start: m.index, end: m.index + m[0].length };
  return last;
}

/** "信不信", "还不还": an A-不-A question, not a negation. */
function isAnotA(text: string, i: number): boolean {
  return text[i] === '不' && i > 0 && text[i - 1] === text[i + 1];
}

const CLAUSE_ZH = '，,、；;：:。！？!?\n';
const SENTENCE_ZH = '。！？!?\n';

function isBoundary(text: string, i: number, lang: Lang, set: string): boolean {
  const c = text[i];
  if (lang === 'zh') return set.includes(c);
  // "$1,234.56" and "Mr." must not split an English clause: punctuation counts only before a space or the end.
  if ('.,;:!?'.includes(c) && set.includes(c)) return i + 1 >= text.length || /\s/.test(text[i + 1]);
  return c === '\n';
}

/** Offset where the clause containing `at` begins. */
export function clauseStart(text: string, lang: Lang, at: number): number {
  for (let i = at - 1; i >= 0; i--) if (isBoundary(text, i, lang, CLAUSE_ZH)) return i + 1;
  return 0;
}

function clauseEnd(text: string, lang: Lang, at: number): number {
  for (let i = at; i < text.length; i++) if (isBoundary(text, i, lang, CLAUSE_ZH)) return i;
  return text.length;
}

/** The sentence containing `at`. */
export function sentenceOf(text: string, lang: Lang, at: number): string {
  let s = 0;
  let e = text.length;
  for (let i = at - 1; i >= 0; i--)
    if (isBoundary(text, i, lang, SENTENCE_ZH)) {
      s = i + 1;
      break;
    }
  for (let i = at; i < text.length; i++)
    if (isBoundary(text, i, lang, SENTENCE_ZH)) {
      e = i;
      break;
    }
  return text.slice(s, e);
}
