/**
 * SCORM 1.2 data-model values within the RTE's limits (SCORM 1.2 RTE 3.4.3 data types). Test stand-ins such as
 * scorm-again accept far more than a production LMS does (a 300-character response, an id with spaces), and an LMS
 * that rejects one LMSSetValue silently loses that turn; so every value goes through here, tested at the limits.
 */
import { isViolation } from '../scoring/score.ts';
import type { Assessment } from '../scoring/types.ts';

/** CMIString255 / CMIFeedback / CMIIdentifier maximum length. */
export const MAX_255 = 255;
export const LESSON_STATUSES = ['passed', 'completed', 'failed', 'incomplete', 'browsed', 'not attempted'] as const;
export type LessonStatus = (typeof LESSON_STATUSES)[number];

/** Cuts text to at most `max` UTF-16 units without splitting a character; a cut ends in "…". */
export function cut(text: string, max = MAX_255): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** CMIString255 / CMIFeedback: at most 255 characters, line breaks as spaces (some LMSs store one line). */
export function cmiString255(text: string): string {
  return cut(text.replace(/[\r\n\t]+/g, ' ').trim());
}

/** CMIIdentifier: no white space, printable ASCII only, 1–255 characters (anything else becomes `_`). */
export function cmiIdentifier(text: string): string {
  const ascii = text.replace(/[^\x21-\x7e]/g, '_').slice(0, MAX_255);
  return ascii || '_';
}

/** CMITimespan `HHHH:MM:SS.SS` for a duration in milliseconds (negative counts as 0, hours stop at 9999). */
export function cmiTimespan(ms: number): string {
  const cs = Math.min(Math.max(0, Math.round(Number.isFinite(ms) ? ms / 10 : 0)), 9999 * 360000 + 359999);
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  const frac = cs % 100;
  return `${String(h).padStart(4, '0')}:${pad2(m)}:${pad2(s)}.${pad2(frac)}`;
}

/** CMITime `HH:MM:SS` (a time of day, the learner's local clock). */
export function cmiTime(date: Date): string {
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

/** CMIDecimal score within 0–100, at most two decimals; not a number counts as 0. */
export function cmiScore(value: number): string {
  const v = Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0;
  return String(Math.round(v * 100) / 100);
}

const CHOICE_LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A `choice` interaction's student_response: one character 0-9 or a-z per option (RTE 3.4.4 cmi.interactions). */
export function choiceResponse(index: number): string {
  const letter = CHOICE_LETTERS[index];
  if (!Number.isInteger(index) || letter === undefined)
    throw new RangeError(`option ${index} has no SCORM 1.2 choice letter (at most 36 options)`);
  return letter;
}

/** One trainee line as a SCORM 1.2 interaction, before its number n is known. */
export interface TurnInteraction {
  /** 0-based trainee line of the attempt. */
  index: number;
  nodeId: string;
  text: string;
  choice: number | null;
  assessment: Pick<Assessment, 'findings'>;
  /** When the line was sent, and how long after the persona's line it came. */
  at: Date;
  latencyMs: number;
}

/** `wrong` when the line has a compliance finding of major or critical severity, else `correct`. */
export function turnResult(assessment: Pick<Assessment, 'findings'>): 'correct' | 'wrong' {
  return assessment.findings.some((f) => (f.severity === 'major' || f.severity === 'critical') && isViolation(f))
    ? 'wrong'
    : 'correct';
}

/** The `cmi.interactions.n.*` elements and values of one line, every value within its SCORM 1.2 limit. */
export function interactionValues(n: number, turn: TurnInteraction): [string, string][] {
  const p = `cmi.interactions.${n}`;
  return [
    [`${p}.id`, cmiIdentifier(`turn-${turn.index + 1}-${turn.nodeId}`)],
    [`${p}.type`, turn.choice === null ? 'fill-in' : 'choice'],
    [`${p}.student_response`, turn.choice === null ? cmiString255(turn.text) : choiceResponse(turn.choice)],
    [`${p}.result`, turnResult(turn.assessment)],
    [`${p}.time`, cmiTime(turn.at)],
    [`${p}.latency`, cmiTimespan(turn.latencyMs)],
  ];
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
