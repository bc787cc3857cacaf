/**
 * Which cmi5-defined statements an AU may send, and when (cmi5 spec, Quartz, 9.3 and 10.0). Pure, so the order rules
 * are tested without an LMS: the runtime (cmi5.ts) asks here before every statement.
 */
import type { Locale } from '../i18n/translate.ts';

export type Cmi5Verb = 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated';
export type LaunchMode = 'Normal' | 'Browse' | 'Review';

export interface Cmi5Session {
  launchMode: LaunchMode;
  /** From LMS.LaunchData; a pass needs a scaled score at least this. */
  masteryScore?: number;
  /** The cmi5-defined statements already sent in this session, in order. */
  sent: Cmi5Verb[];
}

/** Why `verb` may not be sent now; null when it may. */
export function refusal(session: Cmi5Session, verb: Cmi5Verb): string | null {
  const { sent, launchMode } = session;
  if (sent.includes('terminated')) return 'the session is terminated: nothing may follow terminated';
  if (verb === 'initialized') return sent.length ? 'initialized must be the first statement, sent once' : null;
  if (!sent.includes('initialized')) return `${verb} before initialized`;
  switch (verb) {
    case 'terminated':
      return null;
    case 'completed':
    case 'passed':
    case 'failed':
      if (launchMode !== 'Normal') return `${verb} in ${launchMode} mode: only a Normal launch may record a result`;
      // A retake may pass after a failure, never fail after a pass (cmi5 9.3.4–9.3.5).
      if (sent.includes(verb)) return `${verb} was already sent in this session`;
      if (verb === 'failed' && sent.includes('passed')) return 'failed after passed';
      return null;
    default:
      return verb satisfies never;
  }
}

/** The app's verdict on one attempt, as cmi5 needs it. */
export interface AttemptVerdict {
  passed: boolean;
  /** The total 0–100. */
  total: number;
  /** The call failed on a compliance blocker: `failed` then carries no score (the number would mislead). */
  blocked: boolean;
}

export interface VerdictStatement {
  verb: 'completed' | 'passed' | 'failed';
  /** scaled 0–1 with raw/min/max; absent for completed and for a blocked failure. */
  score?: { scaled: number; raw: number; min: 0; max: 100 };
}

/**
 * The statements an assessed attempt sends when it is scored, in order: completed, then passed or failed; nothing in
 * Browse/Review; a pass also needs the LMS's mastery score; whatever the session already sent is not repeated.
 */
export function verdictStatements(session: Cmi5Session, verdict: AttemptVerdict): VerdictStatement[] {
  const scaled = Math.round(Math.min(100, Math.max(0, verdict.total))) / 100;
  const score = { scaled, raw: Math.round(verdict.total), min: 0 as const, max: 100 as const };
  const mastered = session.masteryScore === undefined || scaled >= session.masteryScore;
  const judged: VerdictStatement =
    verdict.passed && mastered
      ? { verb: 'passed', score }
      : verdict.blocked
        ? { verb: 'failed' }
        : { verb: 'failed', score };
  const out: VerdictStatement[] = [];
  const sent = [...session.sent];
  for (const s of [{ verb: 'completed' } as VerdictStatement, judged]) {
    if (refusal({ ...session, sent }, s.verb) === null) {
      out.push(s);
      sent.push(s.verb);
    }
  }
  return out;
}

/** The UI language from cmi5 learner preferences (`languagePreference`, RFC 5646 tags by preference); null if none fits. */
export function localeFromPreference(languagePreference: string | undefined): Locale | null {
  for (const tag of (languagePreference ?? '').split(',').map((t) => t.trim().toLowerCase())) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return null;
}
