/**
 * Phase 2a: validate the front matter and turn it into the typed scenario header (everything but the nodes).
 * Reports every problem it finds and fills safe placeholders so later phases can keep going.
 */
import { didYouMean } from '../../diagnostics/diagnostic.ts';
import type { BankPolicy, Jurisdiction, Lang } from '../../scoring/types.ts';
import { ARCHETYPE_SPECS, PERSONA_PARAMS } from '../semantics/archetypes.ts';
import { ARCHETYPES, COURSE_STAGES, type Scenario } from '../ir.ts';
import type { Fields } from '../parse/front-matter.ts';
import type { Reporter } from '../report.ts';
import { readCard, readHidden, readCallLog, readContact } from './header-sections.ts';

export type Header = Omit<Scenario, 'ir_version' | 'briefing' | 'briefing_html' | 'start' | 'nodes' | 'source'> & {
  start: string | null;
};

const TOP_KEYS = [
  'id',
  'title',
  'lang',
  'jurisdiction',
  'difficulty',
  'course',
  'caller_type',
  'local_time',
  'bank_policy',
  'call_log',
  'contact',
  'card',
  'hidden',
  'persona',
  'start',
  'caller',
  'withhold',
  'exam_hide_card',
];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Validates the front matter fields; returns the header with placeholders where fields were wrong. */
export function readHeader(f: Fields, r: Reporter): Header {
  for (const { key, span } of f.keys()) {
    if (!TOP_KEYS.includes(key)) r.report('unknown_field', span, { field: key, suggestion: didYouMean(key, TOP_KEYS) });
  }
  const str = (key: string, expected: string, test: (s: string) => boolean = (s) => s.trim() !== ''): string => {
    const v = f.value(key);
    if (v === undefined || v === null) r.report('missing_field', f.span(key), { field: key, expected });
    else if (typeof v !== 'string' && typeof v !== 'number')
      r.report('invalid_field', f.span(key), { field: key, expected });
    else if (!test(String(v))) r.report('invalid_field', f.span(key), { field: key, value: String(v), expected });
    else return String(v);
    return '';
  };
  const oneOf = <T extends string>(key: string, values: readonly T[], fallback: T): T => {
    const v = str(key, values.join(' or '), (s) => (values as readonly string[]).includes(s));
    return (values as readonly string[]).includes(v) ? (v as T) : fallback;
  };

  const id = str('id', 'a unique slug like zh-first-contact-tight-money', (s) => /^[a-z0-9][a-z0-9_-]*$/.test(s));
  const title = str('title', 'the title shown in the library');
  const lang = oneOf<Lang>('lang', ['zh', 'en'], 'zh');
  const jurisdiction = oneOf<Jurisdiction>('jurisdiction', ['CN', 'US'], 'CN');
  const difficulty = readDifficulty(f, r);
  const course = readCourse(f, r);
  const caller_type = oneOf('caller_type', ['bank', 'agency'] as const, 'bank');
  const local_time = str('local_time', 'the local time as "HH:MM" in quotes', (s) => TIME.test(s)) || '10:00';
  const start = f.has('start') ? str('start', 'a node id') || null : null;
  return {
    id,
    title,
    lang,
    jurisdiction,
    difficulty,
    course,
    caller_type,
    local_time,
    start,
    bank_policy: readPolicy(f.at('bank_policy'), f, r),
    call_log: readCallLog(f, r),
    ...optional('contact', readContact(f, r)),
    card: readCard(f, r),
    hidden: readHidden(f, r),
    persona: readPersona(f, r),
  };
}

/** `{ [key]: value }` when there is a value, else nothing (so an absent section leaves no `undefined` key in the IR). */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function readDifficulty(f: Fields, r: Reporter): 1 | 2 | 3 {
  const v = f.value('difficulty');
  const words: Record<string, 1 | 2 | 3> = {
    easy: 1,
    normal: 2,
    hard: 3,
    '1': 1,
    '2': 2,
    '3': 3,
    简单: 1,
    普通: 2,
    困难: 3,
  };
  if (v === undefined || v === null)
    r.report('missing_field', f.span('difficulty'), { field: 'difficulty', expected: '1-3 or easy/normal/hard' });
  else if (Object.hasOwn(words, String(v))) return words[String(v)];
  else
    r.report('invalid_field', f.span('difficulty'), {
      field: 'difficulty',
      value: String(v),
      expected: '1, 2, 3 or easy, normal, hard',
    });
  return 1;
}

function readCourse(f: Fields, r: Reporter): Header['course'] {
  const v = f.value('course');
  if (v === undefined || v === null)
    r.report('missing_field', f.span('course'), { field: 'course', expected: COURSE_STAGES.join(', ') });
  else if ((COURSE_STAGES as readonly unknown[]).includes(v)) return v as Header['course'];
  else
    r.report('unknown_course', f.span('course'), {
      value: String(v),
      suggestion: didYouMean(String(v), COURSE_STAGES),
      expected: COURSE_STAGES.join(', '),
    });
  return 'first_contact';
}

function readPolicy(p: Fields, f: Fields, r: Reporter): BankPolicy {
  const policy: BankPolicy = { call_window: '08:00-21:00', sues: false, field_visits: false, reports_to_bureau: true };
  if (!f.has('bank_policy')) {
    r.report('missing_field', f.span('bank_policy'), {
      field: 'bank_policy',
      expected: 'call_window, sues, field_visits, reports_to_bureau',
    });
    return policy;
  }
  const win = p.value('call_window');
  const m = typeof win === 'string' ? /^(\d\d:\d\d)\s*-\s*(\d\d:\d\d)$/.exec(win.trim()) : null;
  if (m && TIME.test(m[1]) && TIME.test(m[2])) policy.call_window = `${m[1]}-${m[2]}`;
  else if (win === undefined)
    r.report('missing_field', p.span('call_window'), { field: 'bank_policy.call_window', expected: '"08:00-21:00"' });
  else
    r.report('invalid_field', p.span('call_window'), {
      field: 'bank_policy.call_window',
      value: String(win),
      expected: '"HH:MM-HH:MM" in quotes',
    });
  for (const key of ['sues', 'field_visits', 'reports_to_bureau'] as const) {
    const v = p.value(key);
    if (typeof v === 'boolean') policy[key] = v;
    else if (v === undefined)
      r.report('missing_field', p.span(key), { field: `bank_policy.${key}`, expected: 'true or false' });
    else
      r.report('invalid_field', p.span(key), {
        field: `bank_policy.${key}`,
        value: String(v),
        expected: 'true or false',
      });
  }
  return policy;
}

function readPersona(f: Fields, r: Reporter): Header['persona'] {
  const p = f.at('persona');
  const fallback = { archetype: 'cooperative' as const, params: { ...ARCHETYPE_SPECS.cooperative.defaults } };
  if (!f.has('persona')) {
    r.report('missing_field', f.span('persona'), {
      field: 'persona',
      expected: `archetype: ${ARCHETYPES.join(' | ')}`,
    });
    return fallback;
  }
  for (const { key, span } of p.keys()) {
    const known = ['archetype', ...PERSONA_PARAMS];
    if (!known.includes(key))
      r.report('unknown_field', span, { field: `persona.${key}`, suggestion: didYouMean(key, known) });
  }
  const a = p.value('archetype');
  let archetype: Header['persona']['archetype'] = 'cooperative';
  if (a === undefined)
    r.report('missing_field', p.span('archetype'), { field: 'persona.archetype', expected: ARCHETYPES.join(', ') });
  else if ((ARCHETYPES as readonly unknown[]).includes(a)) archetype = a as typeof archetype;
  else
    r.report('unknown_archetype', p.span('archetype'), {
      value: String(a),
      suggestion: didYouMean(String(a), ARCHETYPES),
      expected: ARCHETYPES.join(', '),
    });
  const params = { ...ARCHETYPE_SPECS[archetype].defaults };
  for (const key of PERSONA_PARAMS) {
    const v = p.value(key);
    if (v === undefined) continue;
    const max = key === 'ability_to_pay' ? Infinity : 100;
    if (typeof v === 'number' && v >= 0 && v <= max) params[key] = v;
    else
      r.report('invalid_field', p.span(key), {
        field: `persona.${key}`,
        value: String(v),
        expected: max === Infinity ? 'an amount >= 0' : 'a number from 0 to 100',
      });
  }
  return { archetype, params };
}
