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
import { featureSet, spellingCues } from '../src/language/features.ts';
import { normalize } from '../src/language/normalize.ts';
import { createEngine, loadRulePacks, isViolation, type Lang } from '../src/scoring/index.ts';
import { readRuleFiles } from '../src/cli/rule-files.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
/** Hyper-parameters (environment overrides for experiments: EPOCHS, LR, L2, MIN_COUNT, KEEP). */
const OPTIONS: TrainOptions = {
  ...DEFAULT_TRAIN,
  epochs: env('EPOCHS', DEFAULT_TRAIN.epochs),
  learningRate: env('LR', DEFAULT_TRAIN.learningRate),
  l2: env('L2', DEFAULT_TRAIN.l2),
  minCount: env('MIN_COUNT', DEFAULT_TRAIN.minCount),
  keepPerHead: env('KEEP', DEFAULT_TRAIN.keepPerHead),
  minQuantised: env('MINQ', DEFAULT_TRAIN.minQuantised),
};

const loaded = loadRulePacks(readRuleFiles());
const moveIds = loaded.moves.filter((m) => m.kind === 'move').map((m) => m.id);
const rulesOnly = createEngine(loaded);
const corpus = loadCorpus('content/corpus', new Set(moveIds));
if (corpus.diagnostics.length) throw new Error(`corpus has ${corpus.diagnostics.length} problems: run npm run corpus:check`);

const BETA_VIOLATIONS = env('BETA', 0.7);

const HEADS = [...VIOLATION_CATEGORIES.map((c) => `cat:${c}`), ...moveIds.map((m) => `move:${m}`), ...TONE_LABELS.map((t) => `tone:${t}`)];

function targets(l: CorpusLine): Uint8Array {
  const y = new Uint8Array(HEADS.length);
  HEADS.forEach((h, i) => {
    const [kind, name] = h.split(':');
    y[i] = Number(kind === 'cat' ? (l.violations as string[]).includes(name) : kind === 'move' ? l.moves.includes(name) : l.tone === name);
  });
  return y;
}

/** The context as the engine resolves it (jurisdiction defaults such as the bank's policy filled in). */
const contextOf = (l: CorpusLine) => rulesOnly.resolveContext(l.lang, { local_time: '10:00', ...l.context });
const featureKeys = (l: CorpusLine) => featureSet(normalize(l.text, l.lang).text, l.lang, contextOf(l), spellingCues(l.text));

const batchOf = (l: CorpusLine) => l.id.replace(/-\d+$/, '');
const splitOf = new Map(Object.entries(corpus.bySplit).flatMap(([split, lines]) => lines.map((l) => [l.id, split] as const)));

function fit(lang: Lang, lines: readonly CorpusLine[]): ModelData {
  const hash = createHash('sha256').update(lines.map((l) => `${l.id}\t${l.text}`).join('\n')).digest('hex').slice(0, 12);
  const examples = lines.map((l) => ({ features: featureKeys(l), targets: targets(l) }));
  const splits = [...new Set(lines.map((l) => splitOf.get(l.id)!))].sort();
  return trainModel(lang, HEADS, examples, OPTIONS, { lines: lines.length, splits, corpus: hash, date: new Date().toISOString().slice(0, 10) });
}

/**
 * Out-of-fold probabilities for every train line: each batch is scored by a model fitted on the other batches, so
 * thresholds are chosen on wording each model has not seen (like the test split), and dev stays an honest check.
 */
function outOfFold(lang: Lang, lines: readonly CorpusLine[]): Float32Array[] {
  const out: Float32Array[] = new Array(lines.length);
  for (const batch of new Set(lines.map(batchOf))) {
    const clf = new Classifier(fit(lang, lines.filter((l) => batchOf(l) !== batch)));
    lines.forEach((l, i) => {
      if (batchOf(l) === batch) out[i] = clf.score(normalize(l.text, l.lang).text, contextOf(l), spellingCues(l.text)).slice();
    });
  }
  return out;
}

/**
 * Each head's threshold for the engine as shipped (a rule's hit OR the model's), on out-of-fold probabilities: the
 * best value on a grid by F-β, with β < 1 for violations — a false accusation costs a trainee's trust more than a
 * miss the mentor may still catch.
 */
function chooseThresholds(model: ModelData, lines: readonly CorpusLine[], probs: readonly Float32Array[]): void {
  const lang = model.lang;
  const rules = lines.map((l) => {
    const a = rulesOnly.assess(l.text, lang, { local_time: '10:00', ...l.context });
    return new Set([...a.findings.filter(isViolation).map((f) => `cat:${f.category}`), ...a.moves.map((m) => `move:${m.move}`)]);
  });
  const Y = lines.map(targets);
  const grid = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
  model.thresholds = model.heads.map((head, h) => {
    if (head.startsWith('tone:')) return 0.5;
    let best = 0.5;
    let bestF = -1;
    // A threat heard where there was none hangs up a persona and accuses a trainee: weigh it like a violation.
    const beta2 = head.startsWith('cat:') || head === 'move:threaten' ? BETA_VIOLATIONS ** 2 : 1;
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
}

const check = process.argv.includes('--check');
let stale = 0;
for (const lang of ['zh', 'en'] as const) {
  // Train only: refitting on train and dev together was measured (test violations P 0.889 → 0.874, R 0.582 → 0.566,
  // tone 0.818 → 0.827, moves 0.634 → 0.638) and is not worth losing dev as a held-out check.
  const lines = corpus.bySplit.train.filter((l) => l.lang === lang);
  const model = fit(lang, lines);
  chooseThresholds(model, lines, outOfFold(lang, lines));
  const file = `content/models/${lang}.json`;
  const weights = model.weights.reduce((n, w) => n + decodeWeights(w).length, 0);
  if (check) {
    // The shipped weights must be exactly what the corpus and this code make (the date aside): no hand-edited or
    // stale model reaches a trainee.
    const shipped = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ModelData) : undefined;
    const same = shipped && JSON.stringify({ ...shipped, trained: { ...shipped.trained, date: '' } }) === JSON.stringify({ ...model, trained: { ...model.trained, date: '' } });
    process.stdout.write(`${file}: ${same ? 'matches the corpus' : 'is NOT what the corpus trains: run npm run train'}\n`);
    if (!same) stale++;
    continue;
  }
  writeFileSync(file, `${JSON.stringify(model)}\n`);
  process.stdout.write(`${file}: ${model.trained.lines} lines, ${decodeFeatures(model.features).length} features, ${weights} weights\n`);
}
process.exitCode = stale ? 1 : 0;
