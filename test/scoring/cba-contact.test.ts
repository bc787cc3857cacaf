/**
 * The CBA 2026 contact limits in the CN pack (issue 15 part H): unanswered attempts per number, third parties only
 * once the debtor is out of reach (related third parties told apart), and test contexts that check their values.
 */
import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';
import { createEngine, loadRulePacks, type ScoringContext } from '../../src/scoring/index.ts';

const engine = createEngine(loadRulePacks(readRuleFiles()));
const rulesFor = (ctx: Partial<ScoringContext>) =>
  engine.callLevelFindings({ jurisdiction: 'CN', ...ctx }, 'zh').map((f) => f.rule);

describe('CBA 2026: at most 6 unanswered attempts a day on one number', () => {
  it('lets the sixth attempt through and flags the seventh, whatever the day’s answered calls', () => {
    expect(rulesFor({ unanswered_today: 5 })).not.toContain('cn-cba-unanswered-attempts');
    expect(rulesFor({ unanswered_today: 6 })).toContain('cn-cba-unanswered-attempts');
    expect(rulesFor({ unanswered_today: 6, calls_today: 1 })).toContain('cn-cba-unanswered-attempts');
  });

  it('is silent when nothing about earlier attempts is known', () => {
    expect(rulesFor({})).not.toContain('cn-cba-unanswered-attempts');
  });
});

describe('CBA 2026: a third party’s number only once the debtor is out of reach', () => {
  const thirdParty = { dialled: 'third_party', party: 'third_party' } as const;

  it('flags calling an unrelated third party before three failed attempts or an invalid own number', () => {
    expect(rulesFor(thirdParty)).toContain('cn-cba-third-party-too-early');
    expect(rulesFor({ ...thirdParty, failed_attempts_in_row: 2 })).toContain('cn-cba-third-party-too-early');
  });

  it('allows it after three failed attempts in a row or once the own number proved invalid', () => {
    expect(rulesFor({ ...thirdParty, failed_attempts_in_row: 3 })).not.toContain('cn-cba-third-party-too-early');
    expect(rulesFor({ ...thirdParty, own_number_invalid: true })).not.toContain('cn-cba-third-party-too-early');
  });

  it('tells a debt-related third party (a spouse whose household the debt paid for) apart from an unrelated one', () => {
    expect(rulesFor({ ...thirdParty, relation: 'spouse', third_party_related: true })).not.toContain(
      'cn-cba-third-party-too-early',
    );
    expect(rulesFor({ ...thirdParty, relation: 'spouse', third_party_related: false })).toContain(
      'cn-cba-third-party-too-early',
    );
  });

  it('says nothing when the debtor’s own number was dialled, even if someone else answers', () => {
    expect(rulesFor({ dialled: 'own', party: 'third_party', relation: 'spouse' })).not.toContain(
      'cn-cba-third-party-too-early',
    );
  });
});

describe('the rule linter checks the new contact facts', () => {
  const pack = (context: string, check = 'unanswered_today', max: number | null = 6) => `pack: t
jurisdiction: CN
title: {zh: 测试, en: Test}
rules:
  - id: t-rule
    kind: call
    check: ${check}${max === null ? '' : `\n    max: ${max}`}
    category: contact_rules
    severity: major
    message: {zh: 消息, en: message}
    better: {zh: 更好, en: better}
    sources:
      - {clause: {zh: 条款, en: clause}, url: 'https://example.org', status: S}
    tests:
      fires:
        - {text: 您好, context: ${context}}
      passes:
        - {text: 您好}
`;
  const diagnostics = (text: string) =>
    loadRulePacks([{ file: 'content/rules/t.yaml', text }]).diagnostics.map(formatDiagnostic);

  it('accepts well-formed values', () => {
    expect(diagnostics(pack('{unanswered_today: 6}'))).toEqual([]);
  });

  it('reports a bad count, flag or number kind at its line and column', () => {
    expect(diagnostics(pack('{unanswered_today: many}'))).toContainEqual(
      'content/rules/t.yaml:17:50 error invalid_value test context unanswered_today cannot be `many` (Use a whole number ≥ 0)',
    );
    expect(diagnostics(pack('{own_number_invalid: yes please}')).join('\n')).toMatch(
      /t\.yaml:17:\d+ error .*own_number_invalid cannot be `yes please`/,
    );
    expect(diagnostics(pack('{dialled: neighbour}')).join('\n')).toMatch(
      /t\.yaml:17:\d+ error .*dialled cannot be `neighbour`.*own or third_party/,
    );
  });

  it('requires a limit on the count checks', () => {
    expect(diagnostics(pack('{unanswered_today: 6}', 'unanswered_today', null)).join('\n')).toMatch(/needs `max`/);
    expect(diagnostics(pack('{dialled: third_party}', 'third_party_too_early', null)).join('\n')).toMatch(
      /needs `max`/,
    );
  });
});

describe('CBA 2026: no calls 22:00–08:00 without consent, and the bank’s stricter window', () => {
  const hours = (ctx: Partial<ScoringContext>) =>
    rulesFor(ctx).filter((r) => r === 'cn-contact-hours' || r === 'cn-cba-quiet-hours');

  it('one finding for a late call: the bank’s window when it is the stricter, the guideline’s when the bank’s is wider', () => {
    expect(hours({ local_time: '22:30' })).toEqual(['cn-contact-hours']);
    expect(
      hours({ local_time: '21:30', bank_policy: { call_window: '08:00-21:00' } as ScoringContext['bank_policy'] }),
    ).toEqual(['cn-contact-hours']);
    expect(
      hours({ local_time: '22:30', bank_policy: { call_window: '07:00-23:00' } as ScoringContext['bank_policy'] }),
    ).toEqual(['cn-cba-quiet-hours']);
    expect(
      hours({ local_time: '07:30', bank_policy: { call_window: '07:00-23:00' } as ScoringContext['bank_policy'] }),
    ).toEqual(['cn-cba-quiet-hours']);
  });

  it('none inside both windows, or with the debtor’s consent', () => {
    expect(hours({ local_time: '21:59' })).toEqual([]);
    expect(
      hours({
        local_time: '23:00',
        consent_late_call: true,
        bank_policy: { call_window: '07:00-23:30' } as ScoringContext['bank_policy'],
      }),
    ).toEqual([]);
  });

  it('the linter wants a well-formed `window` on the rule', () => {
    const rule = (window: string) => `pack: t
jurisdiction: CN
title: {zh: 测试, en: Test}
rules:
  - id: t-rule
    kind: call
    check: outside_guideline_hours
${window}    category: contact_rules
    severity: major
    message: {zh: 消息, en: message}
    better: {zh: 更好, en: better}
    sources:
      - {clause: {zh: 条款, en: clause}, url: 'https://example.org', status: S}
    tests:
      fires: [{text: 您好, context: {local_time: '23:00', bank_policy: {call_window: '00:00-23:59'}}}]
      passes: [您好]
`;
    const diagnostics = (text: string) =>
      loadRulePacks([{ file: 'content/rules/t.yaml', text }]).diagnostics.map(formatDiagnostic);
    expect(diagnostics(rule('    window: "08:00-22:00"\n'))).toEqual([]);
    expect(diagnostics(rule('')).join('\n')).toMatch(/needs `window`/);
    expect(diagnostics(rule('    window: "8-22"\n'))).toEqual([
      'content/rules/t.yaml:8:13 error invalid_value window `8-22` must be "HH:MM-HH:MM" (Write it in quotes, e.g. "08:00-22:00")',
    ]);
  });
});
