/**
 * Chinese lines typed with half-width punctuation (",?:" on an English keyboard, as many script lines are) score
 * exactly like their full-width twins, and evidence is still quoted from the words the trainee typed.
 */
import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { createEngine, loadRulePacks, type ScoringContext } from '../../src/scoring/index.ts';
import { normalize } from '../../src/language/normalize.ts';

const engine = createEngine(loadRulePacks(readRuleFiles()));
const summary = (text: string, ctx?: Partial<ScoringContext>) => {
  const a = engine.assess(text, 'zh', ctx);
  return {
    moves: a.moves.map((m) => m.move),
    elements: a.elements,
    findings: a.findings.map((f) => f.rule),
    tone: a.tone.score,
  };
};

describe('half-width punctuation in Chinese lines', () => {
  const pairs: Array<[string, string, Partial<ScoringContext>?]> = [
    [
      '您好,我是XX银行信用卡中心账务管理部的工作人员,我姓王,工号:3021。请问您是周明先生本人吗?',
      '您好，我是XX银行信用卡中心账务管理部的工作人员，我姓王，工号：3021。请问您是周明先生本人吗？',
      { stage: 'opening', verified: false },
    ],
    [
      '何止房贷,征信黑了这辈子都贷不了款,孩子考公务员都受影响。',
      '何止房贷，征信黑了这辈子都贷不了款，孩子考公务员都受影响。',
    ],
    [
      '您别多想,就是他信用卡的一点小事,不是大问题。',
      '您别多想，就是他信用卡的一点小事，不是大问题。',
      { party: 'third_party', relation: 'spouse', verified: false },
    ],
    ['我们真的是XX银行的,您放心,不是骗子。', '我们真的是XX银行的，您放心，不是骗子。'],
    // A gap like `[^，。！？]{0,6}` must stop at "," too, or "让他…,还款" reads as pressing a third party to pay.
    [
      '麻烦您让他回个电话,还款的事我们跟他本人谈。',
      '麻烦您让他回个电话，还款的事我们跟他本人谈。',
      { party: 'third_party', relation: 'parent', verified: false },
    ],
  ];
  for (const [half, full, ctx] of pairs)
    it(`scores "${half}" like its full-width twin`, () => expect(summary(half, ctx)).toEqual(summary(full, ctx)));

  it('the opening typed half-width covers every opening element', () => {
    expect(summary(pairs[0][0], pairs[0][2]).elements).toEqual(
      expect.arrayContaining([
        'greeting',
        'institution',
        'department',
        'surname',
        'staff_number',
        'right_party_question',
      ]),
    );
  });

  it('keeps offsets and leaves numbers, times and addresses alone', () => {
    expect(normalize('欠款1,240.50元,14:30前还,见www.bank.com.', 'zh').text).toBe(
      '欠款1,240.50元，14:30前还，见www.bank.com。',
    );
    const text = '您好,您的欠款是1,240.50元?';
    const debt = engine.assess(text, 'zh').moves.find((m) => m.move === 'disclose_debt')!;
    expect(text.slice(debt.start, debt.end)).toBe(debt.evidence);
  });
});
