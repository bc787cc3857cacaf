/**
 * Evaluation over labelled lines: per violation category, move and tone class precision / recall / F1, the share
 * of clean lines falsely flagged, the tone confusion table and the worst misses. Pure: the caller supplies the
 * predictions (whatever engine made them), so the same report serves rules, models and their combination.
 */
import { TONE_LABELS, VIOLATION_CATEGORIES, type CorpusLine, type ToneLabel } from './corpus.ts';

/** What an engine says of one line, in the labels' vocabulary. */
export interface Prediction {
  violations: readonly string[];
  moves: readonly string[];
  tone: string;
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Lines that carry the label (tp + fn). */
  support: number;
}

export interface Miss {
  id: string;
  text: string;
  /** `missed threat`, `false abuse`, `tone rude→neutral`, `missed move verify_identity`… */
  what: string;
}

export interface EvalReport {
  lines: number;
  violations: {
    micro: Prf;
    byCategory: Record<string, Prf>;
    cleanLines: number;
    cleanFlagged: number;
    cleanFalseFlagRate: number;
  };
  tone: { accuracy: number; confusion: Record<ToneLabel, Record<string, number>>; byClass: Record<ToneLabel, Prf> };
  moves: { micro: Prf; byMove: Record<string, Prf> };
  misses: Miss[];
}

class Tally {
  tp = 0;
  fp = 0;
  fn = 0;
  add(gold: boolean, predicted: boolean): void {
    if (gold && predicted) this.tp++;
    else if (predicted) this.fp++;
    else if (gold) this.fn++;
  }
  prf(): Prf {
    const { tp, fp, fn } = this;
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = tp + fn ? tp / (tp + fn) : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { tp, fp, fn, precision, recall, f1, support: tp + fn };
  }
}

const tallies = (keys: readonly string[]) => new Map(keys.map((k) => [k, new Tally()]));
const prfs = (m: Map<string, Tally>) => Object.fromEntries([...m].map(([k, t]) => [k, t.prf()]));

/** Scores `predict` on `lines`; `moveIds` is the move vocabulary measured. */
export function evaluate(
  lines: readonly CorpusLine[],
  predict: (line: CorpusLine) => Prediction,
  moveIds: readonly string[],
): EvalReport {
  const byCategory = tallies(VIOLATION_CATEGORIES);
  const byMove = tallies(moveIds);
  const byTone = tallies(TONE_LABELS);
  const violationsMicro = new Tally();
  const movesMicro = new Tally();
  const confusion = Object.fromEntries(
    TONE_LABELS.map((t) => [t, {} as Record<string, number>]),
  ) as EvalReport['tone']['confusion'];
  const misses: Miss[] = [];
  let clean = 0;
  let cleanFlagged = 0;
  let toneRight = 0;

  for (const line of lines) {
    const p = predict(line);
    const predicted = new Set(p.violations.filter((c) => byCategory.has(c)));
    for (const [c, t] of byCategory) {
      const gold = (line.violations as readonly string[]).includes(c);
      const said = predicted.has(c);
      t.add(gold, said);
      violationsMicro.add(gold, said);
      if (gold !== said) misses.push({ id: line.id, text: line.text, what: `${gold ? 'missed' : 'false'} ${c}` });
    }
    if (line.violations.length === 0) {
      clean++;
      if (predicted.size) cleanFlagged++;
    }
    const moves = new Set(p.moves);
    for (const [m, t] of byMove) {
      const gold = line.moves.includes(m);
      t.add(gold, moves.has(m));
      movesMicro.add(gold, moves.has(m));
    }
    confusion[line.tone][p.tone] = (confusion[line.tone][p.tone] ?? 0) + 1;
    for (const [k, t] of byTone) t.add(line.tone === k, p.tone === k);
    if (p.tone === line.tone) toneRight++;
    else misses.push({ id: line.id, text: line.text, what: `tone ${line.tone}→${p.tone}` });
  }
  return {
    lines: lines.length,
    violations: {
      micro: violationsMicro.prf(),
      byCategory: prfs(byCategory),
      cleanLines: clean,
      cleanFlagged,
      cleanFalseFlagRate: clean ? cleanFlagged / clean : 0,
    },
    tone: {
      accuracy: lines.length ? toneRight / lines.length : 1,
      confusion,
      byClass: prfs(byTone) as Record<ToneLabel, Prf>,
    },
    moves: { micro: movesMicro.prf(), byMove: prfs(byMove) },
    misses,
  };
}

/** The figures a threshold can name, flattened: `violation_recall`, `recall.threat`, `tone_accuracy`… */
export function headline(r: EvalReport): Record<string, number> {
  const out: Record<string, number> = {
    violation_precision: r.violations.micro.precision,
    violation_recall: r.violations.micro.recall,
    clean_false_flag: r.violations.cleanFalseFlagRate,
    tone_accuracy: r.tone.accuracy,
    move_micro_f1: r.moves.micro.f1,
  };
  for (const [c, p] of Object.entries(r.violations.byCategory)) if (p.support) out[`recall.${c}`] = p.recall;
  return out;
}
