/** Phase 2a, continued: the customer card, the hidden persona facts and the call log from the front matter. */
import { didYouMean } from '../../diagnostics/diagnostic.ts';
import { DIALLED_NUMBERS, RELATIONS } from '../../scoring/types.ts';
import type { CallLogEntry, ContactFacts, CustomerCard, HiddenFacts } from '../ir.ts';
import type { Fields } from '../parse/front-matter.ts';
import type { Reporter } from '../report.ts';

/** The trainee-visible customer card; unknown keys are kept as extra display lines. */
export function readCard(f: Fields, r: Reporter): CustomerCard {
  const c = f.at('card');
  const card: CustomerCard = { name: '', card_tail: '', amount_due: 0, minimum_payment: 0, days_overdue: 0, extra: {} };
  if (!f.has('card')) {
    r.report('missing_field', f.span('card'), {
      field: 'card',
      expected: 'name, card_tail, amount_due, minimum_payment, days_overdue',
    });
    return card;
  }
  const name = c.value('name');
  if (typeof name === 'string' && name.trim()) card.name = name;
  else
    r.report(name === undefined ? 'missing_field' : 'invalid_field', c.span('name'), {
      field: 'card.name',
      expected: "the cardholder's name",
    });
  const tail = c.value('card_tail');
  if (typeof tail === 'string' && /^\d{4}$/.test(tail)) card.card_tail = tail;
  else
    r.report(tail === undefined ? 'missing_field' : 'invalid_field', c.span('card_tail'), {
      field: 'card.card_tail',
      value: tail === undefined ? undefined : String(tail),
      expected: 'four digits in quotes, e.g. "6688"',
    });
  for (const key of ['amount_due', 'minimum_payment', 'days_overdue'] as const) {
    const v = c.value(key);
    if (typeof v === 'number' && v >= 0) card[key] = v;
    else
      r.report(v === undefined ? 'missing_field' : 'invalid_field', c.span(key), {
        field: `card.${key}`,
        value: v === undefined ? undefined : String(v),
        expected: 'a number >= 0',
      });
  }
  if (card.minimum_payment > card.amount_due) {
    r.report('invalid_field', c.span('minimum_payment'), {
      field: 'card.minimum_payment',
      value: card.minimum_payment,
      expected: `at most amount_due (${card.amount_due})`,
    });
  }
  const honorific = c.value('honorific');
  if (typeof honorific === 'string' && honorific.trim()) card.honorific = honorific.trim();
  else if (honorific !== undefined)
    r.report('invalid_field', c.span('honorific'), {
      field: 'card.honorific',
      expected: 'a form of address such as 先生, 女士, Mr. or Ms.',
    });
  const known = ['name', 'card_tail', 'amount_due', 'minimum_payment', 'days_overdue', 'honorific'];
  for (const { key } of c.keys()) if (!known.includes(key)) card.extra[key] = String(c.value(key) ?? '');
  return card;
}

/** Facts only the persona knows. */
export function readHidden(f: Fields, r: Reporter): HiddenFacts {
  const h = f.at('hidden');
  const hidden: HiddenFacts = { real_reason: '', can_pay: 0, answers: 'debtor', secret_words: [], extra: {} };
  if (!f.has('hidden')) {
    r.report('missing_field', f.span('hidden'), { field: 'hidden', expected: 'real_reason, can_pay, answers' });
    return hidden;
  }
  const reason = h.value('real_reason');
  if (typeof reason === 'string' && reason.trim()) hidden.real_reason = reason.trim();
  else
    r.report(reason === undefined ? 'missing_field' : 'invalid_field', h.span('real_reason'), {
      field: 'hidden.real_reason',
      expected: 'why the cardholder is really behind, in words',
    });
  const canPay = h.value('can_pay');
  if (typeof canPay === 'number' && canPay >= 0) hidden.can_pay = canPay;
  else
    r.report(canPay === undefined ? 'missing_field' : 'invalid_field', h.span('can_pay'), {
      field: 'hidden.can_pay',
      expected: 'an amount >= 0',
    });
  const answers = h.value('answers');
  const parties = ['debtor', ...RELATIONS];
  if (answers === undefined)
    r.report('missing_field', h.span('answers'), { field: 'hidden.answers', expected: 'debtor or a relation' });
  else if (parties.includes(String(answers))) hidden.answers = String(answers) as HiddenFacts['answers'];
  else
    r.report('unknown_party', h.span('answers'), {
      value: String(answers),
      suggestion: didYouMean(String(answers), parties),
      expected: RELATIONS.join(', '),
    });
  const words = h.value('secret_words');
  if (Array.isArray(words) && words.every((w) => typeof w === 'string' || typeof w === 'number'))
    hidden.secret_words = words.map(String).filter((w) => w.trim());
  else if (words !== undefined)
    r.report('invalid_field', h.span('secret_words'), {
      field: 'hidden.secret_words',
      expected: 'a list of words, e.g. [停工, 生活费]',
    });
  for (const { key } of h.keys()) {
    if (!['real_reason', 'can_pay', 'answers', 'secret_words'].includes(key))
      hidden.extra[key] = String(h.value(key) ?? '');
  }
  return hidden;
}

/** Earlier contact attempts the trainee can read. */
export function readCallLog(f: Fields, r: Reporter): CallLogEntry[] {
  const v = f.value('call_log');
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) {
    r.report('invalid_field', f.span('call_log'), { field: 'call_log', expected: 'a list of {date, result, note}' });
    return [];
  }
  return v.map((item, i) => {
    const e = item as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || e.date === undefined || e.result === undefined) {
      r.report('invalid_field', f.at('call_log').span(i), {
        field: `call_log[${i}]`,
        expected: 'date and result (note optional)',
      });
      return { date: '', result: '', note: '' };
    }
    return { date: String(e.date), result: String(e.result), note: e.note === undefined ? '' : String(e.note) };
  });
}

const CONTACT_KEYS = [
  'dialled',
  'unanswered_today',
  'failed_attempts_in_row',
  'own_number_invalid',
  'third_party_related',
] as const;

/**
 * The facts of this dial that contact rules judge (`contact:`); absent keys keep the plainest case (the debtor's own
 * number, first attempt). Rules such as the CBA 2026 limits read them exactly as `npm run score` context does.
 */
export function readContact(f: Fields, r: Reporter): ContactFacts | undefined {
  if (!f.has('contact')) return undefined;
  const c = f.at('contact');
  const out: ContactFacts = {};
  for (const { key, span } of c.keys()) {
    if (!(CONTACT_KEYS as readonly string[]).includes(key))
      r.report('unknown_field', span, { field: `contact.${key}`, suggestion: didYouMean(key, CONTACT_KEYS) });
  }
  const dialled = c.value('dialled');
  if (dialled !== undefined) {
    if ((DIALLED_NUMBERS as readonly unknown[]).includes(dialled)) out.dialled = dialled as ContactFacts['dialled'];
    else
      r.report('invalid_field', c.span('dialled'), {
        field: 'contact.dialled',
        value: String(dialled),
        expected: DIALLED_NUMBERS.join(' or '),
      });
  }
  for (const key of ['unanswered_today', 'failed_attempts_in_row'] as const) {
    const v = c.value(key);
    if (v === undefined) continue;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) out[key] = v;
    else
      r.report('invalid_field', c.span(key), {
        field: `contact.${key}`,
        value: String(v),
        expected: 'a whole number >= 0',
      });
  }
  for (const key of ['own_number_invalid', 'third_party_related'] as const) {
    const v = c.value(key);
    if (v === undefined) continue;
    if (typeof v === 'boolean') out[key] = v;
    else
      r.report('invalid_field', c.span(key), { field: `contact.${key}`, value: String(v), expected: 'true or false' });
  }
  return out;
}
