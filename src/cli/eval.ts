/**
 * `npm run eval [-- --split dev|test|train|all] [--json] [--check] [--misses N]`: scores the labelled corpus with
 * the engine the app ships (rules plus models) and prints, per split, violation precision / recall / F1 per
 * category, the clean-line false-flag rate, tone accuracy with its confusion table, move micro-F1 and per-move
 * figures, and the worst misses. `test-noisy` is the test split with typing noise added (src/corpus/noise.ts).
 * `--rules-only` leaves the trained models out, to see what they add. `--check` compares the headline figures with
 * content/corpus/thresholds.json (or `--thresholds FILE`) and exits 1 when any is below its floor.
 */
import { readFileSync } from 'node:fs';
import { formatDiagnostic, locate } from '../diagnostics/diagnostic.ts';
import type { CorpusLine } from '../corpus/corpus.ts';
import { loadCorpus } from './corpus-files.ts';
import { evaluate, headline, type EvalReport, type Prediction, type Prf } from '../corpus/metrics.ts';
import { addNoise } from '../corpus/noise.ts';
import { isViolation, type ScoringEngine } from '../scoring/index.ts';
import { loadEngineForNode, readModels } from './engine-node.ts';

/** The corpus folder; `CORPUS=dir` reads another (experiments on a copy while batches are being written). */
const CORPUS = process.env.CORPUS ?? 'content/corpus';
const THRESHOLDS = 'content/corpus/thresholds.json';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function predictor(engine: ScoringEngine, noisy: boolean) {
  return (line: CorpusLine): Prediction => {
    const text = noisy ? addNoise(line.id, line.text, line.lang) : line.text;
    const a = engine.assess(text, line.lang, { local_time: '10:00', ...line.context });
    return {
      violations: a.findings.filter(isViolation).map((f) => f.category),
      moves: a.moves.map((m) => m.move),
      tone: a.tone.label,
    };
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}`.padStart(5);
const row = (name: string, p: Prf) =>
  `  ${name.padEnd(22)} ${pct(p.precision)} ${pct(p.recall)} ${pct(p.f1)} ${String(p.support).padStart(5)}`;

function print(name: string, r: EvalReport, misses: number, inTraining: boolean): void {
  const out: string[] = [];
  out.push(
    `\n== ${name}: ${r.lines} lines${inTraining ? " (in the shipped models' training data: not a held-out figure)" : ''}`,
  );
  out.push(`  ${'violations'.padEnd(22)}     P     R    F1  support`);
  out.push(row('all (micro)', r.violations.micro));
  for (const [c, p] of Object.entries(r.violations.byCategory)) if (p.support || p.fp) out.push(row(c, p));
  out.push(
    `  clean lines falsely flagged: ${r.violations.cleanFlagged}/${r.violations.cleanLines} (${pct(r.violations.cleanFalseFlagRate).trim()} %)`,
  );
  out.push(`  tone accuracy ${pct(r.tone.accuracy).trim()} %   (rows: gold, columns: predicted)`);
  for (const [gold, preds] of Object.entries(r.tone.confusion))
    out.push(
      `    ${gold.padEnd(8)} ${['polite', 'neutral', 'rude'].map((t) => `${t} ${String(preds[t] ?? 0).padStart(4)}`).join('  ')}`,
    );
  out.push(`  ${'moves'.padEnd(22)}     P     R    F1  support`);
  out.push(row('all (micro)', r.moves.micro));
  for (const [m, p] of Object.entries(r.moves.byMove)) if (p.support || p.fp) out.push(row(m, p));
  if (misses) {
    out.push(`  worst misses (missed violations first):`);
    const order = (w: string) => (w.startsWith('missed') ? 0 : w.startsWith('false') ? 1 : 2);
    for (const m of [...r.misses].sort((a, b) => order(a.what) - order(b.what)).slice(0, misses))
      out.push(`    ${m.id.padEnd(18)} ${m.what.padEnd(28)} ${m.text}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<number> {
  const { engine, moveIds } = await loadEngineForNode('content/rules', !flag('--rules-only'));
  const trainedOn = new Set(Object.values(readModels()).flatMap((m) => m?.trained.splits ?? ['train']));
  const corpus = loadCorpus(CORPUS, new Set(moveIds));
  if (corpus.diagnostics.length) {
    for (const d of corpus.diagnostics)
      process.stderr.write(`${formatDiagnostic(locate(corpus.sources.get(d.file) ?? '', [d])[0])}\n`);
    return 2;
  }
  const which = value('--split') ?? (flag('--check') ? 'test' : 'dev,test');
  const names =
    which === 'all'
      ? ['train', 'dev', 'test', 'test-noisy']
      : which.split(',').flatMap((s) => (s === 'test' ? ['test', 'test-noisy'] : [s]));
  const reports: Record<string, EvalReport> = {};
  for (const name of names) {
    const split = name.replace('-noisy', '') as keyof typeof corpus.bySplit;
    if (!corpus.bySplit[split]) {
      process.stderr.write(`eval: unknown split ${name} (train, dev, test, all)\n`);
      return 2;
    }
    reports[name] = evaluate(corpus.bySplit[split], predictor(engine, name.endsWith('-noisy')), moveIds);
  }
  if (flag('--json'))
    process.stdout.write(
      `${JSON.stringify(Object.fromEntries(Object.entries(reports).map(([k, r]) => [k, { headline: headline(r), ...r }])), null, 2)}\n`,
    );
  else
    for (const [name, r] of Object.entries(reports))
      print(
        name,
        r,
        Number(value('--misses') ?? 12),
        !flag('--rules-only') && trainedOn.has(name.replace('-noisy', '')),
      );

  if (!flag('--check')) return 0;
  const thresholdsFile = value('--thresholds') ?? THRESHOLDS;
  const thresholds = JSON.parse(readFileSync(thresholdsFile, 'utf8')) as Record<string, Record<string, number>>;
  const failures: string[] = [];
  for (const [name, limits] of Object.entries(thresholds)) {
    const r = reports[name];
    if (!r) continue;
    const h = headline(r);
    for (const [figure, limit] of Object.entries(limits)) {
      const got = h[figure];
      // Rates where lower is better are named as such; everything else must reach its floor.
      const ok = figure === 'clean_false_flag' ? got <= limit : got >= limit;
      if (got === undefined || !ok)
        failures.push(`${name} ${figure} ${got === undefined ? 'missing' : got.toFixed(3)} (limit ${limit})`);
    }
  }
  process.stdout.write(
    failures.length
      ? `\neval: ${failures.length} figure(s) below ${thresholdsFile}:\n  ${failures.join('\n  ')}\n`
      : `\neval: every figure meets ${thresholdsFile}\n`,
  );
  return failures.length ? 1 : 0;
}

process.exitCode = await main();
