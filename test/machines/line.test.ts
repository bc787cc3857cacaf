/** Promise terms read from the trainee's words: amounts (digits, currency, Chinese and English number words) and dates. */
import { describe, expect, it } from 'vitest';
import { promiseTerms } from '../../src/machines/index.ts';

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
