/** How a record check reads on the report and the mentor's review: codes as outcome names, and why a check failed. */
import type { MessageKey } from '../i18n/translate.ts';
import type { RecordCheck } from '../report/types.ts';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A field's value as the trainee wrote it; a result code by its outcome name ("complaint" → 投诉). */
export function checkValue(t: T, c: RecordCheck, value: string | null): string {
  if (value === null || value.trim() === '') return '–';
  return c.field === 'resultCode' ? t(`outcome.${value}` as MessageKey) : value;
}

/** Why a failed check failed: what was expected, or that the field is empty or too short to act on. */
export function checkWhy(t: T, c: RecordCheck): string {
  if (c.ok) return '';
  if (c.expected !== null) return t('check.expected', { value: checkValue(t, c, c.expected) });
  return c.actual?.trim() ? t('check.tooShort') : t('check.missing');
}
