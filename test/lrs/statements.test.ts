import { describe, expect, it } from 'vitest';
import { registrationOf, statementId } from '../../src/lrs/ids.ts';
import {
  attemptedStatement,
  commentStatement,
  completionStatements,
  exchangeStatements,
  isoDuration,
  type CompletedFacts,
  type StatementEnv,
} from '../../src/lrs/statements.ts';
import { EXT, PROFILE_IRI, VERBS, staffAgent, type Activity, type StatementRef } from '../../src/lrs/xapi.ts';
import type { Override, Turn } from '../../src/storage/types.ts';
import { assessment, finding, scores } from '../storage/helpers.ts';

const env: StatementEnv = {
  actor: staffAgent('https://staff.bank.example', 'A1001'),
  homePage: 'https://staff.bank.example',
  activityBase: 'https://bank.example/calldojo',
};
const attempt: CompletedFacts = {
  id: '0b6f4c1e-2d3a-4e5f-8a9b-1c2d3e4f5a6b',
  scenarioId: '010-first-contact',
  scenarioTitle: '首次催收',
  lang: 'zh',
  mode: 'practice',
  startedAt: Date.UTC(2026, 11, 7, 9, 0, 0),
  course: 'first_contact',
  versions: { app: '1.4.0', rules: { cn: '2026.3' }, scenario: 'abc123' },
  scores: scores(72),
  passed: true,
  blockerRule: null,
  outcome: 'ptp',
  findings: { byCategory: {}, byRule: {} },
  endedAt: Date.UTC(2026, 11, 7, 9, 4, 30),
};
const threat = finding('cn-violence-threat', 'threat', 'critical');
const line = (index: number, extra: Partial<Turn> = {}): Turn => ({
  attemptId: attempt.id,
  index,
  speaker: 'trainee',
  text: '您好，我是华信银行的小王',
  assessment: assessment(),
  stage: 'opening',
  personaState: null,
  at: attempt.startedAt + 1000 * index,
  node: 'greet',
  ...extra,
});
const reply = (index: number): Turn => ({
  attemptId: attempt.id,
  index,
  speaker: 'persona',
  text: '什么事？',
  assessment: null,
  stage: 'opening',
  personaState: { node: 'ask', mood: 'wary', trust: 40 },
  at: attempt.startedAt + 1000 * index,
});

describe('statement builder', () => {
  it('reports a typed line as `responded` on its node, with findings, tone, moves and the reply', () => {
    const [s, ...rest] = exchangeStatements(env, attempt, [
      line(1, { text: '你再不还就起诉你', assessment: assessment(threat) }),
      reply(2),
    ]);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      id: statementId(attempt.id, 'turn/1'),
      actor: { objectType: 'Agent', account: { homePage: 'https://staff.bank.example', name: 'A1001' } },
      verb: VERBS.responded,
      object: {
        objectType: 'Activity',
        id: 'https://bank.example/calldojo/scenarios/010-first-contact/nodes/greet',
        definition: { type: 'http://adlnet.gov/expapi/activities/cmi.interaction', interactionType: 'fill-in' },
      },
      result: { response: '你再不还就起诉你', success: false },
      timestamp: '2026-12-07T09:00:01.000Z',
    });
    expect(s!.result!.extensions).toEqual({
      [EXT.findings]: [
        { rule: 'cn-violence-threat', category: 'threat', severity: 'critical', start: 0, end: 2, quote: '你必须' },
      ],
      [EXT.tone]: { label: 'neutral', score: 50 },
      [EXT.moves]: [],
      [EXT.turnIndex]: 1,
      [EXT.personaReply]: '什么事？',
      [EXT.personaState]: { node: 'ask', mood: 'wary', trust: 40 },
    });
    expect(s!.context).toEqual({
      registration: attempt.id,
      language: 'zh-CN',
      contextActivities: {
        parent: [{ objectType: 'Activity', id: 'https://bank.example/calldojo/scenarios/010-first-contact' }],
        grouping: [
          {
            objectType: 'Activity',
            id: 'https://bank.example/calldojo/courses/first_contact',
            definition: { type: 'http://adlnet.gov/expapi/activities/course' },
          },
        ],
        category: [
          {
            objectType: 'Activity',
            id: PROFILE_IRI,
            definition: { type: 'http://adlnet.gov/expapi/activities/profile' },
          },
        ],
      },
      extensions: { [EXT.lang]: 'zh', [EXT.mode]: 'practice', [EXT.versions]: attempt.versions },
    });
  });

  it('reports a guided pick as `answered` on a choice interaction, successful when nothing major was found', () => {
    const [s] = exchangeStatements(env, { ...attempt, mode: 'guided' }, [
      line(3, { picked: 1, assessment: assessment(finding('tone.curt', 'tone', 'minor')) }),
    ]);
    expect(s!.verb).toEqual(VERBS.answered);
    expect((s!.object as Activity).definition?.interactionType).toBe('choice');
    expect(s!.result).toMatchObject({ response: '您好，我是华信银行的小王', success: true });
    expect(s!.result!.extensions).not.toHaveProperty(EXT.personaReply);
  });

  it('leaves persona lines and unscored lines out: one statement per scored trainee line', () => {
    expect(exchangeStatements(env, attempt, [reply(0)])).toEqual([]);
    expect(exchangeStatements(env, attempt, [reply(0), line(1), reply(2)]).map((s) => s.id)).toEqual([
      statementId(attempt.id, 'turn/1'),
    ]);
  });

  it('starts a call with `attempted` on the scenario, and a passed call gets `completed` then `passed` with its score', () => {
    const start = attemptedStatement(env, attempt);
    expect(start).toMatchObject({
      id: statementId(attempt.id, 'attempted'),
      verb: VERBS.attempted,
      timestamp: '2026-12-07T09:00:00.000Z',
      object: {
        id: 'https://bank.example/calldojo/scenarios/010-first-contact',
        definition: { name: { 'zh-CN': '首次催收' } },
      },
    });
    const at = Date.UTC(2026, 11, 7, 9, 6);
    const record = {
      attemptId: attempt.id,
      resultCode: 'ptp' as const,
      promiseAmount: 500,
      promiseDate: '2026-12-10',
      nextAction: '回访',
      notes: '',
      checks: [],
      savedAt: at,
    };
    const [completed, result] = completionStatements(env, attempt, record, at);
    expect(completed).toMatchObject({
      id: statementId(attempt.id, 'completed'),
      verb: VERBS.completed,
      result: { completion: true, duration: 'PT270S' },
    });
    expect(result).toMatchObject({
      id: statementId(attempt.id, 'result'),
      verb: VERBS.passed,
      result: { success: true, completion: true, score: { scaled: 0.72, raw: 72, min: 0, max: 100 } },
    });
    expect(result!.result!.extensions).toEqual({
      [EXT.dimensions]: { compliance: 72, script: 72, tone: 72, outcome: 72, record: 72 },
      [EXT.blockerRule]: null,
      [EXT.outcome]: 'ptp',
      [EXT.findingSummary]: { byCategory: {}, byRule: {} },
      [EXT.callRecord]: {
        resultCode: 'ptp',
        promiseAmount: 500,
        promiseDate: '2026-12-10',
        nextAction: '回访',
        notes: '',
        checks: [],
        savedAt: at,
      },
    });
  });

  it('fails a call stopped by a compliance blocker without a scaled score', () => {
    const [, result] = completionStatements(
      env,
      { ...attempt, passed: false, blockerRule: 'cn-violence-threat', scores: scores(64) },
      null,
      attempt.endedAt!,
    );
    expect(result!.verb).toEqual(VERBS.failed);
    expect(result!.result!.score).toEqual({ raw: 64, min: 0, max: 100 });
    expect(result!.result!.success).toBe(false);
    expect(result!.result!.extensions![EXT.blockerRule]).toBe('cn-violence-threat');
    // A call failed on points alone keeps its scaled score.
    const [, low] = completionStatements(
      env,
      { ...attempt, passed: false, scores: scores(40) },
      null,
      attempt.endedAt!,
    );
    expect(low!.result!.score!.scaled).toBe(0.4);
  });

  it('files a mentor correction as the mentor `commented` on the line statement, never voiding it', () => {
    const override: Override = {
      id: 'o-1',
      attemptId: attempt.id,
      reviewId: 'r-1',
      turnIndex: 0,
      action: 'overrule',
      rule: 'cn-violence-threat',
      category: 'threat',
      severity: 'critical',
      reason: '这是转述客户的话，不是威胁',
      by: '李老师',
      byStaffNo: 'M0007',
      at: Date.UTC(2026, 11, 8),
      scoresBefore: scores(40),
      scoresAfter: scores(80),
    };
    const s = commentStatement(env, attempt, override, 1);
    expect(s.actor).toEqual(staffAgent('https://staff.bank.example', 'M0007'));
    expect(JSON.stringify(s)).not.toContain('李老师');
    expect(s.verb).toEqual(VERBS.commented);
    expect(s.object).toEqual({
      objectType: 'StatementRef',
      id: statementId(attempt.id, 'turn/1'),
    } satisfies StatementRef);
    expect(s.result).toEqual({
      response: '这是转述客户的话，不是威胁',
      extensions: {
        [EXT.correction]: {
          action: 'overrule',
          rule: 'cn-violence-threat',
          category: 'threat',
          severity: 'critical',
          reason: '这是转述客户的话，不是威胁',
          scoresBefore: scores(40),
          scoresAfter: scores(80),
        },
      },
    });
    expect(s.id).toBe(statementId(attempt.id, 'override/o-1'));
    expect(JSON.stringify(s)).not.toContain('voided');
  });

  it('never sends the mentor’s name: without a staff number, the signing key stands for the mentor', () => {
    const base: Override = {
      id: 'o-2',
      attemptId: attempt.id,
      reviewId: 'r-1',
      turnIndex: 0,
      action: 'overrule',
      rule: 'cn-violence-threat',
      category: 'threat',
      severity: 'critical',
      reason: '转述',
      by: '李老师',
      at: Date.UTC(2026, 11, 8),
      scoresBefore: scores(40),
      scoresAfter: scores(80),
    };
    const signed: Override = {
      ...base,
      chain: {
        prev: '',
        hash: 'a'.repeat(64),
        signature: {
          alg: 'ECDSA-P256-SHA256',
          publicKey: { kty: 'EC', crv: 'P-256', x: 'Qx3yZ1-AbCdEfGhIjKlMn', y: 'y' },
          value: 'v',
        },
      },
    };
    expect(commentStatement(env, attempt, signed, 1).actor.account.name).toBe('mentor-key-Qx3yZ1-AbCdEfGhI');
    expect(commentStatement(env, attempt, base, 1).actor.account.name).toBe('mentor-unsigned');
    expect(JSON.stringify(commentStatement(env, attempt, signed, 1))).not.toContain('李老师');
  });

  it('gives the same ids when a row is built again (a retry after a lost answer is harmless)', () => {
    const once = exchangeStatements(env, attempt, [line(1), reply(2)]);
    const again = exchangeStatements(env, attempt, [line(1), reply(2)]);
    expect(again).toEqual(once);
    expect(completionStatements(env, attempt, null, 5).map((s) => s.id)).toEqual(
      completionStatements(env, attempt, null, 9).map((s) => s.id),
    );
  });

  it('files a launch under its registration, learner and context activities', () => {
    const learner = { objectType: 'Agent' as const, account: { homePage: 'https://lms.example', name: 'learner-9' } };
    const launch: StatementEnv = {
      ...env,
      actor: learner,
      registration: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      contextActivities: {
        category: [{ objectType: 'Activity', id: 'https://w3id.org/xapi/cmi5/context/categories/moveon' }],
        grouping: [{ objectType: 'Activity', id: 'https://lms.example/au/1' }],
      },
    };
    const s = attemptedStatement(launch, attempt);
    expect(s.actor).toEqual(learner);
    expect(s.context!.registration).toBe('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    expect(s.context!.contextActivities!.category!.map((a) => a.id)).toEqual([
      PROFILE_IRI,
      'https://w3id.org/xapi/cmi5/context/categories/moveon',
    ]);
    expect(s.context!.contextActivities!.grouping!.map((a) => a.id)).toEqual([
      'https://bank.example/calldojo/courses/first_contact',
      'https://lms.example/au/1',
    ]);
    expect(attemptedStatement(env, { ...attempt, id: 'legacy-7' }).context!.registration).toBe(
      registrationOf('legacy-7'),
    );
  });

  it('writes durations in ISO 8601 to the hundredth of a second', () => {
    expect(isoDuration(270_000)).toBe('PT270S');
    expect(isoDuration(1234)).toBe('PT1.23S');
  });
});
