/** Phase 2b: the `end:` line — an outcome code and, for promises and call-backs, amount and date. */
import { didYouMean } from '../../diagnostics/diagnostic.ts';
import { OUTCOME_CODES, type CustomerCard, type Outcome, type OutcomeCode } from '../ir.ts';
import { exactly, lookup } from '../keywords.ts';
import type { RawValue } from '../parse/ast.ts';
import type { Reporter } from '../report.ts';

/** Parses `ptp amount=1286 date=+3d` (金额= 日期= too); returns null after reporting when the code is unknown. */
export function readEnding(v: RawValue, card: CustomerCard, r: Reporter): Outcome | null {
  const words = [...v.text.matchAll(/\S+/g)].map((m) => ({
    text: m[0],
    span: { start: v.span.start + m.index, end: v.span.start + m.index + m[0].length },
  }));
  if (words.length === 0) {
    r.report('unknown_outcome', v.span, { value: '', expected: OUTCOME_CODES.join(', ') });
    return null;
  }
  const [codeWord, ...params] = words;
  const code = lookup('outcome', codeWord.text) as OutcomeCode | undefined;
  if (!code) {
    r.report('unknown_outcome', codeWord.span, {
      value: codeWord.text,
      suggestion: didYouMean(codeWord.text, OUTCOME_CODES),
      expected: OUTCOME_CODES.join(', '),
    });
    return null;
  }
  const outcome: Outcome = { code, amount: null, date: null };
  for (const p of params) {
    const m = /^([^=＝]+)[=＝](.*)$/.exec(p.text);
    const key = m ? exactly('outcomeParam', m[1]) : undefined;
    if (!m || !key) {
      r.report('invalid_ending', p.span, {
        detail: `cannot read \`${p.text}\``,
        fix: 'Write `amount=…` and `date=…` (金额= / 日期=).',
        reason: 'ending_unreadable',
        value: p.text,
      });
      continue;
    }
    if (key === 'amount') {
      const word = exactly('amount', m[2]);
      const n = Number(m[2].replace(/,/g, ''));
      if (word) outcome.amount = word === 'minimum' ? card.minimum_payment : card.amount_due;
      else if (m[2] !== '' && Number.isFinite(n) && n > 0) outcome.amount = n;
      else
        r.report('invalid_ending', p.span, {
          detail: `amount \`${m[2]}\` is not a positive number`,
          fix: 'Use a number, `minimum` (最低) or `full` (全额).',
          reason: 'ending_amount',
          value: m[2],
        });
    } else {
      const rel = /^\+(\d+)(d|天)$/.exec(m[2]);
      if (rel) outcome.date = `+${rel[1]}d`;
      else if (/^\d{4}-\d{2}-\d{2}$/.test(m[2]) && !Number.isNaN(Date.parse(m[2]))) outcome.date = m[2];
      else
        r.report('invalid_ending', p.span, {
          detail: `date \`${m[2]}\` is neither YYYY-MM-DD nor +Nd`,
          fix: 'Use e.g. `date=2025-07-01` or `date=+3d` (+3天).',
          reason: 'ending_date',
          value: m[2],
        });
    }
  }
  if (code === 'ptp' && (outcome.amount === null || outcome.date === null)) {
    const missing = [outcome.amount === null && 'an amount', outcome.date === null && 'a date']
      .filter(Boolean)
      .join(' and ');
    r.report('ptp_missing_terms', v.span, { missing });
  }
  return outcome;
}
