/**
 * Fitting a `ModelData` (classifier.ts): one-vs-rest logistic regression with AdaGrad and L2 over binary features,
 * then pruning to the strongest weights per head and int8 quantisation. Pure and deterministic (seeded shuffling),
 * so the same examples always give the same model; `npm run train` (tools/train-classifier.ts) feeds it the corpus.
 */
import { encodeFeatures, encodeWeights, MODEL_FORMAT, type ModelData } from './classifier.ts';
import { LEVELS } from './packing.ts';
import type { Lang } from './types.ts';

export interface Example {
  /** Feature hashes of the line (duplicates are counted once). */
  features: readonly number[];
  /** 0/1 per head, in `heads` order. */
  targets: Uint8Array;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Features seen in fewer training lines are dropped. */
  minCount: number;
  /**
   * Weights kept per head, strongest first. 2400 keeps both models under 300 KB gzip with 15,030 train lines in
   * format 4; more weights were measured to help (out of fold, 16 batches: 1520 → 2500 weights with refitting raised
   * zh violations F1 80.7 → 82.9, moves 66.6 → 68.9), so the size budget, not accuracy, sets this.
   */
  keepPerHead: number;
  /**
   * Epochs of refitting after pruning, with only the kept weights free: the pruned weights' share of each decision is
   * taken up by those that stay, instead of being lost (0: prune and stop).
   */
  refitEpochs: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = {
  epochs: 24,
  learningRate: 0.1,
  l2: 1e-5,
  minCount: 3,
  keepPerHead: 2400,
  refitEpochs: 8,
  seed: 7,
};

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

export function trainModel(
  lang: Lang,
  heads: readonly string[],
  examples: readonly Example[],
  options: Partial<TrainOptions> = {},
  trained: ModelData['trained'] = { lines: examples.length, corpus: '', date: '' },
): ModelData {
  const o = { ...DEFAULT_TRAIN, ...options };
  const counts = new Map<number, number>();
  const unique = examples.map((e) => [...new Set(e.features)]);
  for (const ks of unique) for (const k of ks) counts.set(k, (counts.get(k) ?? 0) + 1);
  const vocab = [...counts]
    .filter(([, n]) => n >= o.minCount)
    .map(([k]) => k)
    .sort((a, c) => a - c);
  const index = new Map(vocab.map((k, i) => [k, i]));
  const X = unique.map((ks) => Int32Array.from(ks.flatMap((k) => (index.has(k) ? [index.get(k)!] : []))));
  const H = heads.length;
  const W = new Float32Array(vocab.length * H);
  const G = new Float32Array(vocab.length * H).fill(1e-6);
  const b = new Float32Array(H);
  const Gb = new Float32Array(H).fill(1e-6);
  // Rare heads get a heavier positive weight (square root of the imbalance, at most 4).
  const pos = new Float32Array(H);
  for (const e of examples) for (let h = 0; h < H; h++) pos[h] += e.targets[h];
  const posWeight = Float32Array.from(pos, (p) => (p ? Math.min(4, Math.sqrt((examples.length - p) / p)) : 1));
  const order = examples.map((_, i) => i);
  const random = lcg(o.seed);
  const grad = new Float32Array(H);
  /** 1 where a weight may move (all of them until pruning). */
  let free: Uint8Array | undefined;
  const epochs = (count: number) => {
    for (let epoch = 0; epoch < count; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const n of order) {
        const x = X[n];
        const y = examples[n].targets;
        grad.set(b);
        for (const f of x) for (let h = 0, at = f * H; h < H; h++) grad[h] += W[at + h];
        for (let h = 0; h < H; h++) {
          const p = 1 / (1 + Math.exp(-grad[h]));
          const g = (p - y[h]) * (y[h] ? posWeight[h] : 1);
          grad[h] = g;
          Gb[h] += g * g;
          b[h] -= (o.learningRate * g) / Math.sqrt(Gb[h]);
        }
        for (const f of x)
          for (let h = 0, at = f * H; h < H; h++) {
            if (free && !free[at + h]) continue;
            const g = grad[h] + o.l2 * W[at + h];
            G[at + h] += g * g;
            W[at + h] -= (o.learningRate * g) / Math.sqrt(G[at + h]);
          }
      }
    }
  };
  epochs(o.epochs);
  if (o.refitEpochs > 0) {
    free = keepMask(W, H, vocab.length, o.keepPerHead);
    for (let i = 0; i < W.length; i++) if (!free[i]) W[i] = 0;
    epochs(o.refitEpochs);
  }
  return quantise(lang, heads, vocab, W, b, o.keepPerHead, trained);
}

/** Per head, the feature indices of its `keep` strongest weights, strongest first. */
function strongest(W: Float32Array, H: number, features: number, keep: number): number[][] {
  return Array.from({ length: H }, (_, h) => {
    const list: number[] = [];
    for (let f = 0; f < features; f++) if (Math.abs(W[f * H + h]) > 1e-3) list.push(f);
    list.sort((a, c) => Math.abs(W[c * H + h]) - Math.abs(W[a * H + h]));
    return list.slice(0, keep);
  });
}

/** 1 for each head's `keep` strongest weights. */
function keepMask(W: Float32Array, H: number, features: number, keep: number): Uint8Array {
  const mask = new Uint8Array(W.length);
  strongest(W, H, features, keep).forEach((list, h) => {
    for (const f of list) mask[f * H + h] = 1;
  });
  return mask;
}

/**
 * A head's codebook: `LEVELS` magnitudes fitted to its weights' magnitudes by one-dimensional k-means (Lloyd's
 * algorithm from evenly spaced quantiles, a fixed number of rounds: deterministic).
 */
export function codebook(magnitudes: readonly number[]): number[] {
  const sorted = [...magnitudes].sort((a, c) => a - c);
  if (!sorted.length) return Array.from({ length: LEVELS }, (_, i) => (i + 1) / LEVELS);
  let centres = Array.from({ length: LEVELS }, (_, i) => sorted[Math.floor(((i + 0.5) * sorted.length) / LEVELS)]);
  for (let round = 0; round < 20; round++) {
    const sum = new Float64Array(LEVELS);
    const count = new Float64Array(LEVELS);
    for (const m of sorted) {
      const k = nearest(centres, m);
      sum[k] += m;
      count[k]++;
    }
    centres = centres.map((c, k) => (count[k] ? sum[k] / count[k] : c)).sort((a, c) => a - c);
  }
  return centres.map((c) => Number(c.toPrecision(5)));
}

function nearest(levels: readonly number[], m: number): number {
  let best = 0;
  for (let k = 1; k < levels.length; k++) if (Math.abs(levels[k] - m) < Math.abs(levels[best] - m)) best = k;
  return best;
}

/** Keeps each head's strongest weights, stores them as 4-bit codes of a per-head codebook, and only the features used. */
function quantise(
  lang: Lang,
  heads: readonly string[],
  vocab: readonly number[],
  W: Float32Array,
  b: Float32Array,
  keep: number,
  trained: ModelData['trained'],
): ModelData {
  const H = heads.length;
  const kept = strongest(W, H, vocab.length, keep).map((list, h) =>
    list.map((f) => [f, W[f * H + h]] as [number, number]),
  );
  const levels = kept.map((l) => codebook(l.map(([, w]) => Math.abs(w))));
  const quantised = kept.map((l, h) =>
    l.map(([f, w]) => [f, Math.sign(w) * (nearest(levels[h], Math.abs(w)) + 1)] as [number, number]),
  );
  const used = [...new Set(quantised.flatMap((l) => l.map(([f]) => f)))].sort((a, c) => a - c);
  const remap = new Map(used.map((f, i) => [f, i]));
  const weights = quantised.map((l) =>
    encodeWeights(l.map(([f, q]) => [remap.get(f)!, q] as [number, number]).sort((a, c) => a[0] - c[0])),
  );
  return {
    format: MODEL_FORMAT,
    lang,
    trained,
    heads: [...heads],
    bias: [...b].map((v) => Math.round(v * 1e4) / 1e4),
    levels,
    features: encodeFeatures(used.map((f) => vocab[f])),
    weights,
    thresholds: heads.map(() => 0.5),
  };
}
