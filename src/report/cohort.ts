/**
 * Cohort analytics for mentors over many trainees' calls. Pure and single-pass: it reads each attempt's finding
 * summary (computed when the call ended), never its lines, so 10,000 attempts aggregate in a few milliseconds.
 */
import { CATEGORIES, type Category, type Severity } from '../scoring/types.ts';

/** What cohort views need of an attempt; the storage `Attempt` row fits as is. */
export interface CohortAttempt {
  id: string;
  profileId: string;
  scenarioId: string;
  scenarioTitle: string;
  status: 'in_progress' | 'ended' | 'completed' | 'abandoned';
  endedAt: number | null;
  scores: { total: number } | null;
  passed: boolean | null;
  blockerRule: string | null;
  findings: {
    byCategory: Partial<Record<Category, number>>;
    byRule: Record<string, { category: Category; severity: Severity; count: number }>;
  } | null;
}

export interface CohortProfile {
  id: string;
  name: string;
  staffNo: string;
}

type Done = CohortAttempt & { status: 'completed'; endedAt: number; scores: { total: number } };

/** Completed, scored calls only: abandoned or running calls say nothing about skill. */
function isDone(a: CohortAttempt): a is Done {
  return a.status === 'completed' && a.scores !== null && a.endedAt !== null;
}

export interface CohortRow {
  profileId: string;
  name: string;
  staffNo: string;
  scenarioId: string;
  scenarioTitle: string;
  /** Best total over the completed attempts. */
  best: number;
  attempts: number;
  /** Passed at least once. */
  passed: boolean;
  lastAt: number;
}

// One collator for every comparison: building one per localeCompare call is what makes sorting slow.
const byName = new Intl.Collator('zh');

/** One row per trainee × scenario they completed, ordered by trainee name then scenario id. */
export function cohortTable(profiles: readonly CohortProfile[], attempts: readonly CohortAttempt[]): CohortRow[] {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const rows = new Map<string, Map<string, CohortRow>>();
  for (const a of attempts) {
    if (!isDone(a)) continue;
    const p = byId.get(a.profileId);
    if (!p) continue;
    let mine = rows.get(p.id);
    if (!mine) rows.set(p.id, (mine = new Map()));
    const row = mine.get(a.scenarioId);
    if (!row) {
      mine.set(a.scenarioId, {
        profileId: p.id,
        name: p.name,
        staffNo: p.staffNo,
        scenarioId: a.scenarioId,
        scenarioTitle: a.scenarioTitle,
        best: a.scores.total,
        attempts: 1,
        passed: a.passed === true,
        lastAt: a.endedAt,
      });
      continue;
    }
    row.attempts++;
    if (a.scores.total > row.best) row.best = a.scores.total;
    if (a.passed === true) row.passed = true;
    if (a.endedAt > row.lastAt) row.lastAt = a.endedAt;
  }
  // Collation is slow for Chinese text: rank the (few) profiles once, then sort rows by number.
  const ranked = [...rows.keys()].sort(
    (x, y) => byName.compare(byId.get(x)!.name, byId.get(y)!.name) || (x < y ? -1 : 1),
  );
  return ranked.flatMap((id) =>
    [...rows.get(id)!.values()].sort((x, y) =>
      x.scenarioId < y.scenarioId ? -1 : x.scenarioId > y.scenarioId ? 1 : 0,
    ),
  );
}

export interface RuleCount {
  rule: string;
  category: Category;
  severity: Severity;
  count: number;
}

export interface Heatmap {
  /** Every category, in the fixed vocabulary's order, with 0 where nothing was found. */
  byCategory: Record<Category, number>;
  /** Most frequent first. */
  byRule: RuleCount[];
  byTrainee: Record<string, { byCategory: Record<Category, number>; byRule: Record<string, number> }>;
}

const CATEGORY_INDEX = new Map<Category, number>(CATEGORIES.map((c, i) => [c, i]));
const record = (counts: number[]): Record<Category, number> =>
  Object.fromEntries(CATEGORIES.map((c, i) => [c, counts[i]])) as Record<Category, number>;

/** Finding counts of the completed calls per category and per rule, overall and per trainee. */
export function violationHeatmap(attempts: readonly CohortAttempt[]): Heatmap {
  // Rules and categories are interned to small integers and counted in arrays: per finding that is one Map lookup
  // instead of a string-keyed update per table, which is what dominated with 10,000 attempts.
  const ruleIndex = new Map<string, number>();
  const rules: RuleCount[] = [];
  const total = new Array<number>(CATEGORIES.length).fill(0);
  const trainees = new Map<string, { cats: number[]; rules: number[] }>();
  for (const a of attempts) {
    if (!isDone(a) || !a.findings) continue;
    let mine = trainees.get(a.profileId);
    if (!mine) trainees.set(a.profileId, (mine = { cats: new Array<number>(CATEGORIES.length).fill(0), rules: [] }));
    const cats = a.findings.byCategory;
    for (const c in cats) {
      const i = CATEGORY_INDEX.get(c as Category);
      if (i === undefined) continue;
      const n = cats[c as Category] ?? 0;
      total[i] += n;
      mine.cats[i] += n;
    }
    const byRule = a.findings.byRule;
    for (const rule in byRule) {
      const r = byRule[rule];
      let i = ruleIndex.get(rule);
      if (i === undefined) {
        ruleIndex.set(rule, (i = rules.length));
        rules.push({ rule, category: r.category, severity: r.severity, count: 0 });
      }
      rules[i].count += r.count;
      mine.rules[i] = (mine.rules[i] ?? 0) + r.count;
    }
  }
  const byTrainee: Heatmap['byTrainee'] = {};
  for (const [id, t] of trainees) {
    const byRule: Record<string, number> = {};
    t.rules.forEach((n, i) => (byRule[rules[i].rule] = n));
    byTrainee[id] = { byCategory: record(t.cats), byRule };
  }
  const byRule = rules.sort((x, y) => y.count - x.count || (x.rule < y.rule ? -1 : x.rule > y.rule ? 1 : 0));
  return { byCategory: record(total), byRule, byTrainee };
}

export interface TrendPoint {
  /** Local date of the bucket's first day, `YYYY-MM-DD` (weeks start on Monday). */
  bucket: string;
  attempts: number;
  averageTotal: number;
  /** Share of passed calls, 0–1. */
  passRate: number;
}

/** Start of the local day (or Monday of the week) holding `t`, as `YYYY-MM-DD`. */
function bucketOf(t: number, bucket: 'day' | 'week'): string {
  const d = new Date(t);
  if (bucket === 'week') d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Average total and pass rate of the completed calls per day or week of their end, oldest first. */
export function trend(attempts: readonly CohortAttempt[], bucket: 'day' | 'week'): TrendPoint[] {
  const sums = new Map<string, { n: number; total: number; passed: number }>();
  // Local-time Date arithmetic is the costly part: do it once per quarter hour (every UTC offset is a multiple of
  // 15 minutes, so all instants of a quarter hour share a local date).
  const keys = new Map<number, string>();
  for (const a of attempts) {
    if (!isDone(a)) continue;
    const quarter = Math.floor(a.endedAt / 900_000);
    let key = keys.get(quarter);
    if (key === undefined) keys.set(quarter, (key = bucketOf(a.endedAt, bucket)));
    const s = sums.get(key) ?? { n: 0, total: 0, passed: 0 };
    s.n++;
    s.total += a.scores.total;
    if (a.passed) s.passed++;
    sums.set(key, s);
  }
  return [...sums.entries()]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([key, s]) => ({
      bucket: key,
      attempts: s.n,
      averageTotal: Math.round((10 * s.total) / s.n) / 10,
      passRate: s.passed / s.n,
    }));
}

export interface Readiness {
  profileId: string;
  name: string;
  staffNo: string;
  ready: boolean;
  /** Required scenarios not yet passed, in the order they were required. */
  missing: string[];
  /** Calls among the trainee's last N completed ones that a critical finding failed, newest first. */
  blockersInLastN: { attemptId: string; scenarioId: string; rule: string; endedAt: number }[];
}

/** Ready = passed every required scenario and no blocker in the last `lastN` completed calls; one entry per profile. */
export function readiness(
  profiles: readonly CohortProfile[],
  attempts: readonly CohortAttempt[],
  options: { required: readonly string[]; lastN: number },
): Readiness[] {
  const passed = new Map<string, Set<string>>();
  const recent = new Map<string, Done[]>();
  for (const a of attempts) {
    if (!isDone(a)) continue;
    if (a.passed) (passed.get(a.profileId) ?? passed.set(a.profileId, new Set()).get(a.profileId)!).add(a.scenarioId);
    (recent.get(a.profileId) ?? recent.set(a.profileId, []).get(a.profileId)!).push(a);
  }
  return profiles.map((p) => {
    const missing = options.required.filter((s) => !passed.get(p.id)?.has(s));
    const last = (recent.get(p.id) ?? []).sort((x, y) => y.endedAt - x.endedAt).slice(0, Math.max(0, options.lastN));
    const blockersInLastN = last.flatMap((a) =>
      a.blockerRule ? [{ attemptId: a.id, scenarioId: a.scenarioId, rule: a.blockerRule, endedAt: a.endedAt }] : [],
    );
    return {
      profileId: p.id,
      name: p.name,
      staffNo: p.staffNo,
      ready: missing.length === 0 && blockersInLastN.length === 0,
      missing,
      blockersInLastN,
    };
  });
}
