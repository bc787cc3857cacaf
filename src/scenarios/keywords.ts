/**
 * The bilingual vocabulary of the script format: each table maps what a trainer may write (English or Chinese)
 * to the canonical id stored in the IR. Lookups are case-insensitive for ASCII.
 */
import { CATEGORIES, RELATIONS } from '../scoring/types.ts';
import { CALL_STAGES, MOODS, OUTCOME_CODES, STATE_VARS, TONES } from './ir.ts';

/** Node field keywords (`key: value` lines). */
export const FIELD_KEYS: Record<string, string> = {
  ...identity(['stage', 'party', 'verifies', 'cease', 'reveals', 'effects', 'expect', 'model', 'why', 'options', 'branches', 'end', 'feedback']),
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
};

export const STAGE_WORDS: Record<string, string> = {
  ...identity(CALL_STAGES),
  开场: 'opening',
  核身: 'verification',
  来意: 'purpose',
  了解: 'situation',
  协商: 'negotiation',
  承诺: 'promise',
  结束: 'closing',
};

/** `party:` values: the debtor or the relation of a third party. */
export const PARTY_WORDS: Record<string, string> = {
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
};

export const MOOD_WORDS: Record<string, string> = {
  ...identity(MOODS),
  平静: 'calm',
  不耐烦: 'annoyed',
  生气: 'annoyed',
  友好: 'warm',
  热情: 'warm',
};

export const QUALITY_WORDS: Record<string, string> = { ...identity(['good', 'ok', 'bad']), 好: 'good', 一般: 'ok', 差: 'bad' };

export const STATE_WORDS: Record<string, string> = {
  ...identity(STATE_VARS),
  信任: 'trust',
  烦躁: 'irritation',
  耐心: 'patience',
  意愿: 'willingness',
};

export const TONE_WORDS: Record<string, string> = { ...identity(TONES), 礼貌: 'polite', 中性: 'neutral', 粗鲁: 'rude' };

export const CATEGORY_WORDS: Record<string, string> = {
  ...identity(CATEGORIES),
  威胁: 'threat',
  辱骂: 'abuse',
  冒充: 'impersonation',
  误导: 'misrepresentation',
  提前披露: 'premature_disclosure',
  隐私: 'privacy',
};

export const OUTCOME_WORDS: Record<string, string> = identity(OUTCOME_CODES);

/** Condition keywords; Chinese ones may be written without spaces around them. */
export const CONDITION_WORDS: Record<string, string> = {
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
};

export const BRANCH_IF = ['if', '若', '如果'];
export const BRANCH_ELSE = ['else', '否则'];
export const YES_WORDS = ['yes', 'true', '是'];
export const NO_WORDS = ['no', 'false', '否'];
export const AMOUNT_WORDS: Record<string, 'minimum' | 'full'> = {
  minimum: 'minimum',
  最低: 'minimum',
  最低还款: 'minimum',
  full: 'full',
  全额: 'full',
};
export const OUTCOME_PARAM_KEYS: Record<string, 'amount' | 'date'> = { amount: 'amount', 金额: 'amount', date: 'date', 日期: 'date' };

/** Canonical id for `word` in `table`, or undefined. */
export function lookup(table: Record<string, string>, word: string): string | undefined {
  // A Map per table: `Object.hasOwn` with a freshly sliced key string made V8 internalize it on every call, which was
  // the largest single cost of scanning a 1,000-node script.
  // Consecutive lookups mostly use one table (every line's field key), so the last table's Map is kept at hand.
  let map = table === lastTable ? lastMap : maps.get(table);
  if (!map) maps.set(table, (map = new Map(Object.entries(table))));
  lastTable = table;
  lastMap = map;
  return map.get(word) ?? map.get(word.toLowerCase());
}

/**
 * A table's keys grouped by length, to read a key in place: `keyAt` finds the key spelled exactly as a stretch of the
 * source without slicing it (field keys, qualities, moods, stages and state variables are read on almost every
 * structural line, and each slice was a throwaway string). Built once per table, at module load.
 */
export class KeyIndex {
  /** Keys of each length, and their canonical values at the same positions. */
  private readonly keys: (string[] | undefined)[] = [];
  private readonly values: (string[] | undefined)[] = [];

  constructor(readonly table: Record<string, string>) {
    for (const [key, value] of Object.entries(table)) {
      (this.keys[key.length] ??= []).push(key);
      (this.values[key.length] ??= []).push(value);
    }
  }

  /** The key spelled exactly as `source[from, to)`, if any: the same text as a slice, without allocating one. */
  keyAt(source: string, from: number, to: number): string | undefined {
    const k = this.indexAt(source, from, to);
    return k < 0 ? undefined : this.keys[to - from]![k];
  }

  /** `lookup(table, source.slice(from, to))`, slicing only when the word is not written exactly as a key. */
  lookupAt(source: string, from: number, to: number): string | undefined {
    // An exact match is what `lookup` finds first (`map.get(word)`), so it returns the same value.
    return this.valueAt(source, from, to) ?? lookup(this.table, source.slice(from, to));
  }

  /** The canonical value of the key spelled exactly as `source[from, to)`, if any (no case folding). */
  valueAt(source: string, from: number, to: number): string | undefined {
    const k = this.indexAt(source, from, to);
    return k < 0 ? undefined : this.values[to - from]![k];
  }

  private indexAt(source: string, from: number, to: number): number {
    const length = to - from;
    const keys = length > 0 && length < this.keys.length ? this.keys[length] : undefined;
    if (keys === undefined) return -1;
    // Compared code by code: keys are a few characters long, and `startsWith` is a call per key.
    next: for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      for (let i = 0; i < length; i++) if (key.charCodeAt(i) !== source.charCodeAt(from + i)) continue next;
      return k;
    }
    return -1;
  }
}

export const FIELD_KEY_INDEX = new KeyIndex(FIELD_KEYS);
export const STAGE_INDEX = new KeyIndex(STAGE_WORDS);
export const MOOD_INDEX = new KeyIndex(MOOD_WORDS);
export const QUALITY_INDEX = new KeyIndex(QUALITY_WORDS);
export const STATE_INDEX = new KeyIndex(STATE_WORDS);
export const TONE_INDEX = new KeyIndex(TONE_WORDS);
export const CATEGORY_INDEX = new KeyIndex(CATEGORY_WORDS);
export const CONDITION_INDEX = new KeyIndex(CONDITION_WORDS);
/** State variables, tones and categories together: a condition's word spelled as any of them reuses that key. */
export const CONDITION_NAME_INDEX = new KeyIndex({ ...STATE_WORDS, ...TONE_WORDS, ...CATEGORY_WORDS });

const maps = new WeakMap<Record<string, string>, Map<string, string>>();
let lastTable: Record<string, string> | undefined;
let lastMap: Map<string, string> | undefined;

function identity(ids: readonly string[]): Record<string, string> {
  return Object.fromEntries(ids.map((id) => [id, id]));
}
