import { describe, expect, it } from 'vitest';
import {
  asAllowedStatements,
  CMI5_CATEGORY,
  isoDuration,
  statementsUrl,
  terminatedStatement,
} from '../../src/lms/cmi5-statements.ts';

describe('the terminated statement sent as the page goes', () => {
  const base = {
    id: '0b0c6f7e-3c1f-4f5e-9a41-2f3a4b5c6d7e',
    actor: { objectType: 'Agent' as const, account: { homePage: 'https://lms.example', name: '3021' } },
    activityId: 'https://bank.example/xapi/scenarios/zh-x',
    registration: 'r-1',
    initializedAt: new Date('2026-12-07T10:00:00Z'),
    now: new Date('2026-12-07T10:03:12.345Z'),
  };

  it('carries the actor, the AU, the registration, the cmi5 category and the session duration', () => {
    const s = terminatedStatement({
      ...base,
      contextTemplate: {
        contextActivities: {
          grouping: [{ objectType: 'Activity', id: 'https://lms.example/course' }],
          category: [{ objectType: 'Activity', id: 'https://lms.example/cat' }],
        },
        extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's-1' },
      },
    });
    expect(s.verb.id).toBe('http://adlnet.gov/expapi/verbs/terminated');
    expect(s.object).toEqual({ objectType: 'Activity', id: base.activityId });
    expect(s.actor).toEqual(base.actor);
    expect(s.context?.registration).toBe('r-1');
    expect(s.context?.extensions).toEqual({ 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's-1' });
    expect(s.context?.contextActivities?.grouping?.[0].id).toBe('https://lms.example/course');
    expect(s.context?.contextActivities?.category?.map((a) => a.id)).toEqual([
      'https://lms.example/cat',
      CMI5_CATEGORY,
    ]);
    expect(s.result?.duration).toBe('PT192.35S');
    expect(s.timestamp).toBe('2026-12-07T10:03:12.345Z');
  });

  it('works without a context template', () => {
    const s = terminatedStatement({ ...base, contextTemplate: undefined });
    expect(s.context?.contextActivities?.category?.map((a) => a.id)).toEqual([CMI5_CATEGORY]);
  });

  it('writes durations and the statements URL', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(-5)).toBe('PT0S');
    expect(isoDuration(1234)).toBe('PT1.23S');
    expect(statementsUrl('http://lms/xapi/')).toBe('http://lms/xapi/statements');
    expect(statementsUrl('http://lms/xapi')).toBe('http://lms/xapi/statements');
  });
});

describe('the outbox statements in a cmi5 session', () => {
  const verb = (v: string) => ({ id: `http://adlnet.gov/expapi/verbs/${v}`, display: { 'en-US': v } });
  const st = (v: string, context = {}) => ({
    id: v,
    actor: { objectType: 'Agent' as const, account: { homePage: 'h', name: '1' } },
    verb: verb(v),
    object: { objectType: 'Activity' as const, id: 'urn:x' },
    timestamp: 't',
    context: { registration: 'r', ...context },
  });
  const template = {
    contextActivities: { grouping: [{ objectType: 'Activity' as const, id: 'urn:course' }] },
    extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's-1' },
  };

  it("leaves out the attempt's completed, passed and failed (the AU sends its own) and keeps the turns", () => {
    const out = asAllowedStatements(
      [st('attempted'), st('responded'), st('completed'), st('passed'), st('failed'), st('answered')],
      template,
    );
    expect(out.map((s) => s.id)).toEqual(['attempted', 'responded', 'answered']);
  });

  it("gives every statement the context template: session id and the LMS's context activities beside its own", () => {
    const [s] = asAllowedStatements(
      [
        st('responded', {
          contextActivities: {
            parent: [{ objectType: 'Activity', id: 'urn:scenario' }],
            grouping: [{ objectType: 'Activity', id: 'urn:own' }],
          },
          extensions: { 'urn:turn': 3 },
        }),
      ],
      template,
    );
    expect(s.context?.registration).toBe('r');
    expect(s.context?.extensions).toEqual({
      'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 's-1',
      'urn:turn': 3,
    });
    expect(s.context?.contextActivities?.grouping?.map((a) => a.id)).toEqual(['urn:course', 'urn:own']);
    expect(s.context?.contextActivities?.parent?.map((a) => a.id)).toEqual(['urn:scenario']);
  });
});
