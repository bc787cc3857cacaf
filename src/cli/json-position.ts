/**
 * Where a value sits in a JSON text, as `line:column`, so an input error can point at the right place in the file
 * (`JSON.parse` keeps no positions). Only called on text `JSON.parse` accepted.
 */
import { lineColumn, lineStarts } from '../diagnostics/diagnostic.ts';

export type JsonPath = readonly (string | number)[];

/** 1-based `line:column` of the value at `path`, or of the nearest enclosing value found. */
export function jsonPosition(text: string, path: JsonPath): { line: number; column: number } {
  return lineColumn(lineStarts(text), valueOffset(text, path));
}

/** The same position for a `JSON.parse` error, from the offset its message gives (Node: "at position N"). */
export function syntaxErrorPosition(text: string, error: Error): { line: number; column: number } | null {
  const at = (offset: number) => lineColumn(lineStarts(text), Math.max(0, Math.min(offset, text.length)));
  const m = /position (\d+)/.exec(error.message);
  if (m) return at(Number(m[1]));
  if (/end of JSON input/.test(error.message)) return at(text.length);
  // Node 20 names no position, only the token and up to 10 characters either side: `..."cenario": }]" is not valid`.
  const near = /Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON/.exec(error.message);
  if (!near) return null;
  const start = text.indexOf(near[3]);
  if (start < 0) return null;
  return at(start + (near[2] ? 10 : near[3].indexOf(near[1])));
}

function valueOffset(text: string, path: JsonPath): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const skipString = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
  };
  const readKey = (): string => {
    const start = i;
    skipString();
    return JSON.parse(text.slice(start, i)) as string;
  };
  /** Skips one value starting at `i`. */
  const skip = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      while (text[i] !== close) {
        if (c === '{') {
          readKey();
          ws();
          i++; // colon
        }
        skip();
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
      return;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  };
  ws();
  for (const key of path) {
    const open = text[i];
    if (open !== '{' && open !== '[') return i;
    const container = i;
    i++;
    ws();
    let found = false;
    for (let index = 0; text[i] !== (open === '{' ? '}' : ']'); index++) {
      let here: string | number = index;
      if (open === '{') {
        here = readKey();
        ws();
        i++;
        ws();
      }
      if (here === key) {
        found = true;
        break;
      }
      skip();
      ws();
      if (text[i] === ',') i++;
      ws();
    }
    // A missing key points at the object that lacks it.
    if (!found) return container;
    ws();
  }
  return i;
}
