/**
 * The `## Title {#id}` heading line, read in place: what `/^##[ \t]+(.*?)[ \t]*(?:\{#([^}]*)\})?[ \t]*#*[ \t]*$/`
 * matched on a copy of the line, without the copy or the match array (one per node of a 1,000-node script).
 */
import { isBlank } from './scan.ts';

/** Offsets of the last heading `readHeading` matched (further return values without an allocation). */
export const heading = { titleStart: 0, titleEnd: 0, idStart: -1, idEnd: -1 };

/** What regex `.` cannot match within a line (the line holds no `\n`). */
const isBreak = (c: number): boolean => c === 13 || c === 0x2028 || c === 0x2029;

/** Whether `source[from, to)` is a heading; on true, `heading` holds the title and id (`idStart` -1 when there is none). */
export function readHeading(source: string, from: number, to: number): boolean {
  if (to - from < 3 || source.charCodeAt(from) !== 35 || source.charCodeAt(from + 1) !== 35 || !isBlank(source.charCodeAt(from + 2))) return false;
  let k = from + 3;
  while (k < to && isBlank(source.charCodeAt(k))) k++;
  // The lazy title ends at the first offset where the rest matches; it cannot run past a line break.
  for (let p = k; p <= to; p++) {
    if (suffixAt(source, p, to)) {
      heading.titleStart = k;
      heading.titleEnd = p;
      return true;
    }
    if (p < to && isBreak(source.charCodeAt(p))) return false;
  }
  return false;
}

/** `[ \t]*(?:\{#([^}]*)\})?[ \t]*#*[ \t]*$` at `p`, the group tried first; sets the id offsets. */
function suffixAt(source: string, p: number, to: number): boolean {
  let q = p;
  while (q < to && isBlank(source.charCodeAt(q))) q++;
  if (q + 1 < to && source.charCodeAt(q) === 0x7b && source.charCodeAt(q + 1) === 35) {
    let c = q + 2;
    while (c < to && source.charCodeAt(c) !== 0x7d) c++;
    if (c < to && closingRun(source, c + 1, to)) {
      heading.idStart = q + 2;
      heading.idEnd = c;
      return true;
    }
  }
  if (closingRun(source, q, to)) {
    heading.idStart = heading.idEnd = -1;
    return true;
  }
  return false;
}

/** `[ \t]*#*[ \t]*$` on `[i, to)`. */
function closingRun(source: string, i: number, to: number): boolean {
  while (i < to && isBlank(source.charCodeAt(i))) i++;
  while (i < to && source.charCodeAt(i) === 35) i++;
  while (i < to && isBlank(source.charCodeAt(i))) i++;
  return i === to;
}
