/** Promise terms read from the trainee's words: amounts (digits, currency, Chinese and English number words) and dates. */
import { describe, expect, it } from 'vitest';
import { promiseTerms } from '../../src/machines/index.ts';
import { identifierAsked, impliedMoves } from '../../src/scenarios/semantics/line.ts';

describe('promiseTerms', () => {
  it.each([
    ['三天内还1286元', 1286, true],
    ['下周三之前,两千一百五十四,我还上', 2154, true],
    ['一千二百多', 1200, false],
    ['one hundred dollars this Friday, call 800-555-0142', 100, true],
    ['$1,200 by the 15th', 1200, true],
    ['还五百块', 500, false],
    ['2025-07-01之前还款', null, true],
    ['今晚或明早通过手机银行还6930元', 6930, true],
    ['发工资那天先还693', 693, true],
    ['I can send $200 tonight', 200, true],
    ['这两天想办法还两千', 2000, false],
  ] as const)('%s → amount %s, date %s', (text, amount, date) => {
    expect(promiseTerms(text)).toEqual({ amount, date });
  });

  it('does not take card tails, staff numbers, overdue days or times for terms', () => {
    expect(promiseTerms('尾号6688的卡,工号3021,逾期35天')).toEqual({ amount: null, date: false });
    expect(promiseTerms('五点前给您回电')).toEqual({ amount: null, date: false });
  });
});

describe('impliedMoves', () => {
  it.each([
    [['confirm_promise'], { amount: 1286, date: true }, ['confirm_promise', 'request_promise']],
    [['confirm_promise'], { amount: null, date: true }, ['confirm_promise']],
    [['request_promise'], { amount: 1286, date: true }, ['request_promise', 'offer_plan']],
    [['request_promise'], { amount: 1286, date: false }, ['request_promise']],
    [['offer_plan'], { amount: 1286, date: true }, ['offer_plan', 'request_promise']],
    [['offer_plan'], { amount: 1286, date: false }, ['offer_plan']],
  ] as const)('%j with %j → %j', (moves, terms, out) => {
    expect(impliedMoves(moves, terms).sort()).toEqual([...out].sort());
  });
});

describe('identifierAsked', () => {
  it.each([
    ['麻烦您报一下身份证后四位', 'id'],
    ['跟我核对下您的出生年月日', 'birth'],
    ['Can you confirm your ZIP code?', 'zip'],
    ['What is your date of birth?', 'birth'],
    ['您尾号6688的卡逾期了', null],
  ] as const)('%s → %s', (text, kind) => {
    expect(identifierAsked(text)).toBe(kind);
  });
});
