/** The words CSV exports use for codes, in the interface language (the codes themselves keep their own columns). */
import { translate, type Locale, type MessageKey } from '../i18n/translate.ts';
import type { CodeNames, Decision } from '../report/csv.ts';
import { OUTCOME_CODES, type OutcomeCode } from '../scenarios/ir.ts';
import type { AttemptStatus, Mode } from '../storage/index.ts';

const MODE: Record<Mode, MessageKey> = {
  guided: 'progress.mode.guided',
  practice: 'progress.mode.practice',
  exam: 'progress.mode.exam',
};
const STATUS: Record<AttemptStatus, MessageKey> = {
  in_progress: 'csv.status.in_progress',
  completed: 'csv.status.completed',
  abandoned: 'csv.status.abandoned',
  ended: 'csv.status.ended',
};
const DECISION: Record<Decision, MessageKey> = {
  machine: 'csv.decision.machine',
  overruled: 'review.overruled',
  added: 'review.added',
};

const isOutcome = (code: string): code is OutcomeCode => (OUTCOME_CODES as readonly string[]).includes(code);

/** Names for `locale`; a code the catalogue does not know (a newer file's) is written as it is rather than dropped. */
export function csvNames(locale: Locale): CodeNames {
  const t = (key: MessageKey) => translate(locale, key);
  const from =
    <K extends string>(table: Record<K, MessageKey>) =>
    (code: string) =>
      code in table ? t(table[code as K]) : code;
  return {
    lang: (code) => (code === 'zh' || code === 'en' ? t(`langName.${code}`) : code),
    mode: from(MODE),
    status: from(STATUS),
    outcome: (code) => (isOutcome(code) ? t(`outcome.${code}`) : code),
    category: (code) => t(`progress.category.${code}`),
    severity: (code) => t(`severity.${code}`),
    decision: (code) => t(DECISION[code]),
    yesNo: (value) => t(value ? 'csv.yes' : 'csv.no'),
  };
}
