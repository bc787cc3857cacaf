/** Checks the after-call record (催收记录) against what actually happened in the call. */
import type { Outcome } from '../scenarios/ir.ts';
import type { RecordCheck, RecordEntry } from './types.ts';

/** Resolves an outcome date (`YYYY-MM-DD` or `+Nd` relative to the call) to an ISO date. */
export function resolveDate(date: string | null, callDay: string): string | null {
  if (!date) return null;
  const rel = /^\+(\d+)d$/.exec(date);
  if (!rel) return date;
  const d = new Date(`${callDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + Number(rel[1]));
  return d.toISOString().slice(0, 10);
}

/** One check per field: result code, and for a promise its amount and date; next action and notes filled in. */
export function checkRecord(record: RecordEntry, outcome: Outcome | null, callDay: string): RecordCheck[] {
  const checks: RecordCheck[] = [];
  const expectedCode = outcome?.code ?? 'hung_up';
  checks.push({
    field: 'resultCode',
    ok: record.resultCode === expectedCode,
    expected: expectedCode,
    actual: record.resultCode,
  });
  if (outcome?.code === 'ptp') {
    const amount = outcome.amount;
    checks.push({
      field: 'promiseAmount',
      ok: amount !== null && record.promiseAmount !== null && Math.abs(record.promiseAmount - amount) < 0.5,
      expected: amount === null ? null : String(amount),
      actual: record.promiseAmount === null ? null : String(record.promiseAmount),
    });
    const date = resolveDate(outcome.date, callDay);
    checks.push({
      field: 'promiseDate',
      ok: date !== null && record.promiseDate === date,
      expected: date,
      actual: record.promiseDate,
    });
  }
  checks.push({
    field: 'nextAction',
    ok: record.nextAction.trim().length > 0,
    expected: null,
    actual: record.nextAction,
  });
  // Notes must say something a colleague can act on: a handful of characters is not a record.
  checks.push({ field: 'notes', ok: [...record.notes.trim()].length >= 6, expected: null, actual: record.notes });
  return checks;
}

/**
 * The record a diligent trainee files for `outcome` (every check passes): for judging a call on its own, e.g. a
 * played call plan, where nobody types a record and the report's record score should not decide the verdict.
 */
export function faithfulRecord(outcome: Outcome | null, callDay: string): RecordEntry {
  const ptp = outcome?.code === 'ptp';
  return {
    resultCode: outcome?.code ?? 'hung_up',
    promiseAmount: ptp ? outcome.amount : null,
    promiseDate: ptp ? resolveDate(outcome.date, callDay) : null,
    nextAction: 'follow up',
    notes: 'call summarised',
  };
}
