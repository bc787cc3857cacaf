/**
 * The scenario IR: what `compile()` emits from a trainer's Markdown script and what the persona machines and the UI
 * consume. Plain JSON (no Dates, no Maps, no undefined-valued keys), so `JSON.parse(JSON.stringify(ir))` is identical.
 * The runtime imports these types only, never the compiler. Bump `IR_VERSION` on any breaking shape change.
 */
import type {
  BankPolicy,
  CallDirection,
  Category,
  Jurisdiction,
  Lang,
  Relation,
  ScoringContext,
  Severity,
  Stage as ScoringStage,
} from '../scoring/types.ts';

/** 2: nodes carry `disclosure_given`, `cease` and `cease_requested`. */
export const IR_VERSION = 2;

/** Where the trainee is in the course (front matter `course`). */
export const COURSE_STAGES = [
  'first_contact',
  're_contact',
  'third_party',
  'special_account',
  'inbound_service',
  'drill',
] as const;
export type CourseStage = (typeof COURSE_STAGES)[number];

/** The score dimensions a course's pass policy can set a minimum for (the weighted total has its own `pass_mark`). */
export const PASS_DIMENSIONS = ['compliance', 'script', 'tone', 'outcome', 'record'] as const;
export type PassDimension = (typeof PASS_DIMENSIONS)[number];

/**
 * What a call of a course must meet to pass, owned by trainers (content/courses/courses.yaml) and shown to the trainee
 * in the briefing and the report. Any one of these fails the call whatever else was good.
 */
export interface PassPolicy {
  /** Severities of a compliance finding that fail the call (coaching categories, tone and script, never do). */
  blocking: Severity[];
  /** The lowest weighted total that passes, 0–100. */
  pass_mark: number;
  /** The lowest score per dimension that passes; a dimension left out has no minimum. */
  minimums: Partial<Record<PassDimension, number>>;
  /** Endings the persona reaches in answer to the trainee's line that fail the call (a hang-up, a complaint). */
  failing_endings: OutcomeCode[];
}

/** Every course's pass policy. */
export type CoursePolicies = Record<CourseStage, PassPolicy>;

/** Who placed the call in a course: only the service course takes the cardholder's own call; every other is outbound. */
export function callDirectionOf(course: CourseStage): CallDirection {
  return course === 'inbound_service' ? 'inbound' : 'outbound';
}

/** Persona archetypes; shared vocabulary with the persona machines (src/machines). */
export const ARCHETYPES = [
  'cooperative', // 老实本分 / 经济紧张
  'staller', // 圆滑拖延
  'hostile_evader', // 恶意逃避
  'fraud', // 资料不符 / 欺诈
  'suspicious', // thinks the call is a scam
  'spouse', // third party: spouse
  'colleague', // third party: colleague / HR
  'complainant', // inbound complaint
  'lost_card', // inbound lost / stolen card
  'disputer', // special account: card stolen / disputed charge
] as const;
export type Archetype = (typeof ARCHETYPES)[number];

/**
 * The move that gives the jurisdiction's required disclosure (the US agency mini-Miranda, "this is an attempt to
 * collect a debt…"). Saying it sets `disclosure_given` for the rest of the call, at compile time and at runtime alike.
 */
export const DISCLOSURE_MOVE = 'disclose_collector';

/** Stage of one call, node by node. Finer than the scoring engine's stages; see `SCORING_STAGE`. */
export const CALL_STAGES = [
  'opening',
  'verification',
  'purpose',
  'situation',
  'negotiation',
  'promise',
  'closing',
] as const;
export type CallStage = (typeof CALL_STAGES)[number];

/** How a call stage maps to the scoring engine's `ScoringContext.stage`. */
export const SCORING_STAGE: Record<CallStage, ScoringStage> = {
  opening: 'opening',
  verification: 'verification',
  purpose: 'purpose',
  situation: 'negotiation',
  negotiation: 'negotiation',
  promise: 'negotiation',
  closing: 'closing',
};

export const OUTCOME_CODES = [
  'ptp',
  'refused',
  'hung_up',
  'complaint',
  'transferred',
  'third_party_message',
  'callback_scheduled',
  'card_blocked',
  'dispute_logged',
  'wrong_number',
  'drill_complete',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** Persona moods a line can be written for; `calm` is the fallback every node should have. */
export const MOODS = ['calm', 'annoyed', 'warm'] as const;
export type Mood = (typeof MOODS)[number];

/** Persona state variables that conditions read and effects write (all 0–100). */
export const STATE_VARS = ['trust', 'irritation', 'patience', 'willingness'] as const;
export type StateVar = (typeof STATE_VARS)[number];

export const TONES = ['polite', 'neutral', 'rude'] as const;
export type ToneLabel = (typeof TONES)[number];

export type Quality = 'good' | 'ok' | 'bad';

/** Archetype tuning, 0–100 except `ability_to_pay` (currency units). Missing values take the archetype's defaults. */
export interface PersonaParams {
  /** How many poor turns the persona tolerates before ending the call. */
  patience: number;
  /** Initial trust in the caller. */
  trust: number;
  /** How much a rude or threatening line raises irritation. */
  irritability: number;
  /** How hard a firm promise is to get (a staller is high). */
  resolve: number;
  /** What the persona can actually pay now. */
  ability_to_pay: number;
}

export interface Persona {
  archetype: Archetype;
  params: PersonaParams;
}

/** What the trainee sees before and during the call. Extra trainer fields land in `extra` as strings. */
export interface CustomerCard {
  name: string;
  card_tail: string;
  amount_due: number;
  minimum_payment: number;
  days_overdue: number;
  /** How the cardholder is addressed with the surname (先生 / 女士, Mr. / Ms.); absent, by full name only. */
  honorific?: string;
  extra: Record<string, string>;
}

/** Whom the trainee represents on this call: shown in the briefing and accepted by the opening check. */
export interface Caller {
  institution: string;
  /** Empty when the scenario names no department. */
  department: string;
}

/** Facts only the persona knows; never rendered to the trainee. */
export interface HiddenFacts {
  real_reason: string;
  can_pay: number;
  /** Who actually picks up: `debtor` or a relation. */
  answers: 'debtor' | Relation;
  /** Further words that must not appear in anything the trainee sees before the persona reveals them. */
  secret_words: string[];
  extra: Record<string, string>;
}

/** The contact facts a scenario may state (`contact:`), with the scoring context's meaning for each. */
export type ContactFacts = Partial<
  Pick<
    ScoringContext,
    'dialled' | 'unanswered_today' | 'failed_attempts_in_row' | 'own_number_invalid' | 'third_party_related'
  >
>;

export interface CallLogEntry {
  date: string;
  result: string;
  note: string;
}

/** A structured condition; evaluated by the runtime, never eval'd. */
export type Condition =
  | { kind: 'move'; move: string }
  /** The trainee's line covered this script element (institution, staff_number, right_party_question…). */
  | { kind: 'element'; element: string }
  | { kind: 'tone'; tone: ToneLabel }
  | { kind: 'finding'; category: Category }
  | { kind: 'state'; var: StateVar; op: '>=' | '>' | '<=' | '<' | '==' | '!='; value: number }
  /** The trainee's line covered every element the node `expect`s. */
  | { kind: 'elements_complete' }
  /** The trainee said nothing before the timeout. */
  | { kind: 'silence' }
  | { kind: 'and'; all: Condition[] }
  | { kind: 'or'; any: Condition[] }
  | { kind: 'not'; cond: Condition };

export interface Effect {
  var: StateVar;
  op: 'add' | 'set';
  value: number;
}

/** First matching branch wins, in source order; `when: null` is the fallback (`else` / `否则`). */
export interface Branch {
  when: Condition | null;
  target: string;
  effects: Effect[];
  line: number;
}

export interface GuidedOption {
  text: string;
  quality: Quality;
  feedback: string;
  /** Node to go to; null means "assess the text and follow the node's branches". */
  next: string | null;
  effects: Effect[];
  line: number;
}

export interface PersonaLine {
  mood: Mood;
  text: string;
  line: number;
}

export interface ModelAnswer {
  text: string;
  /** Why this is said: the seed course teaches the reason, not only the words. */
  why: string;
  line: number;
}

export interface Outcome {
  code: OutcomeCode;
  /** For `ptp`: the promised amount (resolved from `minimum`/`full` against the card). */
  amount: number | null;
  /** For `ptp` / `callback_scheduled`: ISO `YYYY-MM-DD` or relative to the call, `+Nd`. */
  date: string | null;
}

export interface ScenarioNode {
  id: string;
  title: string;
  /** 1-based source line of the `##` heading. */
  line: number;
  stage: CallStage;
  party: 'debtor' | 'third_party';
  /** Set when `party` is `third_party`. */
  relation: Relation | null;
  /** The persona's line here confirms the right party (from this node on, the trainee speaks to a verified debtor). */
  verifies: boolean;
  /** Computed: the right party is verified on every path to the trainee's turn at this node. */
  verified: boolean;
  /**
   * Computed: on every path to the trainee's turn here, an earlier node's model answer made the required disclosure
   * (`DISCLOSURE_MOVE`), so the line is judged with `disclosure_given`. False when compiled without a scoring engine.
   */
  disclosure_given: boolean;
  /** The cardholder asks here to stop calling (from this node on, every line is judged with `cease_request`). */
  cease: boolean;
  /** Computed: on some path to the trainee's turn here (or at this node) the cardholder asked to stop calling. */
  cease_requested: boolean;
  /** Hidden fact keys the persona reveals here (`real_reason`, `can_pay`, secret words…). */
  reveals: string[];
  /** Applied when the node is entered. */
  effects: Effect[];
  lines: PersonaLine[];
  /** Script element ids the trainee's reply should cover here. */
  expect: string[];
  model: ModelAnswer | null;
  options: GuidedOption[];
  branches: Branch[];
  /** Non-null makes this node an ending; endings have no branches. */
  end: Outcome | null;
  /** Trainer notes (Markdown source) and their rendering. */
  notes: string;
  notes_html: string;
}

export interface Scenario {
  ir_version: typeof IR_VERSION;
  /** Content version: a hash of the script file, set by the build (absent on Studio drafts). */
  version?: string;
  id: string;
  title: string;
  lang: Lang;
  jurisdiction: Jurisdiction;
  difficulty: 1 | 2 | 3;
  course: CourseStage;
  caller_type: 'bank' | 'agency';
  bank_policy: BankPolicy;
  /** Cardholder's local time at the call, "HH:MM". */
  local_time: string;
  call_log: CallLogEntry[];
  /**
   * `contact:` in the front matter: the facts of this dial that contact rules judge (whose number, unanswered attempts
   * today, failed attempts in a row, an invalid own number, a related third party); absent, the plainest case.
   */
  contact?: ContactFacts;
  card: CustomerCard;
  /** `caller:` in the front matter; absent, the briefing names no institution. */
  caller?: Caller;
  /** Script elements the objectives say not to volunteer (`withhold:`): hints and checks never ask for them. */
  withhold?: string[];
  /** `exam_hide_card: true`: in exam mode the customer card and objectives are not shown during the call. */
  exam_hide_card?: boolean;
  hidden: HiddenFacts;
  persona: Persona;
  /** Briefing shown to the trainee before the call (Markdown source and rendering). */
  briefing: string;
  briefing_html: string;
  /** Id of the first node. */
  start: string;
  /** Nodes in source order. */
  nodes: ScenarioNode[];
  source: { file: string };
  /**
   * The persona's in-character replies for lines its script has no answer for (content/replies, resolved for this
   * scenario's language and archetype, with its per-node overrides). Added by the content pipeline after compiling;
   * absent, the persona falls back to its node's scripted line.
   */
  replies?: Replies;
}

export const REPLY_INTENTS = [
  'repeat',
  'ask_caller',
  'identity',
  'identifier',
  'protest',
  'already_answered',
  'off_script',
] as const;
/** Why the persona answers from its repertoire rather than with the node's scripted line. */
export type ReplyIntent = (typeof REPLY_INTENTS)[number];

/** One repertoire line; `mood: null` speaks in the persona's current mood. */
export interface ReplyLine {
  mood: Mood | null;
  text: string;
}

/** A node's overrides: lines per intent, and `after` lines that replace its scripted line after a given move/element. */
export interface NodeReplies {
  intents: Partial<Record<ReplyIntent, ReplyLine[]>>;
  /** Move or element id → lines said on entering the node after a line that made it (e.g. the company already named). */
  after: Record<string, ReplyLine[]>;
}

/** A scenario's reply repertoire, resolved for its language and archetype (plain JSON). */
export interface Replies {
  intents: Partial<Record<ReplyIntent, ReplyLine[]>>;
  nodes: Record<string, NodeReplies>;
}
