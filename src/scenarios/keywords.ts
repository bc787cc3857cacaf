/**
 * The bilingual vocabulary of the script format, as one table: for each kind of word, what a trainer may write
 * (English or Chinese) mapped to the canonical id stored in the IR. The scanner's patterns and the analyzer's lookups
 * are both made from it, so a keyword added here is understood everywhere it may appear.
 */
import { CATEGORIES, RELATIONS } from '../scoring/types.ts';
import { CALL_STAGES, MOODS, OUTCOME_CODES, STATE_VARS, TONES } from './ir.ts';

export const KEYWORDS = {
  /** Node field keys (`key: value` lines). */
  field: {
    ...identity([
      'stage',
      'party',
      'verifies',
      'cease',
      'reveals',
      'effects',
      'expect',
      'model',
      'why',
      'options',
      'branches',
      'end',
      'feedback',
    ]),
    阶段: 'stage',
    对象: 'party',
    核身: 'verifies',
    停止联系: 'cease',
    透露: 'reveals',
    效果: 'effects',
    要点: 'expect',
    示范: 'model',
    理由: 'why',
    选项: 'options',
    分支: 'branches',
    结局: 'end',
    点评: 'feedback',
  },
  /** The word that starts a branch: `- if …` or the fallback `- else …`. */
  branch: { if: 'if', 若: 'if', 如果: 'if', else: 'else', 否则: 'else' },
  /** An option's quality, in brackets: `- [good] …`. */
  quality: { ...identity(['good', 'ok', 'bad']), 好: 'good', 一般: 'ok', 差: 'bad' },
  /** A persona line's mood, in brackets: `> [annoyed] …`. */
  mood: { ...identity(MOODS), 平静: 'calm', 不耐烦: 'annoyed', 生气: 'annoyed', 友好: 'warm', 热情: 'warm' },
  stage: {
    ...identity(CALL_STAGES),
    开场: 'opening',
    核身: 'verification',
    来意: 'purpose',
    了解: 'situation',
    协商: 'negotiation',
    承诺: 'promise',
    结束: 'closing',
  },
  /** `party:` values: the debtor or the relation of a third party. */
  party: {
    ...identity(['debtor', ...RELATIONS]),
    本人: 'debtor',
    配偶: 'spouse',
    父母: 'parent',
    子女: 'child',
    兄弟姐妹: 'sibling',
    伴侣: 'partner',
    同事: 'colleague',
    单位: 'employer',
    朋友: 'friend',
    其他: 'other',
  },
  /** `verifies:` and `cease:` values. */
  flag: { yes: 'yes', true: 'yes', 是: 'yes', no: 'no', false: 'no', 否: 'no' },
  /** Persona state variables, in effects and conditions. */
  state: { ...identity(STATE_VARS), 信任: 'trust', 烦躁: 'irritation', 耐心: 'patience', 意愿: 'willingness' },
  tone: { ...identity(TONES), 礼貌: 'polite', 中性: 'neutral', 粗鲁: 'rude' },
  category: {
    ...identity(CATEGORIES),
    威胁: 'threat',
    辱骂: 'abuse',
    冒充: 'impersonation',
    误导: 'misrepresentation',
    提前披露: 'premature_disclosure',
    隐私: 'privacy',
  },
  /** Condition keywords; Chinese ones may be written without spaces around them. */
  condition: {
    and: 'and',
    且: 'and',
    并且: 'and',
    or: 'or',
    或: 'or',
    或者: 'or',
    not: 'not',
    非: 'not',
    不: 'not',
    tone: 'tone',
    语气: 'tone',
    finding: 'finding',
    违规: 'finding',
    move: 'move',
    动作: 'move',
    complete: 'complete',
    要点齐全: 'complete',
    silence: 'silence',
    沉默: 'silence',
  },
  outcome: identity(OUTCOME_CODES),
  /** `end: ptp amount=… date=…` parameter names. */
  outcomeParam: { amount: 'amount', 金额: 'amount', date: 'date', 日期: 'date' },
  /** `amount=` words for the card's own figures. */
  amount: { minimum: 'minimum', 最低: 'minimum', 最低还款: 'minimum', full: 'full', 全额: 'full' },
} as const satisfies Record<string, Record<string, string>>;

export type KeywordKind = keyof typeof KEYWORDS;

/** Maps, not property reads: `constructor` is no keyword although every object has one. */
const maps = Object.fromEntries(
  Object.entries(KEYWORDS).map(([kind, table]) => [kind, new Map(Object.entries(table))]),
) as Record<KeywordKind, Map<string, string>>;

/** Canonical id for `word` written as a keyword of `kind` (ASCII letters in any case), or undefined. */
export function lookup(kind: KeywordKind, word: string): string | undefined {
  const map = maps[kind];
  return map.get(word) ?? map.get(word.toLowerCase());
}

/** Canonical id for `word` spelled exactly as a keyword of `kind` (case included), or undefined. */
export function exactly(kind: KeywordKind, word: string): string | undefined {
  return maps[kind].get(word);
}

/** Every spelling of the keywords of `kind`. */
export function spellings(kind: KeywordKind): string[] {
  return [...maps[kind].keys()];
}

/** A regex alternation of the spellings of `kinds`, longest first (so `如果` is tried before a shorter prefix). */
export function alternation(...kinds: KeywordKind[]): string {
  const all = [...new Set(kinds.flatMap(spellings))].sort((a, b) => b.length - a.length);
  return all.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

function identity<const T extends string>(ids: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(ids.map((id) => [id, id])) as { [K in T]: K };
}
