/**
 * What a persona hears from one trainee turn, in the compiler's playthrough and in the live call alike: the assessed
 * line reduced to plain, serialisable facts (moves, tone, findings, elements, promise terms). The machine never sees
 * raw text, so it stays pure and testable with hand-made lines.
 */
import type { Assessment, Category, Severity } from '../../scoring/types.ts';
import type { ToneLabel } from '../ir.ts';
import type { Slots } from './replies.ts';

export interface LineFacts {
  moves: string[];
  tone: { label: ToneLabel; score: number };
  findings: Array<{ category: Category; severity: Severity }>;
  elements: string[];
  /** Promise terms the line states: an amount (number) and whether it names a date or deadline. */
  terms: { amount: number | null; date: boolean };
  silence: boolean;
  /** What persona replies may repeat back: the caller's name and the call-back number the line gives, if any. */
  said?: Slots;
  /** The trainee sent an empty line: the persona asks them to repeat rather than taking it as an answer. */
  blank?: boolean;
  /** The identifier the line asks for (ID digits, date of birth, ZIP): a verified persona answers it in place. */
  asksIdentifier?: IdentifierKind | null;
}

/** The "line" of a timeout: nothing said. */
export const SILENT_LINE: LineFacts = Object.freeze({
  moves: [],
  tone: { label: 'neutral', score: 50 },
  findings: [],
  elements: [],
  terms: { amount: null, date: false },
  silence: true,
}) as LineFacts;

/** Builds the machine's view of a line from the scoring engine's assessment and the words themselves. */
export function lineFacts(text: string, assessment: Assessment): LineFacts {
  // An empty line (Enter pressed on nothing) says nothing the persona could react to, whatever a classifier reads in it.
  if (!text.trim())
    return {
      ...SILENT_LINE,
      moves: [],
      elements: [],
      findings: [],
      silence: false,
      said: { caller: null, callback: null },
      blank: true,
    };
  const terms = promiseTerms(text);
  return {
    moves: impliedMoves(
      assessment.moves.map((m) => m.move),
      terms,
    ),
    tone: { label: assessment.tone.label, score: assessment.tone.score },
    findings: assessment.findings.map((f) => ({ category: f.category, severity: f.severity })),
    elements: [...assessment.elements],
    terms,
    silence: false,
    said: slotsOf(text),
    asksIdentifier: identifierAsked(text),
  };
}

/**
 * What a line also does for the persona beyond the moves it was assessed with, when it states the terms: a read-back
 * of a promise asks the customer to commit to it; a request or a plan that names an amount and a date is both a proposal
 * and a request for the promise. (Scoring and the report keep the assessed moves.)
 */
const IMPLIED: ReadonlyArray<{ move: string; also: string; needs: 'terms' | 'amount' }> = [
  { move: 'confirm_promise', also: 'request_promise', needs: 'amount' },
  { move: 'request_promise', also: 'offer_plan', needs: 'terms' },
  { move: 'offer_plan', also: 'request_promise', needs: 'terms' },
];

export function impliedMoves(moves: readonly string[], terms: LineFacts['terms']): string[] {
  const out = new Set(moves);
  for (const { move, also, needs } of IMPLIED) {
    const stated = terms.amount !== null && (needs === 'amount' || terms.date);
    if (moves.includes(move) && stated) out.add(also);
  }
  return [...out];
}

export type IdentifierKind = 'birth' | 'zip' | 'id';

/** Requests for an identifier the cardholder can give, by kind: date of birth, ZIP or postal code, ID digits. */
const IDENTIFIERS: ReadonlyArray<[IdentifierKind, RegExp]> = [
  ['birth', /出生(?:日期|年月)|生日|\b(?:date of birth|birth ?date|birthday|DOB)\b/iu],
  ['zip', /邮编|\b(?:ZIP|postal code)\b/iu],
  ['id', /身份证|证件号|(?:后|末)[四六]位|\b(?:last (?:four|4)|social security|SSN)\b/iu],
];

/** The identifier a line asks for, if any. */
export function identifierAsked(text: string): IdentifierKind | null {
  return IDENTIFIERS.find(([, re]) => re.test(text))?.[0] ?? null;
}

const EN_NAME = /\b(?:[Mm]y name is|[Tt]his is|I'm|I am)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)/u;
const ZH_NAME = /我姓([\u4e00-\u9fff])/u;
const PHONE = /(?:\+?1[-\s.]?)?\(?\d{3}\)?[-\s.]\d{3}[-\s.]\d{4}|\b1\d{10}\b/u;
const STAFF = /(工号|staff (?:number|ID)|extension|ext\.?)\s*[:：]?\s*(\d{3,6})/iu;
/** Words after "this is"/"I'm" that are not a name. */
const NOT_NAME = new Set(['Harbor', 'Crestline', 'Calling', 'Sorry', 'Just']);

/** The caller's name and call-back number a line states (for replies such as "Okay, Sam Patel, 800-555-0142"). */
export function slotsOf(text: string): Slots {
  const en = EN_NAME.exec(text);
  const zh = ZH_NAME.exec(text);
  // A Chinese customer calls the agent by surname: 我姓王 → 小王.
  const caller = en && !NOT_NAME.has(en[1].split(' ')[0]) ? en[1] : zh ? `小${zh[1]}` : null;
  const phone = PHONE.exec(text.replace(STAFF, ' '));
  const staff = STAFF.exec(text);
  const callback = phone
    ? phone[0].trim()
    : staff
      ? staff[1] === '工号'
        ? `工号${staff[2]}`
        : `${staff[1]} ${staff[2]}`
      : null;
  return { caller, callback };
}

// Numbers that identify rather than quantify (card tail, staff number, days overdue, phone) are not amounts.
const NOT_AMOUNT =
  /(尾号|工号|卡号|号码|逾期|电话|tail|ending(?: in)?|last (?:four|4)(?: digits)?(?: of| is)?|staff|ID|number|overdue|extension)\s*[:：]?\s*\d[\d,.]*\s*(天|days?)?/giu;
const OVERDUE_DAYS = /(逾期|overdue|late)[^，。,.;；]{0,6}?\d+\s*(天|days?)|\d+\s*days? (past due|overdue|late)/giu;
// Dash-joined digit groups are phone numbers, dates or ranges (800-555-0142, 2025-07-01), never an amount.
const ISO_DATE = /\d+(?:-\d+)+/gu;
const AMOUNT = /(?:[$¥￥]\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?\s*(元|块|dollars?|USD)?/giu;
const DATE =
  /(\d{4}-\d{2}-\d{2}|\d{1,2}\s*(月|号|日)|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|今天|明天|后天|今晚|明早|明晚|今儿|明儿|月底|月初|月中|下个?月|下周|本周|这周|周末|发工资|[一二三四五六七八九十两\d]+\s*天(内|之内|以内)|\b(today|tomorrow|tonight|this (evening|weekend)|payday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|end of (the )?(month|week)|next week|within \d+ days|by the \d+(st|nd|rd|th)|on the \d+(st|nd|rd|th))\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b)/iu;

/** Extracts the promise terms a line states: the largest plausible amount and whether a date is named. */
export function promiseTerms(text: string): LineFacts['terms'] {
  const cleaned = text.replace(OVERDUE_DAYS, ' ').replace(NOT_AMOUNT, ' ');
  let amount: number | null = null;
  for (const m of cleaned.replace(ISO_DATE, ' ').matchAll(AMOUNT)) {
    const value = Number(m[0].replace(/[^\d.]/g, ''));
    // Bare one- or two-digit numbers are times and counts ("3点", "2 days"); amounts need a currency or 3+ digits.
    if (!m[2] && !/[$¥￥]/u.test(m[0]) && value < 100) continue;
    if (amount === null || value > amount) amount = value;
  }
  for (const m of cleaned.matchAll(WORD_AMOUNT))
    amount = Math.max(
      amount ?? 0,
      (EN_DIGITS[m[1].toLowerCase()] ?? 1) * (m[2].toLowerCase() === 'hundred' ? 100 : 1000),
    );
  for (const m of cleaned.matchAll(CN_AMOUNT)) {
    const value = cnNumber(m[1]);
    // Plain 三/五 are counts ("三天"); a Chinese amount needs a magnitude word or a currency.
    if (value !== null && (m[2] || value >= 100)) amount = Math.max(amount ?? 0, value);
  }
  return { amount, date: DATE.test(cleaned) };
}

const EN_DIGITS: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const WORD_AMOUNT = /\b(a|one|two|three|four|five|six|seven|eight|nine|ten) (hundred|thousand)\b/giu;
const CN_AMOUNT = /([零一二两三四五六七八九十百千万]{2,})(元|块)?/gu;
const CN_DIGIT: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Reads a Chinese numeral such as 两千一百五十四 or 一千二 (a trailing digit takes the next smaller unit). */
function cnNumber(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastUnit = 1;
  for (const ch of text) {
    if (ch in CN_DIGIT) digit = CN_DIGIT[ch];
    else if (ch === '万') {
      total = (section + (digit ?? 0)) * 10000;
      section = 0;
      digit = null;
      lastUnit = 10000;
    } else {
      lastUnit = CN_UNIT[ch];
      section += (digit ?? 1) * lastUnit;
      digit = null;
    }
  }
  // 一千二 means 1200: a bare trailing digit counts in the unit below the last one.
  if (digit !== null) section += lastUnit >= 10 ? digit * (lastUnit / 10) : digit;
  const value = total + section;
  return value > 0 ? value : null;
}
