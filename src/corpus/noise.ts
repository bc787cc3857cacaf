/**
 * The noisy copy of a split: realistic typing noise applied to each line from a fixed seed (per line id, so a line's
 * noisy form never depends on which other lines are evaluated). Its tables are the evaluation's own, written apart
 * from the normaliser's, so the noisy figure is not the normaliser checking itself; typos no table undoes are
 * included on purpose.
 */
import { randomStream } from '../machines/rng.ts';
import type { Lang } from '../scoring/types.ts';

/** A few dozen common characters a traditional-script typist writes differently. */
const TRADITIONAL: Record<string, string> = Object.fromEntries(
  [
    ...'说說还還钱錢会會们們这這银銀单單门門让讓对對时時号號给給账賬债債罚罰报報监監狱獄劳勞诉訴讼訟师師务務关關系係过過吗嗎话話电電请請问問谢謝么麼样樣从從后後发發开開见見点點个個为為无無专專业業亲親属屬户戶冻凍结結资資产產认認识識证證码碼验驗处處经經济濟学學邻鄰领領导導转轉红紅费費执執网網贷貸记記录錄里裡难難麻麻烦煩应應该該欠欠现現在在处處让讓没沒进進东東车車两兩历歷万萬',
  ].reduce<string[][]>((pairs, ch, i, all) => (i % 2 === 0 ? [...pairs, [ch, all[i + 1]]] : pairs), []),
);
/** Characters often typed for one another by a pinyin IME. */
const HOMOPHONE: Record<string, string> = {
  在: '再',
  再: '在',
  的: '地',
  做: '作',
  已: '以',
  坐: '做',
  察: '查',
  账: '帐',
  那: '哪',
  吗: '嘛',
  您: '你',
};
const EMOJI = ['😡', '🙏', '😊', '👍', '😤', '💰', '⚠️', '😂'];
const SEPARATORS = [' ', '.', '*', '-', '_'];

type Rng = () => number;

/** The line's own stream: the seed mixed with its id, so no line's noise depends on another's. */
function rngFor(id: string, seed: number): Rng {
  let h = seed >>> 0;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return randomStream(h);
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const isHan = (c: string) => /\p{Script=Han}/u.test(c);

function zhNoise(text: string, r: Rng): string {
  let chars = [...text];
  const kind = Math.floor(r() * 6);
  if (kind === 0) {
    // A separator between the characters of one stretch ("坐 牢", "警.察").
    const sep = pick(r, SEPARATORS);
    const at = Math.floor(r() * Math.max(1, chars.length - 3));
    chars = chars.map((c, i) => (i > at && i <= at + 3 && isHan(c) && isHan(chars[i - 1]) ? sep + c : c));
  } else if (kind === 1) {
    chars = chars.map((c) => (TRADITIONAL[c] && r() < 0.8 ? TRADITIONAL[c] : c));
  } else if (kind === 2) {
    // Full-width digits and letters, half-width clause punctuation.
    const half: Record<string, string> = { '，': ',', '。': '.', '？': '?', '！': '!' };
    chars = chars.map((c) => (/[0-9A-Za-z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : (half[c] ?? c)));
  } else if (kind === 3) {
    chars = chars.map((c) => (HOMOPHONE[c] && r() < 0.6 ? HOMOPHONE[c] : c));
  } else if (kind === 4) {
    const at = Math.floor(r() * chars.length);
    chars.splice(at, 0, pick(r, EMOJI));
    if (r() < 0.5) chars.push(pick(r, EMOJI));
  } else {
    // A repeated character and a doubled final mark ("快快快", "？？？").
    const at = Math.floor(r() * chars.length);
    if (isHan(chars[at])) chars.splice(at, 0, chars[at], chars[at]);
    chars.push(pick(r, ['！！', '？？', '。。。', '~~']));
  }
  return chars.join('');
}

function enNoise(text: string, r: Rng): string {
  const kind = Math.floor(r() * 6);
  if (kind === 0) return text.toUpperCase();
  if (kind === 1) return text.replace(/['’]/g, '');
  if (kind === 2) {
    // One typo in one longer word: swapped, dropped or doubled letter.
    const words = text.split(/(\s+)/);
    const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{5,}/.test(w));
    if (!long.length) return text.toLowerCase();
    const [w, i] = pick(r, long);
    const at = 1 + Math.floor(r() * (w.length - 3));
    const op = Math.floor(r() * 3);
    words[i] =
      op === 0
        ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2)
        : op === 1
          ? w.slice(0, at) + w.slice(at + 1)
          : w.slice(0, at) + w[at] + w.slice(at);
    return words.join('');
  }
  if (kind === 3)
    return text
      .replace(/\b(\w*?)([aeiou])(\w*)\b/, (_m, a: string, v: string, b: string) => `${a}${v.repeat(4)}${b}`)
      .toLowerCase();
  if (kind === 4) return text.replace(/[.?!]*$/, pick(r, ['!!!', '??', ' lol', ' ...']));
  // Informal spellings.
  return text
    .replace(/\byou\b/gi, 'u')
    .replace(/\bare\b/gi, 'r')
    .replace(/\bgoing to\b/gi, 'gonna')
    .replace(/\bbecause\b/gi, 'cuz');
}

/** The noisy form of one line; the same id and seed always give the same text, and it is never the clean line. */
export function addNoise(id: string, text: string, lang: Lang, seed = 20261207): string {
  const r = rngFor(id, seed);
  const noisy = lang === 'zh' ? zhNoise(text, r) : enNoise(text, r);
  // A kind of noise that found nothing to change (no homophone, no long word) falls back to a doubled final mark.
  return noisy !== text ? noisy : `${text}${lang === 'zh' ? '！！' : '!!'}`;
}
