/**
 * Shapes the cohort analytics of `report/cohort.ts` for the mentor's screen: the trainee × scenario grid, heat levels
 * for the violation map, and a trend line. Pure and linear in the number of rows, so 10,000 calls render quickly.
 */
import {
  cohortTable,
  readiness,
  trend,
  violationHeatmap,
  type CohortAttempt,
  type CohortProfile,
  type CohortRow,
  type Heatmap,
  type Readiness,
  type TrendPoint,
} from '../report/cohort.ts';
import { CATEGORIES, type Category } from '../scoring/types.ts';

export type { CohortAttempt, CohortProfile, CohortRow, Heatmap, Readiness, TrendPoint };

export interface ReadinessOptions {
  required: string[];
  lastN: number;
}

export interface CohortGrid {
  scenarios: { id: string; title: string }[];
  trainees: { id: string; name: string; staffNo: string; cells: (CohortRow | null)[] }[];
}

/** Trainees (rows) × scenarios (columns); a cell is null where the trainee has not completed that scenario. */
export function cohortGrid(rows: readonly CohortRow[]): CohortGrid {
  const titles = new Map<string, string>();
  for (const r of rows) if (!titles.has(r.scenarioId)) titles.set(r.scenarioId, r.scenarioTitle);
  const scenarios = [...titles]
    .map(([id, title]) => ({ id, title }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const column = new Map(scenarios.map((s, i) => [s.id, i]));
  const trainees: CohortGrid['trainees'] = [];
  let current: CohortGrid['trainees'][number] | undefined;
  for (const r of rows) {
    // cohortTable sorts by trainee, so each trainee's rows are consecutive.
    if (current?.id !== r.profileId)
      trainees.push(
        (current = { id: r.profileId, name: r.name, staffNo: r.staffNo, cells: scenarios.map(() => null) }),
      );
    current.cells[column.get(r.scenarioId)!] = r;
  }
  return { scenarios, trainees };
}

/** 0–4: how hot a count is relative to the largest one shown (0 only for none at all). */
export function heatLevel(count: number, max: number): 0 | 1 | 2 | 3 | 4 {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((4 * count) / max))) as 1 | 2 | 3 | 4;
}

/** Categories that occurred at all, in the fixed vocabulary's order (empty columns only add noise). */
export function activeCategories(map: Heatmap): Category[] {
  return CATEGORIES.filter((c) => map.byCategory[c] > 0);
}

export interface TrendLayout {
  average: string;
  passRate: string;
  xs: number[];
}

/** SVG paths for the average total and the pass rate (as %), both on a 0–100 scale. */
export function layoutTrend(
  points: readonly TrendPoint[],
  box: { width: number; height: number; pad: number },
): TrendLayout {
  const w = box.width - 2 * box.pad;
  const h = box.height - 2 * box.pad;
  const xs = points.map((_, i) => box.pad + (points.length < 2 ? w / 2 : (i * w) / (points.length - 1)));
  const y = (v: number) => (box.pad + h - (Math.max(0, Math.min(100, v)) / 100) * h).toFixed(1);
  const path = (pick: (p: TrendPoint) => number) =>
    points.map((p, i) => `${i ? 'L' : 'M'}${xs[i].toFixed(1)} ${y(pick(p))}`).join(' ');
  return { average: path((p) => p.averageTotal), passRate: path((p) => p.passRate * 100), xs };
}

export interface CohortAnalytics {
  grid: CohortGrid;
  heatmap: Heatmap;
  categories: Category[];
  trend: TrendPoint[];
  bucket: 'day' | 'week';
  readiness: Readiness[];
}

/** Every cohort figure in one pass over the data; weekly trend once the calls span more than three weeks. */
export function cohortAnalytics(
  profiles: readonly CohortProfile[],
  attempts: readonly CohortAttempt[],
  options: ReadinessOptions,
): CohortAnalytics {
  let first = Infinity;
  let last = -Infinity;
  for (const a of attempts) {
    if (a.endedAt === null) continue;
    if (a.endedAt < first) first = a.endedAt;
    if (a.endedAt > last) last = a.endedAt;
  }
  const bucket = last - first > 21 * 86_400_000 ? 'week' : 'day';
  const heatmap = violationHeatmap(attempts);
  return {
    grid: cohortGrid(cohortTable(profiles, attempts)),
    heatmap,
    categories: activeCategories(heatmap),
    trend: trend(attempts, bucket),
    bucket,
    readiness: readiness(profiles, attempts, options),
  };
}
