/**
 * The mentor's cohort read from the LRS, against statements built by the statement builder (what another PC sends),
 * stored as an LRS returns them (with `stored`, `authority` and `version` added). The fake LRS pages its answers.
 */
import { describe, expect, it } from 'vitest';
import { basicAuth, type FetchLike } from '../../src/lrs/client.ts';
import {
  cohortFromStatements,
  readCohortStatements,
  scenarioIdOf,
  type RemoteQuery,
} from '../../src/lrs/cohort-remote.ts';
import { registrationOf } from '../../src/lrs/ids.ts';
import { readConnection } from '../../src/lrs/mentor-read.ts';
import { linesFromStatements, readAttemptStatements } from '../../src/lrs/remote-turns.ts';
import {
  commentStatement,
  completionStatements,
  exchangeStatements,
  type CompletedFacts,
  type StatementEnv,
} from '../../src/lrs/statements.ts';
import { PROFILE_IRI, VERBS, courseActivityId, staffAgent, type Statement } from '../../src/lrs/xapi.ts';
import type { Assessment, Finding } from '../../src/scoring/types.ts';
import { cohortAnalytics } from '../../src/state/mentor-cohort.ts';
import { joinCohorts, problemOf } from '../../src/state/lrs-cohort.ts';
import type { Override, Turn } from '../../src/storage/types.ts';
import { SETTINGS } from './fixtures.ts';

const HOME = SETTINGS.homePage;
const BASE = SETTINGS.activityBase;
const envOf = (staffNo: string): StatementEnv => ({
  actor: staffAgent(HOME, staffNo),
  homePage: HOME,
  activityBase: BASE,
});

const finding = (rule: string, severity: Finding['severity'], quote: string): Finding => ({
  rule,
  category: 'threat',
  severity,
  start: 0,
  end: quote.length,
  quote,
  message: rule,
  better: '',
  sources: [],
});
const assessment = (findings: Finding[]): Assessment => ({
  findings,
  tone: { label: 'neutral', score: 50, reasons: [] },
  moves: [],
  elements: [],
});

/** A scored call of `staffNo` as the attempt row the builder reads. */
function call(
  id: string,
  o: { total: number; passed: boolean; blocker?: string; endedAt: number; scenarioId?: string },
): CompletedFacts {
  return {
    id,
    scenarioId: o.scenarioId ?? 'cn-first-contact',
    scenarioTitle: '首次联系：手头紧的张先生',
    lang: 'zh',
    mode: 'practice',
    course: 'first_contact',
    startedAt: o.endedAt - 120_000,
    endedAt: o.endedAt,
    scores: { compliance: o.blocker ? 0 : 80, script: 70, tone: 60, outcome: 50, record: 90, total: o.total },
    passed: o.passed,
    blockerRule: o.blocker ?? null,
    outcome: 'ptp',
    findings: o.blocker
      ? { byCategory: { threat: 1 }, byRule: { [o.blocker]: { category: 'threat', severity: 'critical', count: 1 } } }
      : { byCategory: {}, byRule: {} },
  };
}

/** What an LRS adds to a statement it stores (xAPI 1.0.3 §2.4.8–2.4.10). */
const asStored = (s: Statement, i: number): Statement =>
  ({
    ...JSON.parse(JSON.stringify(s)),
    stored: new Date(Date.parse(s.timestamp) + i).toISOString(),
    authority: { objectType: 'Agent', account: { homePage: 'http://lrs', name: 'key' } },
    version: '1.0.0',
  }) as Statement;

const results = (staffNo: string, a: CompletedFacts) => completionStatements(envOf(staffNo), a, null, a.endedAt!);
const T0 = Date.parse('2026-12-01T09:00:00Z');
// Another PC's trainees 9001 (a pass, then a blocker fail) and 9002 (a fail); 3021 also practises on this PC.
const remoteCalls = [
  { staffNo: '9001', a: call('a1b2c3d4-0000-4000-8000-000000000001', { total: 82, passed: true, endedAt: T0 }) },
  {
    staffNo: '9001',
    a: call('a1b2c3d4-0000-4000-8000-000000000002', {
      total: 20,
      passed: false,
      blocker: 'cn-violence-threat',
      endedAt: T0 + 3_600_000,
    }),
  },
  {
    staffNo: '9002',
    a: call('a1b2c3d4-0000-4000-8000-000000000003', { total: 55, passed: false, endedAt: T0 + 7_200_000 }),
  },
  {
    staffNo: '3021',
    a: call('a1b2c3d4-0000-4000-8000-000000000004', { total: 75, passed: true, endedAt: T0 + 10_800_000 }),
  },
];
const LOCAL_ID = 'a1b2c3d4-0000-4000-8000-0000000000aa';
const localCall = call(LOCAL_ID, { total: 64, passed: true, endedAt: T0 + 5_000 });
const recorded: Statement[] = [
  ...remoteCalls.flatMap(({ staffNo, a }) => results(staffNo, a)),
  ...results('3021', localCall), // this PC's own call, which it sent to the LRS too
]
  .filter((s) => s.verb.id !== VERBS.completed.id)
  .map(asStored);
const local = { profiles: [{ id: 'p-3021', staffNo: '3021' }], attemptIds: [LOCAL_ID] };

describe('the cohort from result statements', () => {
  const remote = cohortFromStatements(recorded, { activityBase: BASE, homePage: HOME, local });

  it('reads each remote call once, leaves this PC’s own calls out, and counts a known staff number as that trainee', () => {
    expect(remote.skipped).toBe(0);
    expect(remote.attempts.map((a) => [a.staffNo, a.profileId, a.scores?.total, a.passed, a.blockerRule])).toEqual([
      ['3021', 'p-3021', 75, true, null],
      ['9002', `lrs:${HOME}#9002`, 55, false, null],
      ['9001', `lrs:${HOME}#9001`, 20, false, 'cn-violence-threat'],
      ['9001', `lrs:${HOME}#9001`, 82, true, null],
    ]);
    expect(
      remote.attempts.every(
        (a) => a.scenarioId === 'cn-first-contact' && a.scenarioTitle === '首次联系：手头紧的张先生',
      ),
    ).toBe(true);
    expect(remote.attempts[2]).toMatchObject({
      registration: registrationOf(remoteCalls[1].a.id),
      mode: 'practice',
      lang: 'zh',
      outcome: 'ptp',
    });
    expect(remote.profiles.map((p) => [p.staffNo, p.name, p.origin])).toEqual([
      ['9001', '9001', 'lrs'],
      ['9002', '9002', 'lrs'],
    ]);
  });

  it('feeds the same aggregations as local calls: grid, heat map and readiness', () => {
    const joined = joinCohorts(
      {
        profiles: [{ id: 'p-3021', name: '王小明', staffNo: '3021' }],
        attempts: [{ ...localCall, profileId: 'p-3021', status: 'completed' as const }],
      },
      remote,
    );
    const data = cohortAnalytics(joined.profiles, joined.attempts, { required: ['cn-first-contact'], lastN: 5 });
    const cell = (staffNo: string) => data.grid.trainees.find((t) => t.staffNo === staffNo)?.cells[0];
    expect(cell('9001')).toMatchObject({ best: 82, attempts: 2, passed: true });
    expect(cell('9002')).toMatchObject({ best: 55, attempts: 1, passed: false });
    expect(cell('3021')).toMatchObject({ best: 75, attempts: 2, passed: true });
    expect(data.heatmap.byRule).toEqual([
      { rule: 'cn-violence-threat', category: 'threat', severity: 'critical', count: 1 },
    ]);
    const ready = Object.fromEntries(data.readiness.map((r) => [r.staffNo, r.ready]));
    expect(ready).toEqual({ '3021': true, '9001': false, '9002': false });
    expect(joined.remoteIds).toEqual(new Set([`lrs:${HOME}#9001`, `lrs:${HOME}#9002`]));
  });

  it('keeps the newest result of a registration and skips statements that are not CallDojo results', () => {
    const again = {
      ...recorded[0],
      id: 'c0ffee00-0000-4000-8000-000000000000',
      timestamp: new Date(T0 + 99_000_000).toISOString(),
      result: { ...recorded[0].result, score: { raw: 90, min: 0, max: 100 } },
    };
    const foreign = { ...recorded[0], id: 'c0ffee00-0000-4000-8000-000000000001', result: { success: true } };
    const r = cohortFromStatements([...recorded, again, foreign], { activityBase: BASE, homePage: HOME, local });
    expect(r.skipped).toBe(1);
    expect(
      r.attempts
        .filter((a) => a.staffNo === '9001')
        .map((a) => a.scores?.total)
        .sort(),
    ).toEqual([20, 90]);
  });

  it('names a scenario by its id under the activity base, and keeps a foreign IRI whole', () => {
    expect(scenarioIdOf(BASE, `${BASE}scenarios/cn%20x`)).toBe('cn x');
    expect(scenarioIdOf(BASE, 'https://elsewhere/scenarios/a')).toBe('https://elsewhere/scenarios/a');
  });
});

/** A fake LRS answering GETs from `statements`, `limit` per page with `more` links, recording the queries. */
function pagedLrs(statements: Statement[], limit = 2) {
  const queries: URLSearchParams[] = [];
  const auth: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    const u = new URL(url);
    queries.push(u.searchParams);
    auth.push((init?.headers as Record<string, string>).Authorization);
    const verb = u.searchParams.get('verb');
    const registration = u.searchParams.get('registration');
    const matching = statements.filter(
      (s) => (!verb || s.verb.id === verb) && (!registration || s.context?.registration === registration),
    );
    const from = Number(u.searchParams.get('cursor') ?? 0);
    const more =
      from + limit < matching.length
        ? `/xAPI/statements?${new URLSearchParams({ ...Object.fromEntries(u.searchParams), cursor: String(from + limit) })}`
        : '';
    return Response.json({ statements: matching.slice(from, from + limit), more });
  };
  return { fetch, queries, auth };
}

describe('reading from the LRS', () => {
  const conn = readConnection(SETTINGS, { key: 'mentor', secret: 'read' });
  const query: RemoteQuery = { course: 'first_contact', days: 30 };

  it('asks for passed and failed of the course in the window, follows every page, with the mentor’s key', async () => {
    const lrs = pagedLrs(recorded);
    const got = await readCohortStatements(conn, BASE, query, { fetch: lrs.fetch, now: T0 + 86_400_000 });
    expect(got.map((s) => s.id).sort()).toEqual(recorded.map((s) => s.id).sort());
    expect(lrs.queries.length).toBe(2 + 1); // 3 passed → 2 pages; 2 failed → 1 page
    for (const q of lrs.queries) {
      expect(q.get('activity')).toBe(courseActivityId(BASE, 'first_contact'));
      expect(q.get('related_activities')).toBe('true');
      expect(q.get('since')).toBe(new Date(T0 + 86_400_000 - 30 * 86_400_000).toISOString());
    }
    expect(new Set(lrs.queries.map((q) => q.get('verb')))).toEqual(new Set([VERBS.passed.id, VERBS.failed.id]));
    expect(new Set(lrs.auth)).toEqual(new Set([basicAuth('mentor', 'read')]));
  });

  it('reads every course through the CallDojo profile every statement names', async () => {
    const lrs = pagedLrs(recorded, 10);
    await readCohortStatements(readConnection(SETTINGS, null), BASE, { course: null, days: 7 }, { fetch: lrs.fetch });
    expect(lrs.queries.map((q) => q.get('activity'))).toEqual([PROFILE_IRI, PROFILE_IRI]);
    expect(new Set(lrs.auth)).toEqual(new Set([basicAuth(SETTINGS.key, SETTINGS.secret)]));
  });

  it('sorts failures into what a mentor can act on', async () => {
    const answer =
      (status: number): FetchLike =>
      async () =>
        new Response(JSON.stringify({ message: `status ${status}` }), { status });
    const fail = (f: FetchLike) => readCohortStatements(conn, BASE, query, { fetch: f }).then(() => null, problemOf);
    expect(await fail(answer(401))).toEqual({ kind: 'unauthorised', detail: '401: status 401' });
    expect(await fail(answer(403))).toMatchObject({ kind: 'unauthorised' });
    expect(await fail(answer(503))).toMatchObject({ kind: 'unreachable' });
    expect(await fail(answer(400))).toEqual({ kind: 'refused', detail: '400: status 400' });
    expect(await fail(async () => Promise.reject(new TypeError('Failed to fetch')))).toEqual({
      kind: 'unreachable',
      detail: 'Failed to fetch',
    });
    expect(await fail(async () => new Response('<html>login</html>', { status: 200 }))).toMatchObject({
      kind: 'refused',
    });
  });
});

describe('one remote call line by line', () => {
  const a = remoteCalls[1].a;
  const turn = (index: number, speaker: Turn['speaker'], text: string, extra: Partial<Turn> = {}): Turn => ({
    attemptId: a.id,
    index,
    speaker,
    text,
    assessment: null,
    personaState: null,
    stage: 'opening',
    at: T0 + index * 1000,
    ...extra,
  });
  const lines = [
    turn(0, 'persona', '喂？'),
    turn(1, 'trainee', '您好，我是华信银行的小王。', { assessment: assessment([]), node: 'greet' }),
    turn(2, 'persona', '有什么事？', { personaState: { trust: 40 } }),
    turn(3, 'trainee', '你再不还钱，后果自负！', {
      assessment: assessment([finding('cn-violence-threat', 'critical', '后果自负')]),
      node: 'ask',
      picked: 1,
    }),
    turn(4, 'persona', '你这是威胁我！'),
  ];
  const turns = exchangeStatements(envOf('9001'), a, lines);
  const override = {
    id: 'o1',
    attemptId: a.id,
    reviewId: 'r1',
    turnIndex: 3,
    action: 'overrule',
    rule: 'cn-violence-threat',
    category: 'threat',
    severity: 'critical',
    reason: '复述客户的话，不是威胁',
    by: '周老师',
    byStaffNo: '7001',
    at: T0 + 9_000_000,
    scoresBefore: a.scores!,
    scoresAfter: a.scores!,
  } satisfies Override;
  const comment = commentStatement(envOf('9001'), a, override, 3);
  const stored = [...results('9001', a), comment, ...turns].map(asStored);

  it('reads the lines by registration, in call order, with findings, the reply and the mentor’s comment', async () => {
    const lrs = pagedLrs(stored, 2);
    const got = linesFromStatements(
      await readAttemptStatements(readConnection(SETTINGS, null), registrationOf(a.id), { fetch: lrs.fetch }),
    );
    expect(lrs.queries.every((q) => q.get('registration') === registrationOf(a.id))).toBe(true);
    expect(got.map((l) => [l.index, l.kind, l.text, l.personaReply, l.findings.map((f) => f.rule), l.success])).toEqual(
      [
        [1, 'responded', '您好，我是华信银行的小王。', '有什么事？', [], true],
        [3, 'answered', '你再不还钱，后果自负！', '你这是威胁我！', ['cn-violence-threat'], false],
      ],
    );
    expect(got[1].findings[0]).toEqual({
      rule: 'cn-violence-threat',
      category: 'threat',
      severity: 'critical',
      quote: '后果自负',
    });
    expect(got[1].comments).toEqual([
      {
        by: '7001',
        reason: '复述客户的话，不是威胁',
        action: 'overrule',
        rule: 'cn-violence-threat',
        at: T0 + 9_000_000,
      },
    ]);
    expect(got[0].comments).toEqual([]);
  });
});
