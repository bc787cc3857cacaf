/** What the persona says at a built-in ending (the script had no ending of that kind), per language. */
import type { Lang } from '../scoring/types.ts';

export const BUILT_IN_LINES: Record<'hung_up' | 'complaint', Record<Lang, string[]>> = {
  hung_up: {
    zh: ['行了，不想听了。（挂断）', '我没空跟你说这些。（挂断）'],
    en: ["I'm done with this call. (hangs up)", "I don't have time for this. (hangs up)"],
  },
  complaint: {
    zh: ['你这是什么态度？我要打客服电话投诉你！', '你们就是这么打电话的？我要投诉！'],
    en: [
      "That's out of line. I'm filing a complaint about this call.",
      'I want your supervisor. I am making a complaint.',
    ],
  },
};
