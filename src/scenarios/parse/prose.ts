/**
 * Checks on the script body's Markdown before `marked` sees it: nesting deeper than a briefing ever needs (a
 * 2,000-deep blockquote or list exhausts marked's stack or freezes the page), raw HTML (removed when shown, so the
 * author's formatting silently disappears) and images from other hosts (the app never contacts one, so they never
 * show). Line-based and linear: it reads each line once, whatever the input.
 */
import type { Reporter } from '../report.ts';

/** Blockquote and list levels together; a briefing rarely needs three. */
export const MAX_PROSE_DEPTH = 16;

const FENCE = /^\s{0,3}(```|~~~)/;
const QUOTES = /^(?:\s{0,3}>)+/;
const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/;
const IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]+)/g;
const REMOTE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:|\/\/)/;

/** Reports the body's prose problems; true when it is too deep to render (an error: the script does not compile). */
export function checkProse(source: string, bodyStart: number, r: Reporter): boolean {
  let fenced = false;
  let tooDeep = false;
  let at = bodyStart;
  while (at < source.length) {
    const next = source.indexOf('\n', at);
    const end = next < 0 ? source.length : next;
    const line = source.slice(at, end);
    if (FENCE.test(line)) fenced = !fenced;
    else if (!fenced) {
      const quotes = QUOTES.exec(line)?.[0] ?? '';
      const depth = (quotes.match(/>/g)?.length ?? 0) + listDepth(line.slice(quotes.length));
      if (depth > MAX_PROSE_DEPTH && !tooDeep) {
        r.report('prose_too_deep', { start: at, end }, { depth, max: MAX_PROSE_DEPTH });
        tooDeep = true;
      }
      const tag = HTML_TAG.exec(stripCode(line));
      if (tag)
        r.report(
          'raw_html',
          { start: at + tag.index, end: at + tag.index + tag[0].length },
          { value: tag[0].slice(0, 40) },
        );
      for (const m of line.matchAll(IMAGE))
        if (REMOTE.test(m[1]) && !m[1].toLowerCase().startsWith('data:')) {
          const start = at + m.index + m[0].length - m[1].length;
          r.report('remote_image', { start, end: start + m[1].length }, { value: m[1].slice(0, 80) });
        }
    }
    at = end + 1;
  }
  return tooDeep;
}

/** List levels of a line: one per item marker at its start, nested by indentation (two spaces a level at least). */
function listDepth(line: string): number {
  const m = LIST_ITEM.exec(line);
  if (!m) return 0;
  const indent = m[1].replace(/\t/g, '    ').length;
  return 1 + Math.floor(indent / 2);
}

/** The line without its `code spans` (HTML written as code is shown as text, as the author meant). */
function stripCode(line: string): string {
  return line.replace(/`[^`]*`/g, (c) => ' '.repeat(c.length));
}
