/**
 * Deterministic cohort data for the render benchmark: trainees, finished calls with their finding summaries (as
 * storage keeps them) and, for the naive baseline, every line of every call with its findings.
 */
import type { CohortAttempt, CohortProfile } from '../../src/report/cohort.ts';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../../src/scoring/types.ts';

/** mulberry32: a small PRNG, so every run renders the same cohort. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BenchLine {
  attemptId: string;
  speaker: 'trainee' | 'persona';
  findings: { rule: string; category: Category; severity: Severity }[];
}

export interface BenchCohort {
  profiles: CohortProfile[];
  attempts: CohortAttempt[];
  lines: BenchLine[];
  titles: Record<string, string>;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['小明', '晓红', '建国', '丽娜', '志强', '婷婷', '海燕', '俊杰', '雪梅', '子涵'];

/** `attempts` finished calls of `trainees` people over 25 scenarios and six months, `linesPerCall` lines each. */
export function generateCohort(attempts: number, trainees = 120, linesPerCall = 20, seed = 7): BenchCohort {
  const r = rng(seed);
  const profiles: CohortProfile[] = Array.from({ length: trainees }, (_, i) => ({
    id: `p${i}`,
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${i}`,
    staffNo: `A${1000 + i}`,
  }));
  const rules = Array.from({ length: 48 }, (_, i) => ({
    rule: `rule-${i}`,
    category: CATEGORIES[i % CATEGORIES.length],
    severity: SEVERITIES[i % 3],
  }));
  const titles: Record<string, string> = {};
  for (let s = 0; s < 25; s++)
    titles[`s${String(s).padStart(2, '0')}`] =
      `场景 ${s + 1}：${['首次联系', '承诺跟进', '第三方接听', '投诉处理', '挂失止付'][s % 5]}`;
  const scenarioIds = Object.keys(titles);
  const out: CohortAttempt[] = [];
  const lines: BenchLine[] = [];
  const start = Date.UTC(2026, 4, 1);
  for (let i = 0; i < attempts; i++) {
    const id = `a${i}`;
    const summary: NonNullable<CohortAttempt['findings']> = { byCategory: {}, byRule: {} };
    let blocker: string | null = null;
    for (let l = 0; l < linesPerCall; l++) {
      const speaker = l % 2 === 0 ? 'persona' : 'trainee';
      const findings: BenchLine['findings'] = [];
      if (speaker === 'trainee' && r() < 0.2) {
        const def = rules[Math.floor(r() * rules.length)];
        findings.push(def);
        summary.byCategory[def.category] = (summary.byCategory[def.category] ?? 0) + 1;
        (summary.byRule[def.rule] ??= { category: def.category, severity: def.severity, count: 0 }).count++;
        if (def.severity === 'critical' && def.category !== 'tone' && def.category !== 'script') blocker ??= def.rule;
      }
      lines.push({ attemptId: id, speaker, findings });
    }
    const total = blocker ? 30 + Math.floor(r() * 29) : Math.floor(45 + r() * 55);
    const scenarioId = scenarioIds[Math.floor(r() * scenarioIds.length)];
    out.push({
      id,
      profileId: profiles[Math.floor(r() * trainees)].id,
      scenarioId,
      scenarioTitle: titles[scenarioId],
      status: 'completed',
      endedAt: start + Math.floor(r() * 180 * 86_400_000),
      scores: { total },
      passed: !blocker && total >= 60,
      blockerRule: blocker,
      findings: summary,
    });
  }
  return { profiles, attempts: out, lines, titles };
}

/** The naive way to the same summaries: read every line of every call and count its findings. */
export function summariesFromLines(attempts: readonly CohortAttempt[], lines: readonly BenchLine[]): CohortAttempt[] {
  const byAttempt = new Map<string, NonNullable<CohortAttempt['findings']>>();
  for (const line of lines) {
    let s = byAttempt.get(line.attemptId);
    if (!s) byAttempt.set(line.attemptId, (s = { byCategory: {}, byRule: {} }));
    for (const f of line.findings) {
      s.byCategory[f.category] = (s.byCategory[f.category] ?? 0) + 1;
      (s.byRule[f.rule] ??= { category: f.category, severity: f.severity, count: 0 }).count++;
    }
  }
  return attempts.map((a) => ({ ...a, findings: byAttempt.get(a.id) ?? { byCategory: {}, byRule: {} } }));
}
