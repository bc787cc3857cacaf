/**
 * Call-level checks: facts about the call (time, call log, number dialled, cease request, attorney) rather than the words said.
 * A `kind: call` rule names one of these; the finding points at no words (start = end = 0).
 */
import { insideWindow } from './context.ts';
import type { CallCheck, ScoringContext } from './types.ts';

/**
 * Whether the named check is violated in this context (`max` is the limit for the count checks, `window` the hours
 * a guideline allows).
 */
export function callCheckFails(check: CallCheck, ctx: ScoringContext, max = Infinity, window?: string): boolean {
  switch (check) {
    case 'outside_call_window':
      return !ctx.consent_late_call && !insideWindow(ctx.local_time, ctx.bank_policy.call_window);
    case 'calls_today':
      return ctx.calls_today > max;
    case 'calls_last_7_days':
      return ctx.calls_last_7_days > max;
    case 'cease_request':
      return ctx.cease_request;
    case 'attorney_represented':
      return ctx.attorney_represented && ctx.party === 'debtor';
    case 'unanswered_today':
      // This call is one more attempt on the same number.
      return (ctx.unanswered_today ?? 0) + 1 > max;
    case 'third_party_too_early':
      // A third party's number only once the debtor is out of reach: own number invalid, or `max` failed attempts in a row.
      return ctx.dialled === 'third_party' && !ctx.own_number_invalid && (ctx.failed_attempts_in_row ?? 0) < max;
    case 'outside_guideline_hours':
      // Only where the bank's own window lets the call through: outside it, `outside_call_window` already speaks.
      return (
        window !== undefined &&
        !ctx.consent_late_call &&
        insideWindow(ctx.local_time, ctx.bank_policy.call_window) &&
        !insideWindow(ctx.local_time, window)
      );
  }
}
