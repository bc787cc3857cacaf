/**
 * `npm run train`: fits the on-device classifiers (src/language/classifier.ts) on the corpus's train split, chooses
 * each head's threshold on out-of-fold predictions (each train batch scored by a model fitted without it; for the
 * engine as shipped: rules OR model), and writes
 * content/models/<lang>.json. Deterministic: the same corpus gives the same weights (seeded shuffling, no clock in
 * the maths). Neither dev nor test is read here; hyper-parameters were chosen on dev.
 * The fitting itself is src/language/train.ts. `--check` writes nothing and exits 1 when the shipped models are not
 * exactly what the corpus trains (CI runs it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { loadCorpus } from '../src/cli/corpus-files.ts';
import { VIOLATION_CATEGORIES, TONE_LABELS, type CorpusLine } from '../src/corpus/corpus.ts';
import { Classifier, decodeFeatures, decodeWeights, type ModelData } from '../src/language/classifier.ts';
import { DEFAULT_TRAIN, trainModel, type TrainOptions } from '../src/language/train.ts';
import { featureSet } from '../src/language/features.ts';
import { createEngine, loadRulePacks, isViolation, type Lang } from '../src/scoring/index.ts';
import { readRuleFiles } from '../src/cli/rule-files.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
/** Hyper-parameters (environment overrides for experiments: EPOCHS, LR, L2, MIN_COUNT, KEEP, REFIT). */
const OPTIONS: TrainOptions = {
  ...DEFAULT_TRAIN,
  epochs: env('EPOCHS', DEFAULT_TRAIN.epochs),
  learningRate: env('LR', DEFAULT_TRAIN.learningRate),
  l2: env('L2', DEFAULT_TRAIN.l2),
  minCount: env('MIN_COUNT', DEFAULT_TRAIN.minCount),
  keepPerHead: env('KEEP', DEFAULT_TRAIN.keepPerHead),
  refitEpochs: env('REFIT', DEFAULT_TRAIN.refitEpochs),
};

const loaded = loadRulePacks(readRuleFiles());
const moveIds = loaded.moves.filter((m) => m.kind === 'move').map((m) => m.id);
const rulesOnly = createEngine(loaded);
// `CORPUS=dir` trains on another folder (experiments on a copy while batches are being written).
const corpus = loadCorpus(process.env.CORPUS ?? 'content/corpus', new Set(moveIds));
if (corpus.diagnostics.length)
  throw new Error(`corpus has ${corpus.diagnostics.length} problems: run npm run corpus:check`);

/**
 * F-β for violation heads (and the threat move, which hangs a persona up). 0.5: out of fold on the 22 train batches
 * it is where precision reaches the product's 0.93 (β 0.7: zh P 91.6 / R 73.3, en 91.6 / 70.1; β 0.5: zh 93.3 / 70.2,
 * en 93.6 / 66.5, with the rules of that day): a false accusation costs a trainee's trust more than a miss a mentor
 * may still catch.
 */
const BETA_VIOLATIONS = env('BETA', 0.5);

const HEADS = [
  ...VIOLATION_CATEGORIES.map((c) => `cat:${c}`),
  ...moveIds.map((m) => `move:${m}`),
  ...TONE_LABELS.map((t) => `tone:${t}`),
];

function targets(l: CorpusLine): Uint8Array {
  const y = new Uint8Array(HEADS.length);
  HEADS.forEach((h, i) => {
    const [kind, name] = h.split(':');
    y[i] = Number(
      kind === 'cat'
        ? (l.violations as string[]).includes(name)
        : kind === 'move'
          ? l.moves.includes(name)
          : l.tone === name,
    );
  });
  return y;
}

/** The context as the engine resolves it (jurisdiction defaults such as the bank's policy filled in). */
const inputs = new Map<CorpusLine, ReturnType<typeof rulesOnly.modelInput>>();
/** What the classifier reads for a line, computed by the engine exactly as it does when scoring (cached). */
const inputOf = (l: CorpusLine) =>
  inputs.get(l) ??
  (inputs.set(l, rulesOnly.modelInput(l.text, l.lang, { local_time: '10:00', ...l.context })), inputs.get(l)!);
const featureKeys = (l: CorpusLine) => {
  const x = inputOf(l);
  return featureSet(x.text, l.lang, x.ctx, x.extra, x.marks);
};

const batchOf = (l: CorpusLine) => l.id.replace(/-\d+$/, '');
const splitOf = new Map(
  Object.entries(corpus.bySplit).flatMap(([split, lines]) => lines.map((l) => [l.id, split] as const)),
);

function fit(lang: Lang, lines: readonly CorpusLine[]): ModelData {
  const hash = createHash('sha256')
    .update(lines.map((l) => `${l.id}\t${l.text}`).join('\n'))
    .digest('hex')
    .slice(0, 12);
  const examples = lines.map((l) => ({ features: featureKeys(l), targets: targets(l) }));
  const splits = [...new Set(lines.map((l) => splitOf.get(l.id)!))].sort();
  return trainModel(lang, HEADS, examples, OPTIONS, {
    lines: lines.length,
    splits,
    corpus: hash,
    date: new Date().toISOString().slice(0, 10),
  });
}

/**
 * Out-of-fold probabilities for every train line: each batch is scored by a model fitted on the other batches, so
 * thresholds are chosen on wording each model has not seen (like the test split), and dev stays an honest check.
 */
function outOfFold(lang: Lang, lines: readonly CorpusLine[]): Float32Array[] {
  const out: Float32Array[] = new Array(lines.length);
  for (const batch of new Set(lines.map(batchOf))) {
    const clf = new Classifier(
      fit(
        lang,
        lines.filter((l) => batchOf(l) !== batch),
      ),
    );
    lines.forEach((l, i) => {
      if (batchOf(l) !== batch) return;
      const x = inputOf(l);
      out[i] = clf.score(x.text, x.ctx, x.extra, x.marks).slice();
    });
  }
  return out;
}

/**
 * Each head's threshold for the engine as shipped (a rule's hit OR the model's), on out-of-fold probabilities: the
 * best value on a grid by F-β, with β < 1 for violations — a false accusation costs a trainee's trust more than a
 * miss the mentor may still catch.
 */
function chooseThresholds(model: ModelData, lines: readonly CorpusLine[], probs: readonly Float32Array[]): string {
  const lang = model.lang;
  const rules = lines.map((l) => {
    const a = rulesOnly.assess(l.text, lang, { local_time: '10:00', ...l.context });
    return new Set([
      ...a.findings.filter(isViolation).map((f) => `cat:${f.category}`),
      ...a.moves.map((m) => `move:${m.move}`),
    ]);
  });
  const Y = lines.map(targets);
  const grid = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
  model.thresholds = model.heads.map((head, h) => {
    if (head.startsWith('tone:')) return 0.5;
    // A threat heard where there was none hangs up a persona and accuses a trainee: weigh it like a violation.
    const accusing = head.startsWith('cat:') || head === 'move:threaten';
    const beta2 = accusing ? BETA_VIOLATIONS ** 2 : 1;
    let best = 0.5;
    let bestF = -1;
    for (const t of grid) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      lines.forEach((_, n) => {
        const said = rules[n].has(head) || probs[n][h] >= t;
        if (said && Y[n][h]) tp++;
        else if (said) fp++;
        else if (Y[n][h]) fn++;
      });
      const f = tp ? ((1 + beta2) * tp) / ((1 + beta2) * tp + beta2 * fn + fp) : 0;
      if (f > bestF + 1e-9) {
        bestF = f;
        best = t;
      }
    }
    return best;
  });
  // The out-of-fold figures at those thresholds: how the shipped engine does on wording of batches it never saw.
  const micro = (kind: string) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    model.heads.forEach((head, h) => {
      if (!head.startsWith(kind)) return;
      lines.forEach((_, n) => {
        const said = rules[n].has(head) || probs[n][h] >= model.thresholds[h];
        if (said && Y[n][h]) tp++;
        else if (said) fp++;
        else if (Y[n][h]) fn++;
      });
    });
    const [p, r] = [tp / Math.max(1, tp + fp), tp / Math.max(1, tp + fn)];
    return `P ${(p * 100).toFixed(1)} R ${(r * 100).toFixed(1)} F1 ${((200 * p * r) / Math.max(1e-9, p + r)).toFixed(1)}`;
  };
  const tones = model.heads.flatMap((head, h) => (head.startsWith('tone:') ? [h] : []));
  const toneRight = lines.filter((_, n) => Y[n][tones.reduce((a, b) => (probs[n][b] > probs[n][a] ? b : a))]).length;
  return `out of fold: violations ${micro('cat:')}; moves ${micro('move:')}; tone ${((100 * toneRight) / lines.length).toFixed(1)} %`;
}

const check = process.argv.includes('--check');
let stale = 0;
for (const lang of ['zh', 'en'] as const) {
  // Train only: refitting on train and dev together was measured (test violations P 0.889 → 0.874, R 0.582 → 0.566,
  // tone 0.818 → 0.827, moves 0.634 → 0.638) and is not worth losing dev as a held-out check.
  const lines = corpus.bySplit.train.filter((l) => l.lang === lang);
  const model = fit(lang, lines);
  const oof = chooseThresholds(model, lines, outOfFold(lang, lines));
  model.concepts = Object.keys(loaded.concepts)
    .filter((name) => loaded.concepts[name][lang]?.length)
    .sort();
  const file = `content/models/${lang}.json`;
  const weights = model.weights.reduce((n, w) => n + decodeWeights(w).length, 0);
  if (check) {
    // The shipped weights must be exactly what the corpus and this code make (the date aside): no hand-edited or
    // stale model reaches a trainee.
    const shipped = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ModelData) : undefined;
    const same =
      shipped &&
      JSON.stringify({ ...shipped, trained: { ...shipped.trained, date: '' } }) ===
        JSON.stringify({ ...model, trained: { ...model.trained, date: '' } });
    process.stdout.write(
      `${file}: ${same ? 'matches the corpus' : 'is NOT what the corpus trains: run npm run train'}\n`,
    );
    if (!same) stale++;
    continue;
  }
  writeFileSync(file, `${JSON.stringify(model)}\n`);
  process.stdout.write(
    `${file}: ${model.trained.lines} lines, ${decodeFeatures(model.features).length} features, ${weights} weights\n  ${oof}\n`,
  );
}
process.exitCode = stale ? 1 : 0;
