/**
 * Plural forms in messages, in the ICU shape translators know: `{count, plural, one {# scenario} other {# scenarios}}`.
 * The branch is chosen by `Intl.PluralRules` for the locale (`=N` picks an exact number first); `#` is the number.
 * `other` is required; a branch may hold `{name}` placeholders, which `translate` fills afterwards.
 */

/** One `{name, plural, …}` block: its parameter and its branches by selector (`one`, `other`, `=0`…). */
interface PluralBlock {
  start: number;
  end: number;
  param: string;
  branches: Map<string, string>;
}

const HEAD = /\{(\w+),\s*plural,/g;

/** The text between the brace at `open` and its partner, or undefined when unbalanced. */
function closing(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return undefined;
}

function parseBlocks(text: string): PluralBlock[] {
  const blocks: PluralBlock[] = [];
  for (const head of text.matchAll(HEAD)) {
    const start = head.index;
    if (blocks.length && start < blocks.at(-1)!.end) throw new Error(`Nested plural blocks are not supported: ${text}`);
    const end = closing(text, start);
    if (end === undefined) throw new Error(`Unbalanced plural message: ${text}`);
    const branches = new Map<string, string>();
    let i = start + head[0].length;
    while (i < end) {
      const sel = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(text.slice(i, end));
      if (!sel) {
        if (text.slice(i, end).trim() === '') break;
        throw new Error(`Bad plural branch in: ${text}`);
      }
      const open = i + sel[0].length - 1;
      const close = closing(text, open)!;
      branches.set(sel[1], text.slice(open + 1, close));
      i = close + 1;
    }
    if (!branches.has('other')) throw new Error(`Plural message without an \`other\` branch: ${text}`);
    blocks.push({ start, end, param: head[1], branches });
  }
  return blocks;
}

/** Every parameter a message uses: those its plural blocks are chosen by and the `{name}` placeholders in and around them. */
export function messageParams(text: string): string[] {
  const blocks = parseBlocks(text);
  const pieces: string[] = [];
  let at = 0;
  for (const b of blocks) {
    pieces.push(text.slice(at, b.start), ...b.branches.values());
    at = b.end + 1;
  }
  pieces.push(text.slice(at));
  const names = [
    ...blocks.map((b) => b.param),
    ...pieces.flatMap((p) => [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1])),
  ];
  return [...new Set(names)].sort();
}

/** `text` with each plural block replaced by the branch `params` select in `locale`; `#` becomes the number. */
export function selectPlurals(text: string, locale: string, params: Record<string, string | number>): string {
  const blocks = parseBlocks(text);
  if (blocks.length === 0) return text;
  const rules = new Intl.PluralRules(locale);
  let out = '';
  let at = 0;
  for (const b of blocks) {
    const n = Number(params[b.param]);
    const branch = Number.isFinite(n)
      ? (b.branches.get(`=${n}`) ?? b.branches.get(rules.select(n)) ?? b.branches.get('other')!)
      : b.branches.get('other')!;
    out +=
      text.slice(at, b.start) + branch.replaceAll('#', Number.isFinite(n) ? String(params[b.param]) : `{${b.param}}`);
    at = b.end + 1;
  }
  return out + text.slice(at);
}
