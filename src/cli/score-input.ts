/**
 * The `npm run score` contract: validates the input (a JSON array of {id, lang, text, context}) against the contract and turns it
 * into the output shape; every mistake is reported with its JSON path so a trainer can find it.
 */
import {
  DIALLED_NUMBERS,
  RELATIONS,
  STAGES,
  isViolation,
  type Jurisdiction,
  type Lang,
  type ScoringContext,
  type ScoringEngine,
} from '../scoring/index.ts';

export interface ScoreItem {
  id: string;
  lang: Lang;
  text: string;
  context: Partial<ScoringContext>;
}

export class InputError extends Error {}

const BOOLEANS = [
  'consent_late_call',
  'cease_request',
  'attorney_represented',
  'legal_action_filed',
  'disclosure_given',
  'own_number_invalid',
  'third_party_related',
] as const;
const NUMBERS = ['calls_today', 'calls_last_7_days', 'unanswered_today', 'failed_attempts_in_row'] as const;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Parses and checks the whole input; throws InputError naming the first problem. */
export function parseScoreInput(raw: string): ScoreItem[] {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (e) {
    throw new InputError(`input is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new InputError('input must be a JSON array of {id, lang, text, context} objects');
  return data.map((item, i) => checkItem(item, `[${i}]`));
}

function checkItem(item: unknown, at: string): ScoreItem {
  if (!isObject(item)) throw new InputError(`${at} must be an object`);
  if (typeof item.id !== 'string') throw new InputError(`${at}.id must be a string`);
  if (item.lang !== 'zh' && item.lang !== 'en') throw new InputError(`${at}.lang must be "zh" or "en"`);
  if (typeof item.text !== 'string') throw new InputError(`${at}.text must be a string`);
  return { id: item.id, lang: item.lang, text: item.text, context: checkContext(item.context, `${at}.context`) };
}

function checkContext(c: unknown, at: string): Partial<ScoringContext> {
  if (!isObject(c)) throw new InputError(`${at} must be an object with party, verified, stage and local_time`);
  const fail = (field: string, what: string): never => {
    throw new InputError(
      `${at}.${field} ${c[field] === undefined ? 'is missing; it' : ''} must be ${what}`.replace('  ', ' '),
    );
  };
  if (c.party !== 'debtor' && c.party !== 'third_party') fail('party', '"debtor" or "third_party"');
  if (typeof c.verified !== 'boolean') fail('verified', 'true or false');
  if (!STAGES.includes(c.stage as never)) fail('stage', `one of ${STAGES.join(', ')}`);
  if (typeof c.local_time !== 'string' || !HHMM.test(c.local_time)) fail('local_time', '"HH:MM" (24-hour)');
  if (c.relation !== undefined && !RELATIONS.includes(c.relation as never))
    fail('relation', `one of ${RELATIONS.join(', ')}`);
  if (c.caller_type !== undefined && c.caller_type !== 'bank' && c.caller_type !== 'agency')
    fail('caller_type', '"bank" or "agency"');
  if (c.call_direction !== undefined && c.call_direction !== 'outbound' && c.call_direction !== 'inbound')
    fail('call_direction', '"outbound" or "inbound"');
  if (c.dialled !== undefined && !DIALLED_NUMBERS.includes(c.dialled as never))
    fail('dialled', '"own" or "third_party"');
  for (const b of BOOLEANS) if (c[b] !== undefined && typeof c[b] !== 'boolean') fail(b, 'true or false');
  for (const n of NUMBERS)
    if (c[n] !== undefined && !(typeof c[n] === 'number' && Number.isInteger(c[n]) && c[n] >= 0))
      fail(n, 'a whole number ≥ 0');
  if (c.bank_policy !== undefined) checkPolicy(c.bank_policy, `${at}.bank_policy`);
  return c as Partial<ScoringContext>;
}

function checkPolicy(p: unknown, at: string): void {
  if (!isObject(p)) throw new InputError(`${at} must be an object`);
  for (const b of ['sues', 'field_visits', 'reports_to_bureau'])
    if (p[b] !== undefined && typeof p[b] !== 'boolean') throw new InputError(`${at}.${b} must be true or false`);
  if (
    p.call_window !== undefined &&
    !(typeof p.call_window === 'string' && /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/.test(p.call_window))
  )
    throw new InputError(`${at}.call_window must look like "08:00-22:00"`);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export interface ScoreOutput {
  id: string;
  violations: { rule: string; category: string; severity: string; start: number; end: number; message: string }[];
  tone: { label: string; score: number };
  moves: string[];
}

/** Scores the items in order; `jurisdiction` overrides the per-language default (CN for zh, US for en). */
export function scoreItems(engine: ScoringEngine, items: ScoreItem[], jurisdiction?: Jurisdiction): ScoreOutput[] {
  return items.map(({ id, lang, text, context }) => {
    const a = engine.assess(text, lang, jurisdiction ? { ...context, jurisdiction } : context);
    return {
      id,
      violations: a.findings.filter(isViolation).map(({ rule, category, severity, start, end, message }) => ({
        rule,
        category,
        severity,
        start,
        end,
        message,
      })),
      tone: { label: a.tone.label, score: a.tone.score },
      moves: [...new Set(a.moves.map((m) => m.move))],
    };
  });
}
