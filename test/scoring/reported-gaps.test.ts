/**
 * The content writers' gap report (bad script options no rule flagged, missing moves, a tone false positive): each
 * reported line, in the context its script node gives it, is flagged by the right rule with the right category and
 * severity, and the near-misses a careful reviewer would let through stay clean.
 */
import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import { createEngine, loadRulePacks, type Lang, type ScoringContext } from '../../src/scoring/index.ts';

const engine = createEngine(loadRulePacks(readRuleFiles()));
const noVisits = { sues: false, field_visits: false, reports_to_bureau: true, call_window: '08:00-21:00' };
const debtor: Partial<ScoringContext> = {
  party: 'debtor',
  verified: true,
  stage: 'negotiation',
  bank_policy: noVisits,
};
const unverified: Partial<ScoringContext> = { ...debtor, verified: false, stage: 'verification' };
const third = (relation: ScoringContext['relation']): Partial<ScoringContext> => ({
  ...unverified,
  party: 'third_party',
  relation,
});
const findings = (text: string, lang: Lang, ctx: Partial<ScoringContext>) =>
  engine.assess(text, lang, ctx, { callLevel: false }).findings.map((f) => `${f.rule} ${f.category} ${f.severity}`);

const flagged: Array<[string, Lang, Partial<ScoringContext>, string]> = [
  ['为了核实身份,麻烦您把刚收到的短信验证码报给我。', 'zh', unverified, 'cn-ask-credentials privacy critical'],
  [
    '好的，请您先报一下卡号、密码和卡背面的三位安全码。',
    'zh',
    { ...unverified, stage: 'opening' },
    'cn-ask-credentials privacy critical',
  ],
  ['好的,您还完把截图发到我微信上,我加您一下,方便跟进。', 'zh', debtor, 'cn-private-social-contact privacy major'],
  ['800？你把钱转我个人微信，我帮你先处理。', 'zh', debtor, 'cn-private-account-payment improper_payment critical'],
  ['800？你把钱转我个人微信，我帮你先处理。', 'zh', debtor, 'cn-private-social-contact privacy major'],
  [
    '何止房贷,征信黑了这辈子都贷不了款,孩子考公务员都受影响。',
    'zh',
    debtor,
    'cn-exaggerated-consequence misrepresentation major',
  ],
  ['月底不行!这周不还,我们就派人上门找你。', 'zh', debtor, 'cn-false-field-visit misrepresentation critical'],
  [
    '太好了，您把新号给我。顺便跟他说，再不回电我们就派人到单位来找他。',
    'zh',
    { ...third('colleague'), stage: 'closing' },
    'cn-false-field-visit misrepresentation critical',
  ],
  [
    '您别多想,就是他信用卡的一点小事,不是大问题。',
    'zh',
    third('spouse'),
    'cn-third-party-disclosure third_party critical',
  ],
  [
    '那太好了，他欠我们九千六百多，您看每月从工资里扣一部分行吗？',
    'zh',
    third('employer'),
    'cn-third-party-disclosure third_party critical',
  ],
  ['那您再找别的朋友借点，或者开个网贷先把卡还上。', 'zh', debtor, 'cn-induce-borrowing improper_payment critical'],
  ['我能说出您的身份证号和家庭住址,这还不能证明吗?', 'zh', unverified, 'cn-reveal-personal-data privacy major'],
  [
    "The bank will take you to court if you don't pay by Friday.",
    'en',
    debtor,
    'us-threat-unintended-action misrepresentation critical',
  ],
  // The negation belongs to the condition, not to the threat (found playing the US first-contact scenario).
  [
    'You owe us $2,340 and if you do not pay today we will take you to court.',
    'en',
    debtor,
    'us-threat-unintended-action misrepresentation critical',
  ],
  [
    "You're a month behind. If this isn't paid this week it goes to our legal department.",
    'en',
    debtor,
    'us-threat-unintended-action misrepresentation critical',
  ],
  [
    'This is the Civil Recovery Unit. Your $4,860 Harbor National debt is now a legal matter.',
    'en',
    debtor,
    'us-false-government impersonation critical',
  ],
  [
    "We're handling his Harbor National credit card account. He's a couple of months behind.",
    'en',
    third('other'),
    'us-third-party-disclosure third_party critical',
  ],
  [
    "Great. Tell him if he doesn't call back we'll keep calling here every day until he does.",
    'en',
    { ...third('other'), stage: 'closing' },
    'us-repeated-call-threat contact_rules major',
  ],
  [
    "I'd rather not say who I'm with. Just tell him to call.",
    'en',
    third('other'),
    'us-no-meaningful-identity missing_disclosure major',
  ],
];

describe('reported bad lines are flagged by the right rule', () => {
  for (const [text, lang, ctx, expected] of flagged)
    it(`${expected.split(' ')[0]}: ${text}`, () => expect(findings(text, lang, ctx)).toContain(expected));
});

describe('near-misses stay clean', () => {
  const clean: Array<[string, Lang, Partial<ScoringContext>]> = [
    ['请不要把验证码告诉任何人。', 'zh', unverified],
    ['卡号、密码、短信验证码请您不要告诉任何人,包括我。', 'zh', unverified],
    ['谢谢您。是周先生本人的一些事情,需要跟他本人沟通。麻烦您请他有空回个电话。', 'zh', third('spouse')],
    ['银行可能会依法上门外访。', 'zh', { ...debtor, bank_policy: { ...noVisits, field_visits: true } }],
    ['我们不会派人上门，您放心。', 'zh', debtor],
    ['Could you ask him to call Sam Patel back at 800-555-0142? Thank you.', 'en', third('other')],
    [
      'Under the agreement, the bank may take legal action as permitted by law.',
      'en',
      { ...debtor, bank_policy: { ...noVisits, sues: true } },
    ],
  ];
  for (const [text, lang, ctx] of clean)
    it(text, () => expect(findings(text, lang, ctx).filter((f) => !f.endsWith('minor'))).toEqual([]));
});

describe('spouse: the consumer in the US, a third party in CN', () => {
  it('the same account hint is a disclosure to a CN spouse only', () => {
    expect(findings('您别多想，就是他信用卡的一点小事。', 'zh', third('spouse'))).toContain(
      'cn-third-party-disclosure third_party critical',
    );
    const en = "We're handling his credit card account; he's a couple of months behind.";
    expect(findings(en, 'en', third('spouse')).some((f) => f.startsWith('us-third-party-disclosure'))).toBe(false);
    expect(findings(en, 'en', third('other'))).toContain('us-third-party-disclosure third_party critical');
  });
});

describe('tone: 骗子 is rude only when it names the listener', () => {
  const tone = (text: string) => engine.assess(text, 'zh').tone.label;
  it('self-reference, negation and anti-fraud warnings are not rude', () => {
    expect(tone('我们真的是XX银行的,您放心,不是骗子。')).not.toBe('rude');
    expect(tone('我们不是骗子')).not.toBe('rude');
    expect(tone('您是不是担心我们是骗子？我理解您的谨慎。')).toBe('polite');
    expect(tone('请注意防范冒充银行工作人员的骗子。')).not.toBe('rude');
  });
  it('calling the customer a fraud still is', () => {
    expect(tone('你这个骗子')).toBe('rude');
    expect(tone('骗子！')).toBe('rude');
  });
});

describe('reported service moves', () => {
  const moves = (text: string, lang: Lang) => engine.assess(text, lang).moves.map((m) => m.move);
  it.each([
    ['我马上帮您办理挂失。', 'zh', 'block_card'],
    ['这笔交易我现在为您登记为非本人交易。', 'zh', 'log_record'],
    ['争议处理部门会在3个工作日内联系您。', 'zh', 'promise_time'],
    ['麻烦您请他有空回个电话。', 'zh', 'request_callback'],
    ['我为您补发一张新卡。', 'zh', 'offer_reissue'],
    ['对不起，我向您道歉。', 'zh', 'apologise'],
    ['This is Dan Mercer from Harbor National Bank.', 'en', 'identify_self'],
    ['Can you confirm the ZIP code on the account?', 'en', 'verify_identity'],
    ['We have two payment plans you could choose from.', 'en', 'offer_plan'],
  ] as Array<[string, Lang, string]>)('%s → %s', (text, lang, move) => expect(moves(text, lang)).toContain(move));
  it('does not mistake what is on file for recording it', () => {
    expect(moves('您提供的资料和我们登记的信息对不上。', 'zh')).not.toContain('log_record');
    expect(moves('逾期记录会影响您的征信。', 'zh')).not.toContain('log_record');
  });
});
