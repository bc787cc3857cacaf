/**
 * The small character tables the passes consult, kept together so a reviewer sees every choice in one place.
 * Word-level data (English slang, masks, the Chinese variants lexicon) lives in english-data.ts and data/.
 */

/** A membership test over the UTF-16 codes of `chars` (the passes look characters up by code: no string per char). */
function codes(chars: string): (u: number) => boolean {
  const set = new Set(Array.from(chars, (c) => c.charCodeAt(0)));
  return (u) => set.has(u);
}

/**
 * Typed between two Chinese characters to dodge a keyword filter ("坐 牢", "坐.牢", "坐*牢", "警-察"): dropped. A "."
 * there is noise too (a Chinese IME types 。); elsewhere it is a full stop and becomes 。 unless inside a number.
 */
export const isZhNoise = codes(' \t.·•・*_-/\\|~+^`');

/** Half-width clause punctuation in a Chinese line becomes the full-width mark the engine's patterns are written with. */
export const ZH_FULL_WIDTH = new Map([...',.?!;:'].map((c, k) => [c.charCodeAt(0), '，。？！；：'[k]]));

/** Marks that stay half-width between two ASCII letters or digits ("1,240", "14:30", "8420.00", "www.bank.com"). */
export const isZhNumericMark = codes(',.:');

/** Separators of spelled-out English ("a r r e s t", "a.r.r.e.s.t", "a-r-r-e-s-t"); `*` is left to the mask table. */
export const isSpellSeparator = codes(' .-_/·');

/**
 * Letters whose runs of 3+ shrink to one ("pleeease" → "please", "sooo" → "so", "fuuuck" → "fuck"); every other
 * letter shrinks to two ("arrrrest" → "arrest", "killlll" → "kill"). Vowels are what people stretch, and English
 * doubles consonants far more often than vowels; the price is "goooood" → "god" and "yesss" → "yess".
 */
export const isStretchedVowel = codes('aeiouy');

/** Runs of 3+ of one Chinese character keep two: 好好好 → 好好 and 谢谢谢谢 → 谢谢 stay words, 坐坐坐牢 still holds 坐牢. */
export const ZH_RUN_KEEP = 2;

/** A Han ideograph (basic, extension A, compatibility, or a high surrogate of the supplementary ideograph planes). */
export function isHan(u: number): boolean {
  return (
    (u >= 0x4e00 && u <= 0x9fff) ||
    (u >= 0x3400 && u <= 0x4dbf) ||
    (u >= 0xf900 && u <= 0xfaff) ||
    (u >= 0xd840 && u <= 0xd87f)
  );
}

export const isAsciiLetter = (u: number) => u >= 0x61 && u <= 0x7a; // the text is lower-cased by pass 1
export const isAsciiAlnum = (u: number) => isAsciiLetter(u) || (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5a);

const isSpace = (u: number) => u === 0x20 || u === 0x0a || u === 0x09;

/**
 * Marks the characters of address-like chunks (an e-mail, a URL, a www. domain: the run of non-spaces around it), whose
 * letters are names, not words: "www" is not a stretched w and "sb@mail.com" holds no insult. Undefined when the line
 * has none, which is the common case and costs three `includes`.
 */
export function addressMask(text: string): Uint8Array | undefined {
  if (!text.includes('@') && !text.includes('://') && !text.includes('www.')) return undefined;
  const mask = new Uint8Array(text.length);
  for (let s = 0; s < text.length;) {
    if (isSpace(text.charCodeAt(s))) {
      s++;
      continue;
    }
    let e = s;
    while (e < text.length && !isSpace(text.charCodeAt(e))) e++;
    const chunk = text.slice(s, e);
    const at = chunk.indexOf('@');
    if ((at > 0 && chunk.indexOf('.', at) > at) || chunk.includes('://') || chunk.includes('www.')) mask.fill(1, s, e);
    s = e;
  }
  return mask;
}
