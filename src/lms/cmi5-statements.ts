/**
 * The `terminated` statement sent as the page goes (pagehide), when the trainee closes the window instead of pressing
 * Finish: the library's own sender (axios) may be cut off there, a `fetch` with `keepalive` is not. Pure, so the shape
 * is tested against what the library sends (cmi5 9.3.8 and 9.6: actor, AU, registration, context template, category).
 */
import type { Agent, Context, Statement } from '../lrs/xapi.ts';

export const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
export const TERMINATED = 'http://adlnet.gov/expapi/verbs/terminated';

/** ISO 8601 duration of `ms` milliseconds, seconds to the hundredth (xAPI result.duration). */
export function isoDuration(ms: number): string {
  return `PT${Math.round(Math.max(0, ms) / 10) / 100}S`;
}

export interface TerminatedInput {
  id: string;
  actor: Agent;
  activityId: string;
  registration: string;
  /** LMS.LaunchData `contextTemplate`, merged into the statement's context as the cmi5 spec requires. */
  contextTemplate: Context | undefined;
  initializedAt: Date;
  now: Date;
}

/** The cmi5-defined `terminated` statement for this session. */
export function terminatedStatement(i: TerminatedInput): Statement {
  const template = i.contextTemplate ?? {};
  const category = [
    ...(template.contextActivities?.category ?? []),
    { objectType: 'Activity' as const, id: CMI5_CATEGORY },
  ];
  return {
    id: i.id,
    actor: i.actor,
    verb: { id: TERMINATED, display: { 'en-US': 'terminated' } },
    object: { objectType: 'Activity', id: i.activityId },
    result: { duration: isoDuration(i.now.getTime() - i.initializedAt.getTime()) },
    context: {
      ...template,
      registration: i.registration,
      contextActivities: { ...template.contextActivities, category },
    },
    timestamp: i.now.toISOString(),
  };
}

/** The LRS's statements resource under the launch's `endpoint` (with or without its trailing slash). */
export function statementsUrl(endpoint: string): string {
  return `${endpoint.replace(/\/?$/, '/')}statements`;
}

/** The cmi5-defined verbs (cmi5 9.3): only the AU's own cmi5-defined statements may use them in a cmi5 session. */
const CMI5_DEFINED_VERBS = new Set(
  ['initialized', 'completed', 'passed', 'failed', 'terminated'].map((v) => `http://adlnet.gov/expapi/verbs/${v}`),
);

/**
 * The outbox's statements as cmi5 "allowed" statements of this session: the attempt's own completed/passed/failed
 * are left out (the AU sends the cmi5-defined ones itself, in the order cmi5-rules allows), and every other statement
 * takes the LaunchData context template (cmi5 9.6.2: its extensions, e.g. the session id, and its context activities).
 */
export function asAllowedStatements(
  statements: readonly Statement[],
  contextTemplate: Context | undefined,
): Statement[] {
  const template = contextTemplate ?? {};
  return statements
    .filter((s) => !CMI5_DEFINED_VERBS.has(s.verb.id))
    .map((s) => {
      const own = s.context ?? {};
      const activities = { ...template.contextActivities } as Record<string, { id: string }[] | undefined>;
      for (const [k, list] of Object.entries(own.contextActivities ?? {}) as [string, { id: string }[]][]) {
        const merged = [...(activities[k] ?? [])];
        for (const a of list) if (!merged.some((m) => m.id === a.id)) merged.push(a);
        activities[k] = merged;
      }
      const extensions = { ...template.extensions, ...own.extensions };
      return {
        ...s,
        context: {
          ...template,
          ...own,
          contextActivities: activities as Context['contextActivities'],
          ...(Object.keys(extensions).length ? { extensions } : {}),
        },
      };
    });
}
