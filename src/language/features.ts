/**
 * Features the on-device classifiers read, as 32-bit hashes produced without allocating: character 1–3-grams for
 * Chinese (robust to spacing, typos and unseen compounds by construction), word unigrams and bigrams over stems for
 * English, tone-bearing punctuation, the context of the moment as bias features and a few whole-line cues. Each
 * feature is visited with the span of the normalised text it covers, so a decision can be traced back to words.
 *
 * Negation scope is marked the classic way: from a negation cue to the end of its clause (or a word that starts a
 * new main clause), features are read as negated, so "不会有人上门" does not look like the threat it denies.
 * (Measured on the dev split and left out: situation-tagged copies of every feature, which the context rules do
 * better, and English character 4-grams, which cost a third of the time and added nothing once text is normalised.)
 */
import type { Lang, ListenerContext } from './types.ts';

/** Called once per feature occurrence with its hash and span ([0, 0) for whole-line features). */
export type Visit = (hash: number, start: number, end: number) => void;

/**
 * A feature found by someone who knows more than n-grams: a concept of the lexicon (`police`, `field_visit`…) heard
 * at [start, end) of the normalised line, hashed with `conceptHash`. Concepts let a model learn "a visit to the
 * workplace" once from any of its many forms, and carry what it learnt to forms it never saw in training.
 */
export interface Mark {
  hash: number;
  start: number;
  end: number;
}

export const conceptHash = (name: string) => hashKey(`c:${name}`);
/** A call move the rules' patterns heard: the model weighs it with everything else (stacking). */
export const ruleMoveHash = (move: string) => hashKey(`r:${move}`);
/** Two concepts heard in one line: what a linear model cannot combine by itself ("tell" with "employer"). */
export const conceptPairHash = (a: string, b: string) => hashKey(a < b ? `c:${a}&${b}` : `c:${b}&${a}`);

const PRIME = 0x01000193;
const OFFSET = 0x811c9dc5;
const mix = (h: number, x: number) => Math.imul(h ^ x, PRIME) >>> 0;

/** Hash of a string key (whole-line features), same function as the n-grams use. */
export function hashKey(key: string): number {
  let h = OFFSET;
  for (let i = 0; i < key.length; i++) h = mix(h, key.charCodeAt(i));
  return h;
}

const TAG = { neg: 0x2b0b, bigram: 0x3c1d, word: 0x4d2f } as const;

/** Who is listening, as far as the words' legality goes. */
export function situationOf(ctx: ListenerContext): 'T' | 'U' | 'V' {
  if (ctx.party === 'third_party') return 'T';
  return ctx.verified ? 'V' : 'U';
}

const keyHashes = new Map<string, number>();
const hashOf = (key: string) => keyHashes.get(key) ?? (keyHashes.set(key, hashKey(key)), keyHashes.get(key)!);

/** Context facts a rule could care about, as bias features. */
function contextKeys(ctx: ListenerContext): string[] {
  const out = [`#sit=${situationOf(ctx)}`, `#stage=${ctx.stage ?? 'negotiation'}`];
  if (ctx.caller_type === 'agency') out.push('#agency');
  if (ctx.call_direction === 'inbound') out.push('#inbound');
  if (ctx.cease_request) out.push('#cease');
  if (ctx.attorney_represented) out.push('#attorney');
  if (ctx.disclosure_given) out.push('#disclosed');
  if (ctx.relation === 'spouse') out.push('#spouse');
  if (ctx.bank_policy?.sues) out.push('#sues');
  if (ctx.bank_policy?.field_visits) out.push('#visits');
  return out;
}

const NEG: Record<Lang, RegExp> = {
  zh: /不会|不是|不要|不用|不必|不能|不再|没有|没人|别|并非|绝不|从不|从来不|无需|勿|谁也不|不可能/g,
  en: /\b(?:not|never|no|nobody|no one|nothing|none|neither|without|cannot|won't|don't|doesn't|isn't|aren't|wasn't|can't|shouldn't|wouldn't|didn't|ain't)\b/g,
};
/** Words after which a clause's negation no longer applies ("不还钱就…", "if you don't pay, we will…"). */
const SCOPE_END: Record<Lang, RegExp> = {
  zh: /就|的话|否则|不然|那么|才|但是|可是|要是/g,
  en: /\b(?:but|if|unless|or|then|otherwise|so|we'll|we will|i'll|they'll)\b/g,
};
const CLAUSE_MARKS: Record<Lang, string> = { zh: '，。！？；,!?;\n', en: '.,!?;\n' };
const CUES: Record<Lang, Array<[number, RegExp]>> = {
  zh: [
    [hashKey('#reassure'), /放心|别担心|不用担心|不必担心|请相信/],
    [hashKey('#hedge'), /可能|依法|按规定|按照(?:合同|约定|规定)|根据(?:合同|约定|规定)/],
    [hashKey('#question'), /[吗嘛么][？?]?$|[？?]$/],
    [hashKey('#quote'), /[“”"「」]/],
  ],
  en: [
    [hashKey('#reassure'), /don't worry|no need to worry|rest assured|to be clear/],
    [hashKey('#hedge'), /\b(?:may|might|could|under the agreement|as permitted)\b/],
    [hashKey('#question'), /\?\s*$/],
    [hashKey('#quote'), /["“”]/],
  ],
};

/**
 * 1 for every character under a negation's scope. Linear in the line: clause ends and scope-ending words are found
 * once, then each cue's scope runs to the nearer of the two.
 */
const NOTHING_NEGATED = new Uint8Array(0);

export function negationMask(text: string, lang: Lang): Uint8Array {
  const cue = NEG[lang];
  cue.lastIndex = 0;
  let m = cue.exec(text);
  // Most lines deny nothing: find that out before building anything.
  if (!m) return NOTHING_NEGATED;
  const mask = new Uint8Array(text.length);
  const marks = CLAUSE_MARKS[lang];
  const stop = SCOPE_END[lang];
  let stopAt = -1;
  let clauseEnd = -1;
  let covered = 0;
  for (; m; m = cue.exec(text)) {
    const from = m.index + m[0].length;
    // Cues come left to right, so the next clause mark and the next scope-ending word are only ever searched forward.
    if (clauseEnd < from) {
      clauseEnd = from;
      while (clauseEnd < text.length && !marks.includes(text[clauseEnd])) clauseEnd++;
    }
    if (stopAt < from && stopAt !== text.length) {
      stop.lastIndex = from;
      const s = stop.exec(text);
      stopAt = s ? s.index : text.length;
    }
    const to = Math.min(clauseEnd, stopAt);
    // Scopes only grow rightwards; never fill a stretch twice.
    const start = Math.max(from, covered);
    if (to > start) mask.fill(1, start, to);
    covered = Math.max(covered, to);
  }
  return mask;
}

const isHanOrAlnum = (c: number) =>
  (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39;

/** End of a word's stem for feature hashing only (threatened → threaten, arrests → arrest); never shown. */
function stemEnd(text: string, s: number, e: number): number {
  const n = e - s;
  const last = text.charCodeAt(e - 1);
  const before = text.charCodeAt(e - 2);
  if (n > 5 && last === 103 && before === 110 && text.charCodeAt(e - 3) === 105) return e - 3; // -ing
  if (n > 4 && last === 100 && before === 101) return e - 2; // -ed
  if (n > 4 && last === 115 && before === 101) return e - 2; // -es
  if (n > 3 && last === 115 && before !== 115) return e - 1; // -s, not -ss
  return e;
}

/** , . ! ? ; and newline: where an English clause (and a bigram chain) ends. */
const isEnglishClauseMark = (c: number) => c === 44 || c === 46 || c === 33 || c === 63 || c === 59 || c === 10;

/** Hash of the word [s, e) with apostrophes left out. */
function wordHash(text: string, s: number, e: number): number {
  let h = mix(OFFSET, TAG.word);
  for (let i = s; i < e; i++) if (text.charCodeAt(i) !== 39) h = mix(h, text.charCodeAt(i));
  return h;
}

/** Visits the text features of an already normalised line (no context, no situation copies). */
export function forEachTextFeature(text: string, lang: Lang, visit: Visit): void {
  if (lang === 'zh') {
    for (let i = 0; i < text.length; i++) {
      let h = OFFSET;
      for (let n = 0; n < 3 && i + n < text.length; n++) {
        const c = text.charCodeAt(i + n);
        if (!isHanOrAlnum(c)) break;
        h = mix(h, c);
        visit(h, i, i + n + 1);
      }
    }
    return;
  }
  let prev = 0;
  let prevStart = -1;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c)) {
      // A clause mark ends a bigram chain.
      if (isEnglishClauseMark(c)) prevStart = -1;
      i++;
      continue;
    }
    const s = i;
    while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
    const e = stemEnd(text, s, i);
    const w = wordHash(text, s, e);
    visit(w, s, i);
    if (prevStart >= 0) visit(mix(mix(prev, TAG.bigram), w), prevStart, i);
    prev = w;
    prevStart = s;
  }
}

/** Punctuation that carries tone (a gram never spans it, so it is a feature of its own). */
const TONE_MARKS = new Map(
  [...'!！?？~～…'].map((c) => [
    c.charCodeAt(0),
    hashKey(`p:${c === '！' ? '!' : c === '？' ? '?' : c === '～' ? '~' : c}`),
  ]),
);
const SHOUT = hashKey('#shout');
const REPEATED_MARKS = hashKey('#marks');

/**
 * Whole-line cues only the trainee's own spelling shows (normalisation folds them away): shouting in capitals and
 * stacked exclamation or question marks.
 */
export function spellingCues(original: string): number[] {
  let letters = 0;
  let capitals = 0;
  let marksInARow = 0;
  let stacked = false;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (c >= 65 && c <= 90) capitals++;
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letters++;
    marksInARow = c === 33 || c === 63 || c === 0xff01 || c === 0xff1f ? marksInARow + 1 : 0;
    if (marksInARow >= 2) stacked = true;
  }
  const out: number[] = [];
  if (letters >= 6 && capitals / letters > 0.6) out.push(SHOUT);
  if (stacked) out.push(REPEATED_MARKS);
  return out;
}

/**
 * Every feature of a line in its context: each text feature and concept mark (negated where in a negation's scope),
 * tone-bearing punctuation, the context keys, the whole-line cues, and `extra` cues from the original spelling.
 */
export function forEachFeature(
  text: string,
  lang: Lang,
  ctx: ListenerContext,
  visit: Visit,
  extra: readonly number[] = [],
  marks: readonly Mark[] = [],
): void {
  const neg = negationMask(text, lang);
  forEachTextFeature(text, lang, (h, s, e) => visit(neg[s] ? mix(h, TAG.neg) : h, s, e));
  for (const m of marks) visit(neg[m.start] ? mix(m.hash, TAG.neg) : m.hash, m.start, m.end);
  for (let i = 0; i < text.length; i++) {
    const mark = TONE_MARKS.get(text.charCodeAt(i));
    if (mark !== undefined) visit(mark, i, i + 1);
  }
  for (const key of contextKeys(ctx)) visit(hashOf(key), 0, 0);
  for (const [h, re] of CUES[lang]) if (re.test(text)) visit(h, 0, 0);
  for (const h of extra) visit(h, 0, 0);
}

/** The distinct feature hashes of a line (what training reads). */
export function featureSet(
  text: string,
  lang: Lang,
  ctx: ListenerContext,
  extra: readonly number[] = [],
  marks: readonly Mark[] = [],
): number[] {
  const seen = new Set<number>();
  forEachFeature(text, lang, ctx, (h) => seen.add(h), extra, marks);
  return [...seen];
}
