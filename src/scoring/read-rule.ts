/** Reads and validates one rule (and the small pieces rules share with moves: guards, test lines, conditions). */
import { isMap, isScalar, type Node } from 'yaml';
import {
  CALL_CHECKS,
  CALL_DIRECTIONS,
  CATEGORIES,
  CONDITION_FIELDS,
  DIALLED_NUMBERS,
  GUARDS,
  RELATIONS,
  RULE_KINDS,
  SEVERITIES,
  STAGES,
  type Conditions,
  type Guard,
  type Lang,
  type PatternsByLang,
  type RuleDef,
  type Source,
  type TestLine,
} from './types.ts';
import { clauseSource, MAX_ALL_PARTS, type MatchClause } from './concepts.ts';
import { minutesOf } from './context.ts';
import type { Fields, YamlReader } from './yaml-reader.ts';

const RULE_KEYS = [
  'id',
  'kind',
  'category',
  'severity',
  'message',
  'better',
  'sources',
  'when',
  'unless',
  'patterns',
  'except',
  'requires',
  'moves',
  'elements',
  'check',
  'max',
  'window',
  'guards',
  'tests',
  'description',
  'note',
  'match',
] as const;
const DEFAULT_GUARDS: Guard[] = ['negation', 'quotation', 'reassurance'];
const CONTEXT_KEYS = [
  'party',
  'relation',
  'verified',
  'stage',
  'local_time',
  'caller_type',
  'consent_late_call',
  'cease_request',
  'attorney_represented',
  'legal_action_filed',
  'disclosure_given',
  'calls_today',
  'calls_last_7_days',
  'bank_policy',
  'jurisdiction',
  'call_direction',
  'unanswered_today',
  'dialled',
  'own_number_invalid',
  'failed_attempts_in_row',
  'third_party_related',
];
/** The contact facts of the CBA 2026 rules, checked in test contexts so a typo is an error at its place, not a silent pass. */
const COUNT_KEYS = ['unanswered_today', 'failed_attempts_in_row'];
const FLAG_KEYS = ['own_number_invalid', 'third_party_related'];
const ENUMS: Record<string, readonly string[]> = {
  party: ['debtor', 'third_party'],
  relation: RELATIONS,
  stage: STAGES,
  caller_type: ['bank', 'agency'],
  call_direction: CALL_DIRECTIONS,
  dialled: DIALLED_NUMBERS,
};

/** One rule, or undefined (with diagnostics) when anything about it is wrong: a broken rule is left out whole. */
export function readRule(
  node: Node,
  r: YamlReader,
  pack: string,
  line: (offset: number) => number,
): RuleDef | undefined {
  const errorsBefore = r.errors;
  const f = r.map(node, 'a rule', RULE_KEYS);
  if (!f) return undefined;
  r.requireFields(f, ['id', 'category', 'severity', 'message', 'better', 'sources'], 'rule', node);
  const v = (k: string) => f.get(k)?.value;
  const id = f.has('id') ? r.string(v('id'), 'rule id') : undefined;
  if (id !== undefined && !/^[a-z][a-z0-9_-]*$/.test(id))
    r.report('invalid_id', v('id'), `rule id \`${id}\` must be lowercase letters, digits, - or _`);
  const kind = f.has('kind') ? r.oneOf(v('kind'), 'kind', RULE_KINDS, 'unknown_kind') : 'pattern';
  const rule: Partial<RuleDef> = {
    id,
    pack,
    kind,
    category: f.has('category') ? r.oneOf(v('category'), 'category', CATEGORIES, 'unknown_category') : undefined,
    severity: f.has('severity') ? r.oneOf(v('severity'), 'severity', SEVERITIES, 'unknown_severity') : undefined,
    message: f.has('message') ? r.bilingual(v('message'), 'message') : undefined,
    better: f.has('better') ? r.bilingual(v('better'), 'better') : undefined,
    sources: f.has('sources') ? readSources(v('sources'), r) : undefined,
    when: readConditions(v('when'), r, 'when'),
    unless: readConditions(v('unless'), r, 'unless'),
    patterns: mergePatterns(
      f.has('patterns') ? r.patterns(v('patterns'), 'patterns') : {},
      f.has('match') ? readMatch(v('match'), r) : {},
    ),
    except: f.has('except') ? r.patterns(v('except'), 'except') : {},
    requires: f.has('requires') ? r.patterns(v('requires'), 'requires') : {},
    moves: readIds(v('moves'), r, 'moves'),
    elements: readIds(v('elements'), r, 'elements'),
    guards: f.has('guards') ? readGuards(v('guards'), r) : [...DEFAULT_GUARDS],
    tests: readTests(v('tests'), r, f.get('tests')?.key ?? node),
    file: r.file,
    line: line(node.range?.[0] ?? 0),
  };
  if (f.has('check')) rule.check = r.oneOf(v('check'), 'check', CALL_CHECKS, 'unknown_check');
  if (f.has('max')) rule.max = r.number(v('max'), 'max');
  if (f.has('window')) rule.window = readWindow(v('window'), r);
  checkKind(rule, r, node);
  if (rule.kind === 'call' && rule.check === 'outside_guideline_hours' && !f.has('window'))
    r.report('missing_field', node, 'a `call` rule with `outside_guideline_hours` needs `window`');
  return r.errors === errorsBefore ? (rule as RuleDef) : undefined;
}

/** Patterns and the patterns compiled from `match:` clauses, per language; undefined if either was invalid. */
function mergePatterns(a: PatternsByLang | undefined, b: PatternsByLang | undefined): PatternsByLang | undefined {
  if (!a || !b) return undefined;
  const out: PatternsByLang = { ...a };
  for (const lang of ['zh', 'en'] as const) if (b[lang]?.length) out[lang] = [...(out[lang] ?? []), ...b[lang]!];
  return out;
}

const CLAUSE_KEYS = ['any', 'all', 'within', 'after', 'before'] as const;

/**
 * `match: {zh: [clauses], en: [clauses]}` — order-free operators (see concepts.ts): each clause becomes one pattern,
 * checked like an authored one, with problems reported at the clause.
 */
function readMatch(node: Node | null | undefined, r: YamlReader): PatternsByLang | undefined {
  const f = r.map(node, 'match', ['zh', 'en']);
  if (!f) return undefined;
  const out: PatternsByLang = {};
  let ok = true;
  for (const [lang, { value }] of f as Map<Lang, { value: Node | null }>) {
    out[lang] = [];
    for (const item of r.list(value, `match.${lang}`) ?? []) {
      const c = r.map(item, 'a match clause', CLAUSE_KEYS);
      if (!c) {
        ok = false;
        continue;
      }
      const parts = (key: 'any' | 'all') =>
        c.has(key)
          ? (r.list(c.get(key)!.value, `${key}`) ?? []).map((n) => r.string(n, `a part of ${key}`))
          : undefined;
      const clause: MatchClause = {
        any: parts('any') as string[] | undefined,
        all: parts('all') as string[] | undefined,
      };
      if (c.has('within')) clause.within = r.number(c.get('within')!.value, 'within');
      if (c.has('after')) clause.after = r.string(c.get('after')!.value, 'after');
      if (c.has('before')) clause.before = r.string(c.get('before')!.value, 'before');
      const given = [clause.any, clause.all];
      if (given.filter(Boolean).length !== 1) {
        r.report('invalid_match', item, 'a match clause needs exactly one of `any` or `all`');
        ok = false;
        continue;
      }
      if ([...(clause.any ?? []), ...(clause.all ?? [])].some((p) => p === undefined)) {
        ok = false;
        continue;
      }
      if ((clause.all?.length ?? 0) > MAX_ALL_PARTS) {
        r.report(
          'invalid_match',
          c.get('all')!.value,
          `\`all\` takes at most ${MAX_ALL_PARTS} parts`,
          'Split the clause into two rules or use an anchor (`after`/`before`)',
        );
        ok = false;
        continue;
      }
      if (
        clause.within !== undefined &&
        !(Number.isInteger(clause.within) && clause.within >= 0 && clause.within <= 60)
      ) {
        r.report('invalid_value', c.get('within')!.value, '`within` must be a whole number of characters from 0 to 60');
        ok = false;
        continue;
      }
      const source = r.pattern(clauseSource(clause, lang), item, lang, true);
      if (source === undefined) ok = false;
      else out[lang]!.push(source);
    }
  }
  return ok ? out : undefined;
}

/** Each kind needs its own fields: the dispatch in the engine relies on them. */
function checkKind(rule: Partial<RuleDef>, r: YamlReader, node: Node): void {
  // An invalid field was already reported (and is undefined here): do not also call it missing.
  const has = (p: object | undefined) => p === undefined || Object.values(p).some((x) => (x as unknown[]).length > 0);
  const need = (ok: boolean, field: string) =>
    ok || r.report('missing_field', node, `a \`${rule.kind}\` rule needs \`${field}\``);
  if (rule.kind === 'pattern') need(has(rule.patterns), 'patterns');
  if (rule.kind === 'move') need((rule.moves ?? []).length > 0, 'moves');
  if (rule.kind === 'missing' && need(has(rule.requires), 'requires'))
    need(has(rule.patterns) || (rule.moves ?? []).length > 0, 'patterns or moves');
  if (rule.kind === 'elements') need((rule.elements ?? []).length > 0, 'elements');
  if (rule.kind === 'call' && need(rule.check !== undefined, 'check'))
    need(
      !['calls_today', 'calls_last_7_days', 'unanswered_today', 'third_party_too_early'].includes(rule.check!) ||
        rule.max !== undefined,
      'max',
    );
}

function readSources(node: Node | null | undefined, r: YamlReader): Source[] | undefined {
  const items = r.list(node, 'sources');
  if (!items || items.length === 0) return r.report('missing_field', node, 'a rule needs at least one source');
  const out: Source[] = [];
  for (const item of items) {
    const f = r.map(item, 'a source', ['clause', 'url', 'status']);
    if (!f || !r.requireFields(f, ['clause', 'url', 'status'], 'source', item)) continue;
    // Both languages: a finding shows its sources in the interface language, never a zh clause in the English UI.
    const clauseNode = f.get('clause')!.value;
    const clause = isScalar(clauseNode)
      ? r.report('invalid_type', clauseNode, 'source clause must give both languages', 'Write `clause: {zh: …, en: …}`')
      : r.bilingual(clauseNode, 'source clause');
    const url = r.string(f.get('url')!.value, 'source url');
    const status = r.oneOf(f.get('status')!.value, 'source status', ['V', 'S', 'T', 'NF'] as const, 'unknown_status');
    if (url !== undefined && !/^https?:\/\//.test(url))
      r.report('invalid_value', f.get('url')!.value, `source url \`${url}\` must start with http(s)://`);
    if (clause && url && status) out.push({ clause, url, status });
  }
  return out;
}

/** `when:`/`unless:` — context fields and their allowed values, checked against the contract's vocabularies. */
export function readConditions(node: Node | null | undefined, r: YamlReader, what: string): Conditions {
  const out: Conditions = {};
  if (node === undefined) return out;
  const f = r.map(node, what, CONDITION_FIELDS);
  for (const [field, { value }] of f ?? []) {
    const values: Array<string | boolean> = [];
    for (const item of r.list(value, `${what}.${field}`) ?? []) {
      const raw = isScalar(item) ? item.value : undefined;
      const allowed = ENUMS[field];
      if (allowed ? typeof raw === 'string' && allowed.includes(raw) : typeof raw === 'boolean')
        values.push(raw as string | boolean);
      else
        r.report(
          'invalid_value',
          item,
          `${what}.${field} cannot be \`${String(raw)}\``,
          allowed ? `Use one of ${allowed.join(', ')}` : 'Use true or false',
        );
    }
    out[field as keyof Conditions] = values;
  }
  return out;
}

export function readGuards(node: Node | null | undefined, r: YamlReader): Guard[] {
  return (r.list(node, 'guards') ?? [])
    .map((g) => r.oneOf(g, 'guard', GUARDS, 'unknown_guard'))
    .filter((g): g is Guard => g !== undefined);
}

function readIds(node: Node | null | undefined, r: YamlReader, what: string): string[] {
  if (node === undefined) return [];
  return (r.list(node, what) ?? [])
    .map((n) => r.string(n, `an id in ${what}`))
    .filter((s): s is string => s !== undefined);
}

function readTests(node: Node | null | undefined, r: YamlReader, at: Node): RuleDef['tests'] {
  const tests: RuleDef['tests'] = { fires: [], passes: [] };
  const f = node === undefined ? undefined : r.map(node, 'tests', ['fires', 'passes']);
  if (f) {
    tests.fires = readTestLines(f.get('fires')?.value, r, 'tests.fires');
    tests.passes = readTestLines(f.get('passes')?.value, r, 'tests.passes');
  }
  if (!tests.fires.length || !tests.passes.length)
    r.report(
      'missing_test_lines',
      at,
      'a rule needs test lines under `tests.fires` and `tests.passes`',
      'Add a line that must fire and one that must not',
      'warning',
    );
  return tests;
}

/** Test or example lines: a string, or `{text, lang?, context?}`. */
export function readTestLines(node: Node | null | undefined, r: YamlReader, what: string): TestLine[] {
  if (node === undefined) return [];
  const out: TestLine[] = [];
  for (const item of r.list(node, what) ?? []) {
    if (!isMap(item)) {
      const text = r.string(item, `a line in ${what}`);
      if (text !== undefined) out.push({ text });
      continue;
    }
    const f = r.map(item, `a line in ${what}`, ['text', 'lang', 'context']);
    if (!f || !r.requireFields(f, ['text'], 'test line', item)) continue;
    const text = r.string(f.get('text')!.value, 'text');
    const lang = f.has('lang')
      ? r.oneOf(f.get('lang')!.value, 'lang', ['zh', 'en'] as const, 'invalid_value')
      : undefined;
    const ctxNode = f.get('context')?.value;
    const ctxFields = ctxNode === undefined ? undefined : r.map(ctxNode, 'test context', CONTEXT_KEYS);
    if (text === undefined || (ctxNode !== undefined && !ctxFields)) continue;
    if (ctxFields && !contactFactsValid(ctxFields, r)) continue;
    out.push({
      text,
      ...(lang ? { lang } : {}),
      ...(ctxNode !== undefined ? { context: (ctxNode as Node).toJSON() } : {}),
    });
  }
  return out;
}

/** The contact facts' values in a test context: counts are whole numbers ≥ 0, flags true/false, `dialled` own/third_party. */
function contactFactsValid(fields: Fields, r: YamlReader): boolean {
  let ok = true;
  for (const [key, { value }] of fields) {
    const raw = isScalar(value) ? value.value : undefined;
    const bad = (expected: string) => {
      r.report('invalid_value', value, `test context ${key} cannot be \`${String(raw)}\``, `Use ${expected}`);
      ok = false;
    };
    if (COUNT_KEYS.includes(key) && !(typeof raw === 'number' && Number.isInteger(raw) && raw >= 0))
      bad('a whole number ≥ 0');
    if (FLAG_KEYS.includes(key) && typeof raw !== 'boolean') bad('true or false');
    if (key === 'dialled' && !(typeof raw === 'string' && (DIALLED_NUMBERS as readonly string[]).includes(raw)))
      bad(DIALLED_NUMBERS.join(' or '));
  }
  return ok;
}

/** `window: "HH:MM-HH:MM"` (24-hour; may cross midnight), or undefined with an error at the value. */
function readWindow(node: Node | null | undefined, r: YamlReader): string | undefined {
  const text = r.string(node, 'window');
  if (text === undefined) return undefined;
  const parts = text.split('-');
  if (parts.length === 2 && parts.every((p) => minutesOf(p) !== undefined)) return text;
  return r.report(
    'invalid_value',
    node,
    `window \`${text}\` must be "HH:MM-HH:MM"`,
    'Write it in quotes, e.g. "08:00-22:00"',
  );
}
