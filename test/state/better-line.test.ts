/** Issue 14: better lines name this call's people instead of the rule packs' stand-ins. */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenarios/ir.ts';
import { callPeople, fillBetter, withCallPeople } from '../../src/state/better-line.ts';
import type { Assessment, Finding } from '../../src/scoring/types.ts';

const ZH_OPENING = '您好，我是XX银行信用卡中心XX部的王先生，工号1024，请问您是张三先生本人吗？';
const EN_OPENING = 'Hello, this is Dana from First Card Services. Am I speaking with John Smith?';

function scenario(over: Omit<Partial<Scenario>, 'card'> & { card: Partial<Scenario['card']> }): Scenario {
  const card = {
    name: '陈静',
    card_tail: '1234',
    amount_due: 100,
    minimum_payment: 10,
    days_overdue: 30,
    extra: {},
    ...over.card,
  };
  return { lang: 'zh', ...over, card } as Scenario;
}

describe('better lines for this call', () => {
  it('address a woman as 女士 with the bank, department, trainee and staff number of the call', () => {
    const people = callPeople(
      scenario({
        card: { honorific: '女士' },
        caller: { institution: '华信银行信用卡中心', department: '账务管理部' },
      }),
      { name: '王小明', staffNo: '3021' },
    );
    expect(fillBetter(ZH_OPENING, people)).toBe(
      '您好，我是华信银行信用卡中心账务管理部的王小明，工号3021，请问您是陈静女士本人吗？',
    );
  });

  it('use the full name when the card gives no form of address, and keep stand-ins nothing replaces', () => {
    const people = callPeople(scenario({ card: {} }), null);
    expect(fillBetter(ZH_OPENING, people)).toBe(
      '您好，我是XX银行信用卡中心XX部的王先生，工号1024，请问您是陈静本人吗？',
    );
  });

  it('in English address by title and surname, and leave the company out where the scenario withholds it', () => {
    const en = {
      lang: 'en' as const,
      card: { name: 'Jordan Reed', honorific: 'Mr.' },
      caller: { institution: 'Crestline Partners', department: '' },
    };
    const trainee = { name: 'Alex Kim', staffNo: '9001' };
    expect(fillBetter(EN_OPENING, callPeople(scenario(en), trainee))).toBe(
      'Hello, this is Alex Kim from Crestline Partners. Am I speaking with Mr. Reed?',
    );
    expect(fillBetter(EN_OPENING, callPeople(scenario({ ...en, withhold: ['institution'] }), trainee))).toBe(
      'Hello, this is Alex Kim. Am I speaking with Mr. Reed?',
    );
  });

  it('fill every finding of an assessment and leave the rest of it as it was', () => {
    const people = callPeople(scenario({ card: { honorific: '女士' } }), null);
    const finding: Omit<Finding, 'better'> = {
      rule: 'r',
      category: 'script',
      severity: 'minor',
      start: 0,
      end: 0,
      quote: '',
      message: 'm',
      sources: [],
    };
    const a: Assessment = {
      findings: [
        { ...finding, better: '请问您是张三先生本人吗？' },
        { ...finding, better: '' },
      ],
      tone: { label: 'neutral', score: 50, reasons: [] },
      moves: [],
      elements: ['greeting'],
    };
    const filled = withCallPeople(a, people);
    expect(filled.findings.map((f) => f.better)).toEqual(['请问您是陈静女士本人吗？', '']);
    expect(filled.elements).toBe(a.elements);
    expect(a.findings[0].better).toBe('请问您是张三先生本人吗？');
  });
});
