/**
 * A deterministic corpus of realistic trainee lines (zh and en) for the scoring benchmark: templates with slots
 * filled by a seeded PRNG, mixing compliant lines, violations and tricky negatives, with varied call contexts.
 */
import type { Lang, ScoringContext } from '../src/scoring/index.ts';

export interface CorpusLine {
  lang: Lang;
  text: string;
  context: Partial<ScoringContext>;
}

const ZH = [
  '您好，我是{bank}信用卡中心催收部的{sur}先生，工号{num}，请问您是{name}本人吗？',
  '您的信用卡已经逾期{d}天，目前欠款{amt}元，最低还款{min}元',
  '我理解您现在的困难，我们可以帮您申请分期，每月压力会小一些',
  '请问是遇到什么困难了吗？方便说一下原因吗？',
  '您看什么时候能还上这笔钱？',
  '跟您确认一下，您会在{day}号前通过官方App还款{amt}元，对吗？',
  '逾期会影响您的个人征信，利息也会继续产生',
  '感谢您的配合，如有疑问请拨打客服热线95555，再见',
  '请不要转账到任何个人账户，只通过银行官方渠道还款',
  '根据合同约定，银行可能依法通过法律途径处理，我们更希望和您协商',
  '您放心，不会有人上门抓您，逾期属于民事问题',
  '我们不是警察，也不是法院，我们是银行信用卡中心',
  '麻烦您转告他方便时回个电话，谢谢',
  '你再不还钱就等着坐牢吧',
  '你这个老赖，借钱不还还有理了？',
  '我们已经起诉你了，传票这两天就到',
  '你先把钱转到我个人账户上，我帮你处理减免',
  '再不还就发到你朋友圈，让你同事都知道',
  '你赶紧把钱还了，听懂了没有？',
  '这里是{court}，请您配合调查',
  '你去网贷平台借一笔先把这个还上',
  '您丈夫的信用卡已经逾期{d}个月了',
];
const EN = [
  'Hello, this is {first} from {bank}, am I speaking with {full}?',
  'Your balance of ${amt} is {d} days past due.',
  "I understand, that sounds really stressful. Let's look at a payment plan together.",
  'Can you tell me what happened this month?',
  'How much could you pay by Friday?',
  'Just to confirm, you will pay ${amt} on the {day}th through our official website?',
  'Late payments may be reported to the credit bureaus.',
  'Thank you for your time, you can call us back at 800-555-0100. Have a good day.',
  'Never send money to a personal account; only pay through our official website.',
  'Under the agreement, the bank may take legal action as permitted by law.',
  "Don't worry, no one is going to arrest you over a credit card balance.",
  "I am not the police; I'm calling from {bank}.",
  'If you have a complaint, you can contact the CFPB.',
  'Could you ask {first} to call me back when convenient?',
  "If you don't pay today, a warrant will be issued for your arrest.",
  'Listen, you deadbeat, pay what you owe.',
  "We're going to sue you if we don't get a payment by Friday.",
  "I'm calling from the Civil Investigations Unit regarding your case.",
  "I'll let your boss know about this debt.",
  'Listen to me, just pay it already.',
  'This is an attempt to collect a debt, and any information obtained will be used for that purpose.',
  "Your husband's account is past due.",
];
const FILL: Record<string, string[]> = {
  bank: ['招商银行', '建设银行', '工商银行', 'First Bank', 'Summit Card Services'],
  sur: ['王', '李', '张', '刘', '陈'],
  name: ['张三', '李四', '王五', '赵敏'],
  first: ['Dana', 'Mark', 'Priya', 'Luis'],
  full: ['John Smith', 'Mary Jones', 'Wei Chen'],
  court: ['北京市朝阳区人民法院', '公安局经济犯罪侦查科', '金融调解中心'],
  num: ['1024', '3307', '5521'],
};

/** Park–Miller PRNG: the same seed always gives the same corpus. */
function prng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** `perLang` lines per language; one or two templates per line, slots filled, contexts varied. */
export function buildCorpus(perLang = 1200, seed = 20260122): CorpusLine[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const fill = (t: string) =>
    t.replace(/\{(\w+)\}/g, (_, k: string) =>
      FILL[k]
        ? pick(FILL[k])
        : k === 'amt'
          ? String(100 + Math.floor(rand() * 9900))
          : k === 'min'
            ? String(50 + Math.floor(rand() * 500))
            : String(1 + Math.floor(rand() * 28)),
    );
  const out: CorpusLine[] = [];
  for (const [lang, templates] of [
    ['zh', ZH],
    ['en', EN],
  ] as const)
    for (let i = 0; i < perLang; i++) {
      const text =
        rand() < 0.3
          ? `${fill(pick(templates))}${lang === 'zh' ? '' : ' '}${fill(pick(templates))}`
          : fill(pick(templates));
      out.push({
        lang,
        text,
        context: {
          party: rand() < 0.8 ? 'debtor' : 'third_party',
          relation: pick(['spouse', 'parent', 'colleague', 'other'] as const),
          verified: rand() < 0.7,
          stage: pick(['opening', 'verification', 'purpose', 'negotiation', 'closing'] as const),
          local_time: pick(['09:30', '14:00', '20:45', '21:30', '22:10']),
          caller_type: rand() < 0.8 ? 'bank' : 'agency',
          calls_today: Math.floor(rand() * 8),
          calls_last_7_days: Math.floor(rand() * 10),
        },
      });
    }
  return out;
}
