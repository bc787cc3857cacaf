import type { Normalized } from '../../src/language/index.ts';

const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;
const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;

/**
 * What must hold of any normalisation of `original`: one map entry per unit, spans non-empty and inside the line,
 * `from` and `to` non-decreasing, and no span starting or ending inside a surrogate pair (a quote never cuts a
 * character in half). Returns the problems, empty when all hold.
 */
export function checkMaps(n: Normalized, original: string): string[] {
  const out: string[] = [];
  const len = original.length;
  if (n.from.length !== n.text.length || n.to.length !== n.text.length) out.push('map length differs from text length');
  for (let i = 0; i < n.text.length && out.length < 5; i++) {
    const f = n.from[i];
    const t = n.to[i];
    if (!(f >= 0 && f < t && t <= len)) out.push(`unit ${i}: span [${f}, ${t}) outside [0, ${len}]`);
    if (i > 0 && (f < n.from[i - 1] || t < n.to[i - 1])) out.push(`unit ${i}: map goes backwards`);
    if (isLow(original.charCodeAt(f)) && f > 0 && isHigh(original.charCodeAt(f - 1)))
      out.push(`unit ${i}: starts inside a pair`);
    if (t < len && isLow(original.charCodeAt(t)) && isHigh(original.charCodeAt(t - 1)))
      out.push(`unit ${i}: ends inside a pair`);
  }
  return out;
}
