/**
 * The statement builder: stored rows (attempt, turn, after-call record, mentor correction) → xAPI 1.0.3 statements.
 * Pure and synchronous, so storage can call it inside the Dexie transaction that writes the row (a transaction must
 * not wait on anything but IndexedDB). Ids come from `statementId`, so building the same row twice gives the same id.
 */
import type { Attempt, CallRecord, Override, Turn } from '../storage/types.ts';
import { registrationOf, statementId } from './ids.ts';
import {
  ACTIVITY_TYPES,
  EXT,
  VERBS,
  courseActivityId,
  nodeActivityId,
  profileActivity,
  scenarioActivityId,
  staffAgent,
  type Activity,
  type Agent,
  type Context,
  type ContextActivities,
  type Result,
  type Statement,
} from './xapi.ts';

/** Who the statements are about and where they are filed: from Settings, or from a cmi5 launch's session target. */
export interface StatementEnv {
  /** The trainee (a staff account, or the LMS's learner under a launch). */
  actor: Agent;
  /** The staff accounts' home page (mentors are named under it). */
  homePage: string;
  activityBase: string;
  /** A launch's registration instead of the attempt's own. */
  registration?: string;
  /** A launch's context activities (cmi5 category, the AU as grouping…), added to CallDojo's own. */
  contextActivities?: ContextActivities;
}

/** What the builder reads of an attempt row. */
export type AttemptFacts = Pick<
  Attempt,
  'id' | 'scenarioId' | 'scenarioTitle' | 'lang' | 'mode' | 'startedAt' | 'versions' | 'course'
>;

const LANGUAGE = { zh: 'zh-CN', en: 'en-US' } as const;

const iso = (ms: number) => new Date(ms).toISOString();

/** The scenario as the activity every statement of the call sits under. */
export function scenarioActivity(env: StatementEnv, attempt: AttemptFacts): Activity {
  return {
    objectType: 'Activity',
    id: scenarioActivityId(env.activityBase, attempt.scenarioId),
    definition: { type: ACTIVITY_TYPES.simulation, name: { [LANGUAGE[attempt.lang]]: attempt.scenarioTitle } },
  };
}

function context(env: StatementEnv, attempt: AttemptFacts): Context {
  const extra = env.contextActivities ?? {};
  const grouping = [
    ...(attempt.course
      ? [
          {
            objectType: 'Activity',
            id: courseActivityId(env.activityBase, attempt.course),
            definition: { type: ACTIVITY_TYPES.course },
          } satisfies Activity,
        ]
      : []),
    ...(extra.grouping ?? []),
  ];
  const extensions: Record<string, unknown> = { [EXT.lang]: attempt.lang, [EXT.mode]: attempt.mode };
  if (attempt.versions) extensions[EXT.versions] = attempt.versions;
  return {
    registration: env.registration ?? registrationOf(attempt.id),
    language: LANGUAGE[attempt.lang],
    contextActivities: {
      parent: [
        { objectType: 'Activity', id: scenarioActivityId(env.activityBase, attempt.scenarioId) },
        ...(extra.parent ?? []),
      ],
      ...(grouping.length ? { grouping } : {}),
      category: [profileActivity(), ...(extra.category ?? [])],
      ...(extra.other?.length ? { other: extra.other } : {}),
    },
    extensions,
  };
}

/** The part name of a stored line's statement (`statementId(attempt, part)`). */
export const turnPart = (index: number) => `turn/${index}`;

/**
 * A scored trainee line: `responded` when typed, `answered` when a guided option was picked, on the scenario node as
 * a cmi.interaction; `success` when no major or critical finding; the persona's `reply` (the line after it) and state
 * go along, so the record reads as a conversation.
 */
export function turnStatement(env: StatementEnv, attempt: AttemptFacts, turn: Turn, reply: Turn | null): Statement {
  if (turn.speaker !== 'trainee' || !turn.assessment)
    throw new Error(`line ${turn.index} of attempt ${attempt.id} is not a scored trainee line`);
  const { findings, tone, moves } = turn.assessment;
  const picked = turn.picked !== undefined;
  const node = turn.node ?? `line-${turn.index}`;
  const extensions: Record<string, unknown> = {
    [EXT.findings]: findings.map(({ rule, category, severity, start, end, quote }) => ({
      rule,
      category,
      severity,
      start,
      end,
      quote,
    })),
    [EXT.tone]: { label: tone.label, score: tone.score },
    [EXT.moves]: moves.map(({ move, start, end }) => ({ move, start, end })),
    [EXT.turnIndex]: turn.index,
  };
  if (reply) {
    extensions[EXT.personaReply] = reply.text;
    if (reply.personaState) extensions[EXT.personaState] = reply.personaState;
  }
  return {
    id: statementId(attempt.id, turnPart(turn.index)),
    actor: env.actor,
    verb: picked ? VERBS.answered : VERBS.responded,
    object: {
      objectType: 'Activity',
      id: nodeActivityId(env.activityBase, attempt.scenarioId, node),
      definition: { type: ACTIVITY_TYPES.interaction, interactionType: picked ? 'choice' : 'fill-in' },
    },
    result: {
      response: turn.text,
      success: !findings.some((f) => f.severity === 'major' || f.severity === 'critical'),
      extensions,
    },
    context: context(env, attempt),
    timestamp: iso(turn.at),
  };
}

/** The scored trainee lines of an exchange, each with the persona line that answered it in the same exchange. */
export function exchangeStatements(env: StatementEnv, attempt: AttemptFacts, lines: readonly Turn[]): Statement[] {
  return lines.flatMap((t, i) => {
    if (t.speaker !== 'trainee' || !t.assessment) return [];
    const next = lines[i + 1];
    return [turnStatement(env, attempt, t, next?.speaker === 'persona' ? next : null)];
  });
}

/** The call started. */
export function attemptedStatement(env: StatementEnv, attempt: AttemptFacts): Statement {
  return {
    id: statementId(attempt.id, 'attempted'),
    actor: env.actor,
    verb: VERBS.attempted,
    object: scenarioActivity(env, attempt),
    context: context(env, attempt),
    timestamp: iso(attempt.startedAt),
  };
}

/** An ISO 8601 duration to the hundredth of a second (xAPI 1.0.3 §4.6). */
export function isoDuration(ms: number): string {
  return `PT${Math.round(Math.max(0, ms) / 10) / 100}S`;
}

/** What the result statements read of a completed attempt. */
export type CompletedFacts = AttemptFacts &
  Pick<Attempt, 'scores' | 'passed' | 'blockerRule' | 'outcome' | 'findings' | 'endedAt'>;

/**
 * The call was scored: `completed`, then `passed` or `failed` with the score, the dimensions and what decided it. A
 * call failed on a compliance blocker carries no scaled score: no weighted mark stands beside a blocker.
 */
export function completionStatements(
  env: StatementEnv,
  attempt: CompletedFacts,
  record: CallRecord | null,
  at: number,
): Statement[] {
  const scores = attempt.scores;
  if (!scores || attempt.passed === null) throw new Error(`attempt ${attempt.id} is not scored`);
  const duration = isoDuration((attempt.endedAt ?? at) - attempt.startedAt);
  const { total, ...dimensions } = scores;
  const blocked = !attempt.passed && attempt.blockerRule !== null;
  const extensions: Record<string, unknown> = {
    [EXT.dimensions]: dimensions,
    [EXT.blockerRule]: attempt.blockerRule,
    [EXT.outcome]: attempt.outcome,
    [EXT.findingSummary]: attempt.findings,
  };
  if (record) {
    const { attemptId: _, ...call } = record;
    extensions[EXT.callRecord] = call;
  }
  const result: Result = {
    score: blocked
      ? { raw: total, min: 0, max: 100 }
      : { scaled: Math.round(total * 100) / 10_000, raw: total, min: 0, max: 100 },
    success: attempt.passed,
    completion: true,
    duration,
    extensions,
  };
  const object = scenarioActivity(env, attempt);
  const ctx = context(env, attempt);
  return [
    {
      id: statementId(attempt.id, 'completed'),
      actor: env.actor,
      verb: VERBS.completed,
      object,
      result: { completion: true, duration },
      context: ctx,
      timestamp: iso(at),
    },
    {
      id: statementId(attempt.id, 'result'),
      actor: env.actor,
      verb: attempt.passed ? VERBS.passed : VERBS.failed,
      object,
      result,
      context: ctx,
      timestamp: iso(at),
    },
  ];
}

/**
 * A mentor's correction of line `turnIndex` (the stored line's index): the mentor `commented` on that line's statement,
 * with the reason and the change. Never `voided`: the machine's verdict stays in the record beside the mentor's.
 */
/**
 * The account a correction is sent under: the mentor's staff number when they gave it at the lock screen, else the
 * mentor key that signed it (a pseudonym, stable per PC) — never the name they typed.
 */
export function mentorAccount(override: Pick<Override, 'byStaffNo' | 'chain'>): string {
  if (override.byStaffNo) return override.byStaffNo;
  const x = override.chain?.signature?.publicKey.x;
  return x ? `mentor-key-${x.slice(0, 16)}` : 'mentor-unsigned';
}

export function commentStatement(
  env: StatementEnv,
  attempt: AttemptFacts,
  override: Override,
  turnIndex: number,
): Statement {
  const { action, rule, category, severity, reason, quote, start, end, scoresBefore, scoresAfter } = override;
  const correction: Record<string, unknown> = { action, rule, category, severity, reason, scoresBefore, scoresAfter };
  if (quote !== undefined) Object.assign(correction, { quote, start, end });
  return {
    id: statementId(attempt.id, `override/${override.id}`),
    actor: staffAgent(env.homePage, mentorAccount(override)),
    verb: VERBS.commented,
    object: { objectType: 'StatementRef', id: statementId(attempt.id, turnPart(turnIndex)) },
    result: { response: reason, extensions: { [EXT.correction]: correction } },
    context: context(env, attempt),
    timestamp: iso(override.at),
  };
}
