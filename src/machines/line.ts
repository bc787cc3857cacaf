/**
 * What the call machine hears from one trainee turn: the assessed line reduced to plain, serialisable facts
 * (moves, tone, findings, elements, promise terms). The machine never sees raw text, so it stays pure and testable
 * with hand-made lines.
 */
import type { Assessment, Category, Severity } from '../scoring/types.ts';
import type { ToneLabel } from '../scenarios/ir.ts';

export interface LineFacts {
  moves: string[];
  tone: { label: ToneLabel; score: number };
  findings: Array<{ category: Category; severity: Severity }>;
  elements: string[];
  /** Promise terms the line states: an amount (number) and whether it names a date or deadline. */
  terms: { amount: number | null; date: boolean };
  silence: boolean;
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
  return {
    moves: [...new Set(assessment.moves.map((m) => m.move))],
    tone: { label: assessment.tone.label, score: assessment.tone.score },
    findings: assessment.findings.map((f) => ({ category: f.category, severity: f.severity })),
    elements: [...assessment.elements],
    terms: promiseTerms(text),
    silence: false,
  };
}

// Numbers that identify rather than quantify (card tail, staff number, days overdue, phone) are not amounts.
const NOT_AMOUNT = /(尾号|工号|卡号|号码|逾期|电话|tail|ending in|staff|ID|number|overdue|extension)\s*[:：]?\s*\d[\d,.]*\s*(天|days?)?/giu;
const OVERDUE_DAYS = /(逾期|overdue|late)[^，。,.;；]{0,6}?\d+\s*(天|days?)|\d+\s*days? (past due|overdue|late)/giu;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/gu;
const AMOUNT = /(?:[$¥￥]\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?\s*(元|块|dollars?|USD)?/giu;
const DATE =
  /(\d{4}-\d{2}-\d{2}|\d{1,2}\s*(月|号|日)|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|今天|明天|后天|月底|月初|下周|本周|这周|[一二三四五六七八九十两\d]+\s*天(内|之内|以内)|\b(today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|end of (the )?(month|week)|next week|within \d+ days|by the \d+(st|nd|rd|th)|on the \d+(st|nd|rd|th))\b|\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b)/iu;

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
  return { amount, date: DATE.test(cleaned) };
}
