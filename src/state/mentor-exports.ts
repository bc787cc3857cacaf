/**
 * The mentor's CSV exports, built from every finished call on this PC with the mentor's corrections applied, as
 * files ready to download (UTF-8 with BOM, so Excel on a Chinese Windows shows the names right).
 */
import { cohortTable } from '../report/cohort.ts';
import { attemptsCsv, cohortCsv, findingRows, findingsCsv } from '../report/csv.ts';
import type { ScoredTurn } from '../report/types.ts';
import { allTurns, type CallDojoDb, type Turn } from '../storage/index.ts';
import { csvNames } from './csv-names.ts';
import { cohortTables, loadCohort } from './mentor-source.ts';

export type CsvKind = 'attempts' | 'findings' | 'cohort';
type Lang = 'zh' | 'en';

/** A file name that says what the sheet holds and when it was taken, e.g. `calldojo-findings-2026-11-22.csv`. */
export function csvFileName(kind: CsvKind, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `calldojo-${kind}-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}.csv`;
}

/** Trainee lines with an assessment, per call, in line order (what override indexes count). */
function scoredByAttempt(turns: readonly Turn[]): Map<string, ScoredTurn[]> {
  const sorted = [...turns].sort((a, b) =>
    a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : a.index - b.index,
  );
  const out = new Map<string, ScoredTurn[]>();
  for (const t of sorted) {
    if (t.speaker !== 'trainee' || !t.assessment) continue;
    let list = out.get(t.attemptId);
    if (!list) out.set(t.attemptId, (list = []));
    list.push({ text: t.text, nodeId: '', expected: [], assessment: t.assessment });
  }
  return out;
}

/** The CSV text of one export kind; the findings sheet is the only one that reads every line. */
export async function buildCsv(db: CallDojoDb, kind: CsvKind, lang: Lang): Promise<string> {
  const tables = await cohortTables(db);
  const [, machineRows, overrides] = tables;
  const cohort = await loadCohort(db, tables);
  const names = csvNames(lang === 'zh' ? 'zh-CN' : 'en');
  if (kind === 'cohort') return cohortCsv(cohortTable(cohort.profiles, cohort.attempts), { lang, names });
  if (kind === 'attempts') {
    // Machine scores in their own columns; the corrected total and verdict beside them.
    const effective = new Map(cohort.attempts.map((a) => [a.id, { scores: a.scores!, passed: a.passed === true }]));
    return attemptsCsv(
      cohort.profiles,
      [...machineRows].sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0)),
      { lang, names, effective },
    );
  }
  const turns = scoredByAttempt(await allTurns(db));
  const profiles = new Map(cohort.profiles.map((p) => [p.id, p]));
  const byAttempt = new Map<string, typeof overrides>();
  for (const o of [...overrides].sort((a, b) => a.at - b.at))
    byAttempt.set(o.attemptId, [...(byAttempt.get(o.attemptId) ?? []), o]);
  const rows = [...machineRows]
    .sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0))
    .flatMap((a) => {
      const p = profiles.get(a.profileId);
      return p ? findingRows(p, a, turns.get(a.id) ?? [], byAttempt.get(a.id) ?? []) : [];
    });
  return findingsCsv(rows, { lang, names });
}
