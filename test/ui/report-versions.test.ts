/** Issue 15 part H: the report names, in small print, the app, rule-pack and scenario versions that judged the call. */
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { attemptReport } from '../../src/report/attempt-report.ts';
import { LEGACY_POLICY } from '../../src/report/pass-policy.ts';
import type { Scenario } from '../../src/scenarios/ir.ts';
import { locale } from '../../src/state/locale.svelte.ts';
import CallReport from '../../src/ui/practice/CallReport.svelte';

const scenario = {
  id: 's',
  title: '首次联系',
  lang: 'zh',
  jurisdiction: 'CN',
  nodes: [],
  local_time: '10:00',
  briefing_html: '',
  card: { name: '李娜', card_tail: '3519', amount_due: 8420, minimum_payment: 842, days_overdue: 32, extra: {} },
} as unknown as Scenario;
const report = attemptReport({
  course: 'first_contact',
  policy: LEGACY_POLICY,
  outcome: null,
  recordChecks: [],
  turns: [],
});
const props = { scenario, transcript: [], report, checks: [], onagain: () => {} };
const versions = { app: '0.1.0', rules: { cn: '0123456789ab', tone: 'ba9876543210' }, scenario: 'abcdefabcdef' };

afterEach(() => {
  cleanup();
  locale.set('zh-CN');
});

describe('the versions on a report', () => {
  it('are shown in both languages when the attempt kept them', () => {
    render(CallReport, { ...props, versions });
    expect(
      screen.getByText('评判版本：应用 0.1.0 · 规则包 cn 0123456789ab, tone ba9876543210 · 场景 abcdefabcdef'),
    ).toBeTruthy();
    cleanup();
    locale.set('en');
    render(CallReport, { ...props, versions });
    expect(
      screen.getByText('Judged by: app 0.1.0 · rule packs cn 0123456789ab, tone ba9876543210 · scenario abcdefabcdef'),
    ).toBeTruthy();
  });

  it('are left out for calls from before versions were kept', () => {
    render(CallReport, props);
    expect(screen.queryByText(/评判版本/)).toBeNull();
  });
});
