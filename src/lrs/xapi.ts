/**
 * The xAPI 1.0.3 vocabulary CallDojo speaks: statement shapes, the verbs and extension IRIs it uses, and the IRIs of
 * its activities. One meaning for each: the statement builder, the outbox and the cohort reader all import them here.
 * Spec: xAPI 1.0.3 Part Two (Experience API Data), §2.4 Statement properties.
 */

export const XAPI_VERSION = '1.0.3';

export interface Account {
  homePage: string;
  name: string;
}

/** An actor identified by an account (the staff number under the bank's home page), never by name or e-mail. */
export interface Agent {
  objectType: 'Agent';
  account: Account;
}

export interface Verb {
  id: string;
  display: Record<string, string>;
}

export interface InteractionComponent {
  id: string;
  description: Record<string, string>;
}

export interface ActivityDefinition {
  type?: string;
  name?: Record<string, string>;
  description?: Record<string, string>;
  interactionType?: 'fill-in' | 'long-fill-in' | 'choice' | 'other';
  choices?: InteractionComponent[];
  extensions?: Record<string, unknown>;
}

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition?: ActivityDefinition;
}

/** A reference to another statement by id (mentor comments point at the turn they correct). */
export interface StatementRef {
  objectType: 'StatementRef';
  id: string;
}

export interface Score {
  scaled?: number;
  raw?: number;
  min?: number;
  max?: number;
}

export interface Result {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

export interface ContextActivities {
  parent?: Activity[];
  grouping?: Activity[];
  category?: Activity[];
  other?: Activity[];
}

export interface Context {
  registration?: string;
  contextActivities?: ContextActivities;
  language?: string;
  extensions?: Record<string, unknown>;
  statement?: StatementRef;
}

export interface Statement {
  id: string;
  actor: Agent;
  verb: Verb;
  object: Activity | StatementRef;
  result?: Result;
  context?: Context;
  timestamp: string;
  /** Set by the LRS; present on statements read back. */
  stored?: string;
}

const adl = (name: string, en: string, zh: string): Verb => ({
  id: `http://adlnet.gov/expapi/verbs/${name}`,
  display: { 'en-US': en, 'zh-CN': zh },
});

/** The ADL verbs CallDojo sends (cmi5-defined statements use the same ids where cmi5 names them). */
export const VERBS = {
  attempted: adl('attempted', 'attempted', '开始'),
  completed: adl('completed', 'completed', '完成'),
  passed: adl('passed', 'passed', '通过'),
  failed: adl('failed', 'failed', '未通过'),
  responded: adl('responded', 'responded', '回应'),
  answered: adl('answered', 'answered', '作答'),
  commented: adl('commented', 'commented', '评注'),
} as const satisfies Record<string, Verb>;

export type VerbName = keyof typeof VERBS;

/** Where CallDojo's own IRIs live (extensions and the profile); not configurable, so every LRS reads them alike. */
export const CALLDOJO_IRI = 'https://w3id.org/xapi/calldojo';
/** The profile every CallDojo statement names in `context.contextActivities.category`. */
export const PROFILE_IRI = `${CALLDOJO_IRI}/v1`;

const ext = (name: string) => `${CALLDOJO_IRI}/extensions/${name}`;

/** Extension keys, one per meaning. */
export const EXT = {
  /** Findings of a trainee line: [{rule, category, severity, start, end, quote}]. */
  findings: ext('findings'),
  tone: ext('tone'),
  moves: ext('moves'),
  /** The persona's reply text and its state after it (mood, trust…). */
  personaReply: ext('persona-reply'),
  personaState: ext('persona-state'),
  turnIndex: ext('turn-index'),
  /** Per-dimension scores of an attempt ({compliance, tone, script, …}). */
  dimensions: ext('dimensions'),
  blockerRule: ext('blocker-rule'),
  outcome: ext('outcome'),
  findingSummary: ext('finding-summary'),
  callRecord: ext('call-record'),
  mode: ext('mode'),
  lang: ext('lang'),
  /** Versions of the app, rule packs and scenario that judged the call. */
  versions: ext('versions'),
  /** A mentor's correction: {action, rule, category, severity, reason, quote?, start?, end?, scoresBefore, scoresAfter}. */
  correction: ext('correction'),
  scenarioTitle: ext('scenario-title'),
} as const;

export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  /** A scenario is one simulated call. */
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  profile: 'http://adlnet.gov/expapi/activities/profile',
} as const;

/** The base IRI with exactly one trailing slash. */
function base(activityBase: string): string {
  return activityBase.replace(/\/+$/, '') + '/';
}

const seg = (s: string) => encodeURIComponent(s);

export function courseActivityId(activityBase: string, courseId: string): string {
  return `${base(activityBase)}courses/${seg(courseId)}`;
}

export function scenarioActivityId(activityBase: string, scenarioId: string): string {
  return `${base(activityBase)}scenarios/${seg(scenarioId)}`;
}

/** A scenario node as a cmi.interaction: what the trainee answered at that point of the call. */
export function nodeActivityId(activityBase: string, scenarioId: string, nodeId: string): string {
  return `${scenarioActivityId(activityBase, scenarioId)}/nodes/${seg(nodeId)}`;
}

/** The profile activity for `context.contextActivities.category`. */
export function profileActivity(): Activity {
  return { objectType: 'Activity', id: PROFILE_IRI, definition: { type: ACTIVITY_TYPES.profile } };
}

/** The actor for a staff number under the bank's home page. */
export function staffAgent(homePage: string, staffNo: string): Agent {
  return { objectType: 'Agent', account: { homePage, name: staffNo } };
}
