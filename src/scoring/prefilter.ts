/**
 * A literal prefilter for patterns (the idea behind RE2's and Hyperscan's): from a pattern's source, find a set of
 * strings one of which every match must contain. `text.includes` on a few short strings is far cheaper than running
 * a regex with a dozen alternatives at every position, and most rules do not apply to most lines.
 */

type Item = { kind: 'lit'; text: string } | { kind: 'set'; anchors: string[] | undefined } | { kind: 'zero' };

/** Strings one of which appears in every match of `source`, or undefined when no such set is known. */
export function requiredLiterals(source: string): string[] | undefined {
  const state = { src: source, i: 0 };
  const result = parseAlternation(state);
  return state.i === source.length ? result : undefined;
}

function parseAlternation(s: { src: string; i: number }): string[] | undefined {
  const branches: Array<string[] | undefined> = [parseSequence(s)];
  while (s.src[s.i] === '|') {
    s.i++;
    branches.push(parseSequence(s));
  }
  if (branches.length === 1) return branches[0];
  // A Set: concept expansions make alternations of a hundred forms, and `includes` on each would be quadratic.
  const out = new Set<string>();
  for (const b of branches) {
    if (!b) return undefined;
    for (const a of b) out.add(a);
  }
  return [...out];
}

/** A sequence is as selective as its most selective mandatory part (adjacent literal characters merge). */
/** Characters with a meaning in a pattern; a run of anything else is one literal. */
const SPECIAL = new Set([...'\\[]()|*+?{}.^$'].map((c) => c.charCodeAt(0)));

function parseSequence(s: { src: string; i: number }): string[] | undefined {
  const items: Item[] = [];
  while (s.i < s.src.length && s.src[s.i] !== '|' && s.src[s.i] !== ')') {
    // A run of plain characters is read at once; its last character stays apart in case a quantifier follows it.
    let j = s.i;
    while (j < s.src.length && !SPECIAL.has(s.src.charCodeAt(j))) j++;
    if (j - s.i > 1) {
      const text = s.src.slice(s.i, j - 1);
      const last = items[items.length - 1];
      if (last?.kind === 'lit') last.text += text;
      else items.push({ kind: 'lit', text });
      s.i = j - 1;
    }
    let item = parseAtom(s);
    const q = readQuantifier(s);
    if (q)
      item =
        q.min === 0
          ? { kind: 'set', anchors: undefined }
          : item.kind === 'lit'
            ? { kind: 'set', anchors: [item.text] }
            : item;
    const last = items[items.length - 1];
    if (item.kind === 'lit' && last?.kind === 'lit' && !q) last.text += item.text;
    else items.push(item.kind === 'lit' ? { ...item } : item);
  }
  let best: string[] | undefined;
  let bestScore = -Infinity;
  for (const item of items) {
    const anchors = item.kind === 'lit' ? [item.text] : item.kind === 'set' ? item.anchors : undefined;
    if (!anchors || !anchors.length) continue;
    const sc = score(anchors);
    if (sc > bestScore) [best, bestScore] = [anchors, sc];
  }
  return best;
}

/** Longer shortest-anchor wins; fewer anchors break ties. */
function score(anchors: string[]): number {
  let min = Infinity;
  for (const a of anchors) if (a.length < min) min = a.length;
  return min * 100 - anchors.length;
}

function parseAtom(s: { src: string; i: number }): Item {
  const c = s.src[s.i];
  if (c === '\\') {
    const next = s.src[s.i + 1];
    s.i += 2;
    if (next === 'x') {
      const hex = s.src.slice(s.i, s.i + 2);
      s.i += 2;
      return { kind: 'lit', text: String.fromCharCode(parseInt(hex, 16)) };
    }
    if (next === 'u' || next === 'p' || next === 'P' || next === 'k') {
      if (s.src[s.i] === '{' || s.src[s.i] === '<') s.i = s.src.indexOf(s.src[s.i] === '{' ? '}' : '>', s.i) + 1;
      else if (next === 'u') s.i += 4;
      return { kind: 'set', anchors: undefined };
    }
    if (next === 'b' || next === 'B') return { kind: 'zero' };
    return /[a-zA-Z0-9]/.test(next) ? { kind: 'set', anchors: undefined } : { kind: 'lit', text: next };
  }
  if (c === '[') {
    let j = s.i + 1;
    if (s.src[j] === '^') j++;
    if (s.src[j] === ']') j++;
    while (j < s.src.length && s.src[j] !== ']') j += s.src[j] === '\\' ? 2 : 1;
    s.i = j + 1;
    return { kind: 'set', anchors: undefined };
  }
  if (c === '(') {
    const look = /^\(\?<?[=!]/.exec(s.src.slice(s.i, s.i + 4));
    s.i += look
      ? look[0].length
      : s.src.startsWith('(?:', s.i)
        ? 3
        : s.src.startsWith('(?<', s.i)
          ? s.src.indexOf('>', s.i) + 1 - s.i
          : 1;
    const inner = parseAlternation(s);
    s.i++; // ')'
    return look ? { kind: 'zero' } : { kind: 'set', anchors: inner };
  }
  s.i++;
  if (c === '^' || c === '$') return { kind: 'zero' };
  if (c === '.') return { kind: 'set', anchors: undefined };
  return { kind: 'lit', text: c };
}

function readQuantifier(s: { src: string; i: number }): { min: number } | undefined {
  const c = s.src[s.i];
  let min: number;
  if (c === '*' || c === '?') [min, s.i] = [0, s.i + 1];
  else if (c === '+') [min, s.i] = [1, s.i + 1];
  else if (c === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(s.src.slice(s.i, s.i + 16));
    if (!m) return undefined;
    [min, s.i] = [Number(m[1]), s.i + m[0].length];
  } else return undefined;
  if (s.src[s.i] === '?') s.i++;
  return { min };
}

/**
 * Aho–Corasick automaton over every anchor of a language's patterns: one pass over a line marks which anchors occur,
 * so each pattern's prefilter is a few array reads instead of a `text.includes` per anchor.
 */
export class AnchorIndex {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  readonly size: number;

  constructor(anchors: readonly string[]) {
    this.size = anchors.length;
    anchors.forEach((anchor, id) => {
      let node = 0;
      for (let i = 0; i < anchor.length; i++) {
        const c = anchor.charCodeAt(i);
        let to = this.next[node].get(c);
        if (to === undefined) {
          to = this.next.push(new Map()) - 1;
          this.fail.push(0);
          this.out.push([]);
          this.next[node].set(c, to);
        }
        node = to;
      }
      this.out[node].push(id);
    });
    // Breadth-first failure links; each node inherits the outputs of its failure node.
    const queue = [...this.next[0].values()];
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q];
      for (const [c, child] of this.next[node]) {
        let f = this.fail[node];
        while (f && !this.next[f].has(c)) f = this.fail[f];
        const target = this.next[f].get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        this.out[child] = [...this.out[child], ...this.out[this.fail[child]]];
        queue.push(child);
      }
    }
  }

  /** Flags (1 = occurs) for every anchor id, from one pass over `text`. */
  scan(text: string): Uint8Array {
    const present = new Uint8Array(this.size);
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // One map lookup per step: follow failure links only while there is no transition.
      let to = this.next[node].get(c);
      while (to === undefined && node !== 0) {
        node = this.fail[node];
        to = this.next[node].get(c);
      }
      node = to ?? 0;
      const out = this.out[node];
      for (let k = 0; k < out.length; k++) present[out[k]] = 1;
    }
    return present;
  }
}
