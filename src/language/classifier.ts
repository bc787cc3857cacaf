/**
 * The on-device classifiers: one linear model per language over the hashed features of features.ts, with one
 * logistic head per violation category, per call move and per tone class. Trained by `npm run train`
 * (tools/train-classifier.ts → train.ts) from the corpus's train split and shipped as versioned JSON weights (4-bit
 * codes of a per-head codebook, sparse: packing.ts), loaded lazily with the rules.
 *
 * Scoring allocates nothing per feature: hashes are looked up in an open-addressing table and each feature's
 * weights are stored together (CSR), so a line costs a few microseconds. A decision comes with evidence on
 * request: the clause whose features pushed the head hardest and the words in it that weighed most.
 */
import { forEachFeature, type Mark } from './features.ts';
import { decodeFeatures, forEachWeight, fromBase64 } from './packing.ts';

export { decodeFeatures, decodeWeights, encodeFeatures, encodeWeights } from './packing.ts';
import type { Lang, ListenerContext } from './types.ts';

export const MODEL_FORMAT = 4;

/** The shipped, serialisable model of one language. */
export interface ModelData {
  format: typeof MODEL_FORMAT;
  lang: Lang;
  /** What it was trained on, for the record: line count, corpus splits, a hash of the lines, the day. */
  trained: { lines: number; splits?: string[]; corpus: string; date: string };
  /** Head names: `cat:threat`, `move:verify_identity`, `tone:polite`… */
  heads: string[];
  bias: number[];
  /** Per head: the magnitudes of its 4-bit codebook, ascending (weight = sign(q) × levels[|q| − 1]). */
  levels: number[][];
  /** Feature hashes (features.ts), ascending, as base64 of little-endian uint32s. */
  features: string;
  /**
   * Per head, base64 of its weights, one byte each in the common case: the gap from the previous feature index and a
   * codebook code (packing.ts).
   */
  weights: string[];
  /** Per head: the probability from which the head counts as said (chosen on out-of-fold predictions). */
  thresholds: number[];
  /**
   * The lexicon concepts whose marks (features.ts `Mark`) the model was trained with: whoever scores with it must
   * supply the same concepts, or the model would silently read less than it learnt from.
   */
  concepts?: string[];
}

export interface Evidence {
  /** Span in the text the features were computed on. */
  start: number;
  end: number;
  /** The words that weighed most for the head, strongest first. */
  cues: string[];
}

export class Classifier {
  readonly lang: Lang;
  readonly heads: readonly string[];
  readonly thresholds: Float32Array;
  readonly trained: ModelData['trained'];
  readonly concepts: readonly string[];
  private readonly bias: Float32Array;
  private readonly keys: Uint32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly rowStart: Int32Array;
  private readonly rowHead: Uint16Array;
  private readonly rowWeight: Float32Array;
  /** Per feature: the call in which it was last counted (features count once per line, as in training). */
  private readonly stamp: Int32Array;
  private calls = 0;
  private readonly z: Float32Array;
  /** The last scored line's feature occurrences (index, start, end), kept for `evidence` on the same line. */
  private occurrences = new Int32Array(1024);
  private occurrenceCount = 0;
  private lastText: string | undefined;
  private lastCtx: ListenerContext | undefined;

  constructor(data: ModelData) {
    if (data.format !== MODEL_FORMAT)
      throw new Error(`model format ${data.format} is not ${MODEL_FORMAT}: run npm run train`);
    this.lang = data.lang;
    this.heads = data.heads;
    this.trained = data.trained;
    this.concepts = data.concepts ?? [];
    this.thresholds = Float32Array.from(data.thresholds);
    this.bias = Float32Array.from(data.bias);
    const features = decodeFeatures(data.features);
    const n = features.length;
    let size = 16;
    while (size < n * 2) size <<= 1;
    this.mask = size - 1;
    this.keys = new Uint32Array(size);
    this.slots = new Int32Array(size).fill(-1);
    features.forEach((h, i) => {
      let at = h & this.mask;
      while (this.slots[at] !== -1) at = (at + 1) & this.mask;
      this.keys[at] = h;
      this.slots[at] = i;
    });
    // Two passes over the packed weights, straight into typed arrays: count each feature's weights, then place them.
    const packed = data.weights.map(fromBase64);
    const counts = new Int32Array(n + 1);
    for (const bytes of packed) forEachWeight(bytes, (f) => counts[f + 1]++);
    for (let i = 1; i <= n; i++) counts[i] += counts[i - 1];
    this.rowStart = counts;
    this.rowHead = new Uint16Array(counts[n]);
    this.rowWeight = new Float32Array(counts[n]);
    const fill = counts.slice(0, n);
    packed.forEach((bytes, h) =>
      forEachWeight(bytes, (f, q) => {
        const at = fill[f]++;
        this.rowHead[at] = h;
        this.rowWeight[at] = Math.sign(q) * data.levels[h][Math.abs(q) - 1];
      }),
    );
    this.stamp = new Int32Array(n);
    this.z = new Float32Array(this.heads.length);
  }

  /** The feature index of a hash, or -1. */
  private find(h: number): number {
    let at = h & this.mask;
    for (;;) {
      const slot = this.slots[at];
      if (slot === -1) return -1;
      if (this.keys[at] === h) return slot;
      at = (at + 1) & this.mask;
    }
  }

  /**
   * Probabilities of every head for a normalised line in its context. The returned array is reused by the next
   * call: copy what must outlive it.
   */
  score(text: string, ctx: ListenerContext, extra: readonly number[] = [], marks: readonly Mark[] = []): Float32Array {
    const z = this.z;
    z.set(this.bias);
    const call = ++this.calls;
    this.occurrenceCount = 0;
    this.lastText = text;
    this.lastCtx = ctx;
    forEachFeature(
      text,
      this.lang,
      ctx,
      (h, start, end) => {
        const f = this.find(h);
        if (f < 0) return;
        if (end > 0) this.remember(f, start, end);
        if (this.stamp[f] === call) return;
        this.stamp[f] = call;
        for (let k = this.rowStart[f]; k < this.rowStart[f + 1]; k++) z[this.rowHead[k]] += this.rowWeight[k];
      },
      extra,
      marks,
    );
    for (let h = 0; h < z.length; h++) z[h] = 1 / (1 + Math.exp(-z[h]));
    return z;
  }

  private remember(f: number, start: number, end: number): void {
    if (this.occurrenceCount + 3 > this.occurrences.length) {
      const grown = new Int32Array(this.occurrences.length * 2);
      grown.set(this.occurrences);
      this.occurrences = grown;
    }
    this.occurrences[this.occurrenceCount++] = f;
    this.occurrences[this.occurrenceCount++] = start;
    this.occurrences[this.occurrenceCount++] = end;
  }

  headIndex(head: string): number {
    return this.heads.indexOf(head);
  }

  /**
   * Where in the line each of `heads` comes from: the clause whose features add most to the head, and (unless
   * `withCues` is false) its strongest words. `text` is the normalised text scored last; evidence for another line
   * scores it first.
   */
  evidence(text: string, ctx: ListenerContext, heads: readonly number[], withCues = true): Map<number, Evidence> {
    const clauses = clauseSpans(text);
    const slot = new Int16Array(this.heads.length).fill(-1);
    heads.forEach((h, i) => (slot[h] = i));
    const width = heads.length;
    const sums = new Float32Array(clauses.length * width);
    if (text !== this.lastText || ctx !== this.lastCtx) this.score(text, ctx);
    const occurrences = this.occurrences.subarray(0, this.occurrenceCount);
    for (let o = 0; o < occurrences.length; o += 3) {
      const f = occurrences[o];
      const c = clauseAt(clauses, occurrences[o + 1]);
      for (let k = this.rowStart[f]; k < this.rowStart[f + 1]; k++) {
        const i = slot[this.rowHead[k]];
        if (i >= 0) sums[c * width + i] += this.rowWeight[k];
      }
    }
    const out = new Map<number, Evidence>();
    heads.forEach((head, i) => {
      let best = 0;
      for (let c = 1; c < clauses.length; c++) if (sums[c * width + i] > sums[best * width + i]) best = c;
      const { start, end } = clauses[best];
      if (!withCues) {
        out.set(head, { start, end, cues: [] });
        return;
      }
      const cues = new Map<string, number>();
      for (let o = 0; o < occurrences.length; o += 3) {
        const [f, s, e] = [occurrences[o], occurrences[o + 1], occurrences[o + 2]];
        if (s < start || e > end) continue;
        for (let k = this.rowStart[f]; k < this.rowStart[f + 1]; k++)
          if (this.rowHead[k] === head && this.rowWeight[k] > 0) {
            const words = text.slice(s, e);
            cues.set(words, Math.max(cues.get(words) ?? 0, this.rowWeight[k]));
          }
      }
      // The strongest words, leaving out any contained in a stronger one already listed.
      const ranked = [...cues].sort((a, b) => b[1] - a[1]).map(([w]) => w);
      const picked: string[] = [];
      for (const w of ranked)
        if (picked.length < 3 && !picked.some((p) => p.includes(w) || w.includes(p))) picked.push(w);
      out.set(head, { start, end, cues: picked });
    });
    return out;
  }
}

/** Index of the last clause starting at or before `at` (binary search: lines may be long). */
function clauseAt(clauses: ReadonlyArray<{ start: number }>, at: number): number {
  let lo = 0;
  let hi = clauses.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (clauses[mid].start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Clause spans of a normalised line, without the marks and surrounding spaces. */
export function clauseSpans(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let s = 0;
  const push = (e: number) => {
    let a = s;
    let b = e;
    while (a < b && text.charCodeAt(a) <= 32) a++;
    while (b > a && text.charCodeAt(b - 1) <= 32) b--;
    if (b > a) out.push({ start: a, end: b });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ('，。！？；,!?;\n'.includes(c) || (c === '.' && (i + 1 === text.length || text[i + 1] === ' '))) {
      push(i);
      s = i + 1;
    }
  }
  push(text.length);
  return out.length ? out : [{ start: 0, end: text.length }];
}
