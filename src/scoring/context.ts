/**
 * The scoring context: defaults for missing fields (bank policy from the jurisdiction pack), and the `when`/`unless`
 * conditions rules use to ask about it.
 */
import type { BankPolicy, Conditions, Jurisdiction, Lang, RulePack, ScoringContext } from './types.ts';

/** Used only when no jurisdiction pack supplies defaults (e.g. a test loads a single pack). */
export const FALLBACK_POLICY: Record<Jurisdiction, BankPolicy> = {
  CN: { sues: true, field_visits: false, reports_to_bureau: true, call_window: '08:00-22:00' },
  US: { sues: false, field_visits: false, reports_to_bureau: true, call_window: '08:00-21:00' },
};

/** The jurisdiction a language defaults to: CN for zh, US for en. */
export function defaultJurisdiction(lang: Lang): Jurisdiction {
  return lang === 'zh' ? 'CN' : 'US';
}

/**
 * Fills a partial context. Without a word about the call, assume the plainest situation a line is judged in:
 * the verified cardholder, mid-call, at 10:00 in the morning, called by the bank itself.
 */
export function resolveContext(
  lang: Lang,
  partial: Partial<ScoringContext> | undefined,
  packs: readonly RulePack[],
): ScoringContext {
  const p = partial ?? {};
  const jurisdiction = p.jurisdiction ?? defaultJurisdiction(lang);
  const packPolicy = packs.find((pk) => pk.jurisdiction === jurisdiction && pk.defaults)?.defaults?.bank_policy;
  return {
    party: p.party ?? 'debtor',
    relation: p.relation ?? 'other',
    verified: p.verified ?? true,
    stage: p.stage ?? 'purpose',
    local_time: p.local_time ?? '10:00',
    caller_type: p.caller_type ?? 'bank',
    consent_late_call: p.consent_late_call ?? false,
    cease_request: p.cease_request ?? false,
    attorney_represented: p.attorney_represented ?? false,
    legal_action_filed: p.legal_action_filed ?? false,
    disclosure_given: p.disclosure_given ?? false,
    calls_today: p.calls_today ?? 0,
    calls_last_7_days: p.calls_last_7_days ?? 0,
    bank_policy: { ...FALLBACK_POLICY[jurisdiction], ...packPolicy, ...p.bank_policy },
    jurisdiction,
    call_direction: p.call_direction ?? 'outbound',
    unanswered_today: p.unanswered_today ?? 0,
    dialled: p.dialled ?? 'own',
    own_number_invalid: p.own_number_invalid ?? false,
    failed_attempts_in_row: p.failed_attempts_in_row ?? 0,
    third_party_related: p.third_party_related ?? false,
  };
}

/** Value of a condition field, reaching into `bank_policy` for dotted names. */
export function fieldValue(ctx: ScoringContext, field: string): unknown {
  if (field.startsWith('bank_policy.')) return ctx.bank_policy[field.slice(12) as keyof BankPolicy];
  return ctx[field as keyof ScoringContext];
}

/** Conditions as arrays, prepared once per rule so checking them per line allocates nothing. */
export type CompiledConditions = Array<[field: string, values: ReadonlyArray<string | boolean>]>;

export function compileConditions(c: Conditions): CompiledConditions {
  return Object.entries(c).map(([field, values]) => [field, values ?? []]);
}

/** `when` holds when every listed field has one of its values; `unless` blocks when all of its fields match. */
export function conditionsHold(ctx: ScoringContext, when: CompiledConditions, unless: CompiledConditions): boolean {
  for (const [field, values] of when) if (!values.includes(fieldValue(ctx, field) as string | boolean)) return false;
  if (unless.length === 0) return true;
  for (const [field, values] of unless) if (!values.includes(fieldValue(ctx, field) as string | boolean)) return true;
  return false;
}

/** Minutes since midnight for "HH:MM", or undefined when malformed. */
export function minutesOf(hhmm: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Whether `time` falls inside "HH:MM-HH:MM" (start inclusive, end exclusive; windows may cross midnight). */
export function insideWindow(time: string, window: string): boolean {
  const [from, to] = window.split('-').map(minutesOf);
  const t = minutesOf(time);
  if (from === undefined || to === undefined || t === undefined) return true;
  return from <= to ? t >= from && t < to : t >= from || t < to;
}
