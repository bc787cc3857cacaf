/**
 * The cohort as the bank's LRS holds it: trainees who practised on other PCs. A mentor's read turns the `passed` and
 * `failed` statements of a course (and time window) into the same attempt shapes the local cohort aggregations take,
 * and one attempt's lines are read on demand by its registration. Reading only: nothing here writes anywhere, and
 * nothing runs unless a mentor asks.
 */
import type { CohortAttempt, CohortProfile } from '../report/cohort.ts';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../scoring/types.ts';
import { getStatements, type FetchLike, type XapiConnection } from './client.ts';
import { registrationOf } from './ids.ts';
import { EXT, PROFILE_IRI, VERBS, courseActivityId, scenarioActivityId, type Statement } from './xapi.ts';

/** Which statements a mentor reads: one course (or every CallDojo course) over the last `days` days. */
export interface RemoteQuery {
  /** A course stage id (`first_contact`…), or null for every course. */
  course: string | null;
  days: number;
}

/** A trainee known only from the LRS: the staff number is all the statements say (no names are sent). */
export interface RemoteProfile extends CohortProfile {
  origin: 'lrs';
}

/** A scored call read from the LRS, in the local cohort's shape plus what opening it needs. */
export interface RemoteAttempt extends CohortAttempt {
  origin: 'lrs';
  /** The xAPI registration: the key for reading its lines. */
  registration: string;
  staffNo: string;
  mode: string | null;
  lang: string | null;
  outcome: string | null;
}

export interface RemoteCohort {
  /** Trainees only the LRS knows (those with a local profile of the same staff number count as that profile). */
  profiles: RemoteProfile[];
  /** Calls not on this PC, newest first. */
  attempts: RemoteAttempt[];
  /** Statements that could not be read as a CallDojo result (another tool's, or malformed). */
  skipped: number;
}

/** What this PC already knows, so its own calls (which it also sent to the LRS) are not counted twice. */
export interface LocalKnown {
  profiles: readonly { id: string; staffNo: string }[];
  attemptIds: readonly string[];
}

const DAY = 86_400_000;

/** The activity a cohort read filters on (with `related_activities`, so it matches the course in `grouping`). */
export function cohortActivity(activityBase: string, course: string | null): string {
  // Every CallDojo statement names the profile in `category`: "all courses" is one query rather than one per course.
  return course === null ? PROFILE_IRI : courseActivityId(activityBase, course);
}

/** The result statements (`passed`, `failed`) of the query's course and window, every page of both. */
export async function readCohortStatements(
  conn: XapiConnection,
  activityBase: string,
  query: RemoteQuery,
  options: { fetch?: FetchLike; now?: number; onPage?: (count: number) => void } = {},
): Promise<Statement[]> {
  const since = new Date((options.now ?? Date.now()) - query.days * DAY).toISOString();
  const activity = cohortActivity(activityBase, query.course);
  const out: Statement[] = [];
  for (const verb of [VERBS.passed.id, VERBS.failed.id]) {
    const base = out.length;
    const page = await getStatements(
      conn,
      { activity, related_activities: true, verb, since },
      {
        fetch: options.fetch,
        onPage: (n) => options.onPage?.(base + n),
      },
    );
    out.push(...page);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const isCategory = (v: unknown): v is Category => CATEGORIES.includes(v as Category);
const isSeverity = (v: unknown): v is Severity => SEVERITIES.includes(v as Severity);

/** An extension from the result, else the context (builders differ in where they put a fact). */
function extension(s: Statement, key: string): unknown {
  return s.result?.extensions?.[key] ?? s.context?.extensions?.[key];
}

/** The finding summary extension, kept only if it has the summary's shape (counts by category and rule). */
function findingSummary(v: unknown): CohortAttempt['findings'] {
  if (!isObject(v) || !isObject(v.byCategory) || !isObject(v.byRule)) return null;
  const byCategory: Partial<Record<Category, number>> = {};
  for (const [c, n] of Object.entries(v.byCategory)) if (isCategory(c) && num(n) !== null) byCategory[c] = n as number;
  const byRule: Record<string, { category: Category; severity: Severity; count: number }> = {};
  for (const [rule, r] of Object.entries(v.byRule)) {
    if (isObject(r) && isCategory(r.category) && isSeverity(r.severity) && num(r.count) !== null) {
      byRule[rule] = { category: r.category, severity: r.severity, count: r.count as number };
    }
  }
  return { byCategory, byRule };
}

/** The scenario id of a scenario activity IRI under the base (an IRI from elsewhere stays whole). */
export function scenarioIdOf(activityBase: string, iri: string): string {
  const prefix = scenarioActivityId(activityBase, '');
  return iri.startsWith(prefix) && !iri.slice(prefix.length).includes('/')
    ? decodeURIComponent(iri.slice(prefix.length))
    : iri;
}

/** The total out of 100: `raw` on a 0–100 scale, else `scaled` (a blocker-failed call carries `raw` only). */
function totalOf(s: Statement): number | null {
  const score = s.result?.score;
  if (!score) return null;
  const raw = num(score.raw);
  if (raw !== null) {
    const min = num(score.min) ?? 0;
    const max = num(score.max) ?? 100;
    return max > min ? Math.round(((raw - min) / (max - min)) * 1000) / 10 : null;
  }
  const scaled = num(score.scaled);
  return scaled === null ? null : Math.round(scaled * 1000) / 10;
}

const profileIdOf = (homePage: string, staffNo: string) => `lrs:${homePage}#${staffNo}`;

/**
 * The calls and trainees of result statements. Per registration the newest result counts; calls this PC holds
 * itself are left out; a staff number under the bank's home page that has a local profile is that profile.
 */
export function cohortFromStatements(
  statements: readonly Statement[],
  options: { activityBase: string; homePage: string; local: LocalKnown },
): RemoteCohort {
  const localRegistrations = new Set(options.local.attemptIds.map(registrationOf));
  const localByStaff = new Map(options.local.profiles.map((p) => [p.staffNo, p.id]));
  const newest = new Map<string, { s: Statement; at: number }>();
  let skipped = 0;
  for (const s of statements) {
    const registration = s.context?.registration;
    const at = Date.parse(s.timestamp);
    const ok =
      (s.verb?.id === VERBS.passed.id || s.verb?.id === VERBS.failed.id) &&
      registration &&
      s.object?.objectType === 'Activity' &&
      s.actor?.account &&
      Number.isFinite(at) &&
      totalOf(s) !== null;
    if (!ok) {
      skipped++;
      continue;
    }
    if (localRegistrations.has(registration)) continue;
    const seen = newest.get(registration);
    if (!seen || seen.at < at) newest.set(registration, { s, at });
  }
  const profiles = new Map<string, RemoteProfile>();
  const attempts: RemoteAttempt[] = [];
  for (const [registration, { s, at }] of newest) {
    const { homePage, name: staffNo } = s.actor.account;
    let profileId = homePage === options.homePage ? localByStaff.get(staffNo) : undefined;
    if (!profileId) {
      profileId = profileIdOf(homePage, staffNo);
      if (!profiles.has(profileId)) profiles.set(profileId, { id: profileId, name: staffNo, staffNo, origin: 'lrs' });
    }
    const object = s.object as { id: string; definition?: { name?: Record<string, string> } };
    const scenarioId = scenarioIdOf(options.activityBase, object.id);
    const total = totalOf(s)!;
    const dimensions = extension(s, EXT.dimensions);
    attempts.push({
      origin: 'lrs',
      id: `lrs:${registration}`,
      registration,
      staffNo,
      profileId,
      scenarioId,
      scenarioTitle:
        Object.values(object.definition?.name ?? {})[0] ?? str(extension(s, EXT.scenarioTitle)) ?? scenarioId,
      status: 'completed',
      endedAt: at,
      scores: isObject(dimensions) ? { ...dimensions, total } : { total },
      passed: s.verb.id === VERBS.passed.id,
      blockerRule: str(extension(s, EXT.blockerRule)),
      findings: findingSummary(extension(s, EXT.findingSummary)),
      mode: str(extension(s, EXT.mode)),
      lang: str(extension(s, EXT.lang)),
      outcome: str(extension(s, EXT.outcome)),
    });
  }
  attempts.sort((a, b) => b.endedAt! - a.endedAt!);
  return {
    profiles: [...profiles.values()].sort((a, b) => (a.staffNo < b.staffNo ? -1 : a.staffNo > b.staffNo ? 1 : 0)),
    attempts,
    skipped,
  };
}
