/** Engine behaviour a trainee or trainer would notice: context changes verdicts, findings explain themselves. */
import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { createEngine, loadRulePacks, scoreOf, type Lang, type ScoringContext } from '../../src/scoring/index.ts';

const loaded = loadRulePacks(readRuleFiles());
const engine = createEngine(JSON.parse(JSON.stringify(loaded)));
const rules = (text: string, lang: Lang, ctx?: Partial<ScoringContext>) =>
  engine.assess(text, lang, ctx).findings.map((f) => f.rule);

describe('spouse: a third party in CN, the consumer in US', () => {
  const spouse: Partial<ScoringContext> = { party: 'third_party', relation: 'spouse' };
  it('CN flags telling a spouse about the arrears', () => {
    expect(rules('您丈夫的信用卡已经逾期三个月了', 'zh', spouse)).toContain('cn-third-party-disclosure');
  });
  it('US lets a spouse hear it (12 CFR 1006.6(a)(1)) but not a parent', () => {
    expect(rules("Your husband's account is past due.", 'en', spouse)).not.toContain('us-third-party-disclosure');
    expect(rules("Your son's account is past due.", 'en', { party: 'third_party', relation: 'parent' })).toContain(
      'us-third-party-disclosure',
    );
  });
  it('--jurisdiction CN applies the CN view to an English line', () => {
    expect(rules("Your husband's account is past due.", 'en', { ...spouse, jurisdiction: 'CN' })).toContain(
      'cn-third-party-disclosure',
    );
  });
});

describe('context defaults', () => {
  it('defaults the jurisdiction by language and bank policy from the pack', () => {
    expect(engine.resolveContext('zh').jurisdiction).toBe('CN');
    expect(engine.resolveContext('en').jurisdiction).toBe('US');
    expect(engine.resolveContext('zh').bank_policy.call_window).toBe('08:00-22:00');
    expect(engine.resolveContext('en').bank_policy.call_window).toBe('08:00-21:00');
  });
  it('a call is outbound unless the caller says inbound; an inbound service greeting gets no outbound opening checklist', () => {
    expect(engine.resolveContext('zh').call_direction).toBe('outbound');
    expect(engine.resolveContext('zh', { call_direction: 'inbound' }).call_direction).toBe('inbound');
    const greeting = '您好，华信银行信用卡中心，工号6021，很高兴为您服务。';
    expect(rules(greeting, 'zh', { stage: 'opening' })).toEqual(['cn-opening-elements']);
    expect(rules(greeting, 'zh', { stage: 'opening', call_direction: 'inbound' })).toEqual([]);
  });
  it('keeps pack defaults for the policy fields a caller leaves out', () => {
    const ctx = engine.resolveContext('zh', {
      bank_policy: { call_window: '08:00-21:00' } as ScoringContext['bank_policy'],
    });
    expect(ctx.bank_policy).toEqual({
      sues: true,
      field_visits: false,
      reports_to_bureau: true,
      call_window: '08:00-21:00',
    });
  });
  it('21:30 is fine under the CN default window and late under a stricter bank policy', () => {
    const line = '您好，请问是张先生吗？';
    expect(rules(line, 'zh', { local_time: '21:30' })).not.toContain('cn-contact-hours');
    expect(
      rules(line, 'zh', {
        local_time: '21:30',
        bank_policy: { call_window: '08:00-21:00' } as ScoringContext['bank_policy'],
      }),
    ).toContain('cn-contact-hours');
  });
});

describe('call-level findings', () => {
  const ctx: Partial<ScoringContext> = {
    local_time: '22:30',
    calls_last_7_days: 9,
    cease_request: true,
    attorney_represented: true,
  };
  it('are included in assess with no span, and can be left out per line', () => {
    const a = engine.assess('Hello, may I speak with John?', 'en', ctx);
    const callRules = a.findings
      .filter((f) => f.start === 0 && f.end === 0)
      .map((f) => f.rule)
      .sort();
    expect(callRules).toEqual(['us-attorney-represented', 'us-call-frequency', 'us-contact-hours']);
    expect(engine.assess('Hello, may I speak with John?', 'en', ctx, { callLevel: false }).findings).toEqual([]);
  });
  it('callLevelFindings lists the same rules without a line', () => {
    expect(
      engine
        .callLevelFindings(ctx, 'en')
        .map((f) => f.rule)
        .sort(),
    ).toEqual(['us-attorney-represented', 'us-call-frequency', 'us-contact-hours']);
  });
  it('a stop-calling request is judged per line, even when call-level findings are left out: collection talk fires, honouring it does not', () => {
    const perLine = (text: string) =>
      engine.assess(text, 'en', { cease_request: true }, { callLevel: false }).findings.map((f) => f.rule);
    expect(perLine('Before you go, when can you make a payment?')).toContain('us-cease-request-ignored');
    expect(perLine("Understood. We won't call you again; anything further will come in writing.")).toEqual([]);
  });
});

describe('findings explain themselves', () => {
  const text = '你这个老赖，再不还钱就等着坐牢吧';
  const a = engine.assess(text, 'zh');
  it('quote the words at UTF-16 offsets, with message, better line and sources', () => {
    for (const f of a.findings) {
      expect(f.quote).toBe(text.slice(f.start, f.end));
      expect(f.quote.length).toBeGreaterThan(0);
      expect(f.message && f.better).toBeTruthy();
      expect(f.sources.length).toBeGreaterThan(0);
    }
    expect(a.findings.map((f) => [f.rule, f.quote])).toEqual([
      ['cn-insult-profanity', '你这个老赖'],
      ['cn-false-criminal-threat', '坐牢'],
    ]);
  });
  it('one critical finding is a compliance blocker', () => {
    expect(scoreOf(a.findings).blocker).toBe(true);
    expect(scoreOf(engine.assess('您好，请问是张先生本人吗？', 'zh').findings)).toMatchObject({
      blocker: false,
      score: 100,
    });
  });
  it('offsets count UTF-16 units (emoji before the evidence)', () => {
    const f = engine.assess('😀😀 you deadbeat', 'en').findings.find((x) => x.rule === 'us-abusive-language')!;
    expect([f.start, f.end]).toEqual([9, 17]);
  });
});

describe('tone is independent of compliance', () => {
  it('polite but illegal: courteous disclosure to a parent', () => {
    const a = engine.assess('您好，麻烦您转告您儿子，他的信用卡已经逾期了，谢谢您', 'zh', {
      party: 'third_party',
      relation: 'parent',
    });
    expect(a.tone.label).toBe('polite');
    expect(a.findings.map((f) => f.rule)).toContain('cn-third-party-disclosure');
  });
  it('rude but legal: curt, with no violation', () => {
    const a = engine.assess('你赶紧把这个月的钱还了，听懂了没有？', 'zh');
    expect(a.tone.label).toBe('rude');
    expect(a.findings.filter((f) => f.category !== 'tone')).toEqual([]);
  });
  it('an insult makes the line rude as well as a violation', () => {
    const a = engine.assess('你是不是脑子有病？欠钱不还。', 'zh', { party: 'debtor', verified: true });
    expect(a.tone.label).toBe('rude');
    expect(a.findings.map((f) => f.rule)).toContain('cn-insult-profanity');
  });
  it('plain facts are neutral, and reasons carry their spans', () => {
    expect(engine.assess('Your payment of $120 is due on Friday.', 'en').tone.label).toBe('neutral');
    const polite = engine.assess('Thank you, I understand.', 'en').tone;
    expect(polite.label).toBe('polite');
    expect(polite.reasons.map((r) => r.reason)).toEqual(['thanks the customer', 'shows understanding']);
  });
});

describe('moves and script elements', () => {
  it('finds several moves per line with evidence', () => {
    const a = engine.assess('我理解您的难处，我们可以帮您申请分期，您看什么时候能还？', 'zh');
    expect(a.moves.map((m) => [m.move, m.evidence])).toEqual([
      ['empathise', '理解'],
      ['offer_plan', '分期'],
      ['request_promise', '什么时候能还'],
    ]);
  });
  it('reports the opening-drill elements covered and coaches the missing ones', () => {
    const a = engine.assess('您好，我是招商银行的，请问是张三先生本人吗？', 'zh', { stage: 'opening' });
    expect(a.elements).toEqual(['greeting', 'institution', 'right_party_question']);
    const script = a.findings.find((f) => f.category === 'script')!;
    expect(script.message).toContain('部门、姓氏、工号');
  });
});

describe('robustness', () => {
  it('skips an unsafe pattern that reached createEngine in hand-edited JSON', () => {
    const data = JSON.parse(JSON.stringify(loaded));
    data.packs[0].rules[0].patterns = { zh: ['(a+)+$'], en: ['(a+)+$'] };
    const hostile = createEngine(data);
    const t0 = performance.now();
    hostile.assess('a'.repeat(40) + '!', 'en');
    expect(performance.now() - t0).toBeLessThan(100);
  });
  it('scores empty and very long lines', () => {
    expect(engine.assess('', 'zh').findings).toEqual([]);
    expect(() => engine.assess('您好'.repeat(5000), 'zh')).not.toThrow();
  });
});
