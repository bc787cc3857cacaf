/**
 * Row shapes of the CallDojo database. Plain JSON (no Dates, no Maps) so rows export and import unchanged; times are
 * epoch milliseconds. Only `db.ts` decides how these are stored and indexed.
 */
import type { AuditLink } from '../security/audit-chain.ts';
import type { Assessment, Category, Lang, Severity } from '../scoring/types.ts';
import type { CorrectionAction } from '../report/overrides.ts';
import type { AttemptScores, JudgedBy, MissedElement, RecordCheck } from '../report/types.ts';
import type { CallStage, CourseStage, OutcomeCode, PassPolicy } from '../scenarios/ir.ts';
import type { Statement } from '../lrs/xapi.ts';

export const MODES = ['guided', 'practice', 'exam'] as const;
export type Mode = (typeof MODES)[number];

/**
 * `in_progress`: the call is going on. `ended`: the call is over but its after-call record is not filed yet (the
 * trainee can still file it; mentors see it as "record missing"). `completed`: record filed and scored.
 * `abandoned`: the trainee gave the call up; its lines and findings stay for the mentor, it is never a pass.
 */
export const ATTEMPT_STATUSES = ['in_progress', 'ended', 'completed', 'abandoned'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** The session engine's persisted state; storage keeps it opaque apart from its version. */
export interface SessionSnapshot {
  version: number;
  [key: string]: unknown;
}

export interface Profile {
  id: string;
  name: string;
  staffNo: string;
  createdAt: number;
  lastActiveAt: number;
}

/** Machine-computed scores, 0–100; never edited afterwards (mentor corrections live in `overrides`). */
export type Scores = AttemptScores;

/** Findings of one attempt counted by category and rule, so progress queries never read turns. */
export interface FindingSummary {
  byCategory: Partial<Record<Category, number>>;
  byRule: Record<string, { category: Category; severity: Severity; count: number }>;
  /** Model findings awaiting a mentor's review (absent when none); after corrections, those still waiting. */
  awaitingReview?: number;
}

export interface Attempt {
  id: string;
  profileId: string;
  scenarioId: string;
  scenarioTitle: string;
  lang: Lang;
  mode: Mode;
  seed: number;
  status: AttemptStatus;
  startedAt: number;
  /** null while in progress; IndexedDB leaves such rows out of the `[profileId+endedAt]` index. */
  endedAt: number | null;
  outcome: OutcomeCode | null;
  scores: Scores | null;
  passed: boolean | null;
  /** Id of the first blocking rule that failed the call, if one did. */
  blockerRule: string | null;
  /**
   * The course's pass policy the call was judged by, kept so a mentor's correction judges it by the same policy.
   * Absent on calls finished before policies were content (they were judged by `LEGACY_POLICY`).
   */
  policy?: PassPolicy;
  /** The elements the report listed as missed, and how many were expected, so a mentor's credit can recount the script score. */
  missed?: MissedElement[];
  expected?: number;
  /** The app, rule-pack and scenario versions that judged the call; absent on calls from before they were kept. */
  versions?: JudgedBy;
  /** The scenario's course (the LRS groups statements by it); absent on calls started before issue 16. */
  course?: CourseStage;
  /** Present while in progress or ended (the record form resumes from it). */
  snapshot: SessionSnapshot | null;
  /** Filled when the call ends, completes or is abandoned (and by the v2 upgrade for older rows). */
  findings: FindingSummary | null;
}

export type Speaker = 'trainee' | 'persona';

/** The persona's state after it spoke (trust, irritation…, mood); opaque beyond being JSON. */
export type PersonaState = Record<string, unknown>;

export interface Turn {
  attemptId: string;
  /** 0-based position in the call; with `attemptId` the primary key. */
  index: number;
  speaker: Speaker;
  text: string;
  /** The scoring engine's verdict on a trainee line; null for persona lines. */
  assessment: Assessment | null;
  /** The persona's state after a persona line; null for trainee lines. */
  personaState: PersonaState | null;
  stage: CallStage;
  at: number;
  /** Trainee lines: the scenario node the line answered (absent on lines stored before issue 16). */
  node?: string;
  /** Trainee lines in guided mode: the index of the option picked (absent: the line was typed). */
  picked?: number;
}

/** One check of the after-call record against what happened in the call (computed by src/report). */
export type { RecordCheck };

/** The after-call record (催收记录), one per attempt. */
export interface CallRecord {
  attemptId: string;
  resultCode: OutcomeCode;
  promiseAmount: number | null;
  /** ISO `YYYY-MM-DD`. */
  promiseDate: string | null;
  nextAction: string;
  notes: string;
  checks: RecordCheck[];
  savedAt: number;
}

/** A mentor's review of an attempt (issue 7); the trainee acknowledges or disputes it. */
export interface Review {
  id: string;
  attemptId: string;
  mentor: string;
  status: 'open' | 'acknowledged' | 'disputed';
  comment: string;
  traineeComment: string | null;
  createdAt: number;
  updatedAt: number;
  /** The hash of the newest correction's audit link (src/security/audit-chain.ts), so removing it shows; absent before any. */
  auditHead?: string;
}

/** One mentor correction, append-only so the audit trail keeps the machine verdict and every change (issue 7). */
export interface Override {
  id: string;
  attemptId: string;
  reviewId: string;
  /** Trainee turn the finding belongs to. */
  turnIndex: number;
  action: CorrectionAction;
  /** The finding's rule; for `credit`, the element credited. */
  rule: string;
  category: Category;
  severity: Severity;
  reason: string;
  /** For `narrow` with a span: the words the finding covers now and where they are in the line. */
  quote?: string;
  start?: number;
  end?: number;
  by: string;
  at: number;
  scoresBefore: Scores;
  scoresAfter: Scores;
  /** Its place in the attempt's hash-chained, signed audit trail; absent on corrections stored before issue 15. */
  chain?: AuditLink;
}

/** A device's signing key for export bundles (issue 7); the private key stays a non-extractable CryptoKey. */
export interface DeviceKey {
  id: string;
  label: string;
  publicJwk: JsonWebKey;
  privateKey: CryptoKey | null;
  createdAt: number;
  /** Another device's key: the mentor who accepted it and when (absent: never accepted, so its files are held). */
  acceptedBy?: string;
  acceptedAt?: number;
}

/** Small app-wide values (the mentor PIN hash and its salt, readiness settings); key-value. */
export interface Setting {
  key: string;
  value: unknown;
}

export const OUTBOX_STATES = ['queued', 'conflict', 'parked'] as const;
/**
 * `queued`: waiting to be sent; `conflict`: the LRS holds a different statement under this id (kept, flagged);
 * `parked`: the LRS refused it (400) and said why, for a mentor to read.
 */
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Where a statement goes: this PC's configured LRS, or the LMS's LRS of a cmi5 launch (with the launch's token). */
export type OutboxRoute = 'lrs' | 'session';

/** An xAPI statement waiting to be sent, written in the same transaction as the row it describes (issue 16). */
export interface OutboxRow {
  /** The statement's id (deterministic, so writing it twice keeps one row). */
  id: string;
  statement: Statement;
  state: OutboxState;
  /** The LRS's words when it refused or conflicted. */
  reason?: string;
  /** When it was queued (strictly increasing, so statements go out in the order they were written). */
  queuedAt: number;
  /** Failed sends so far (5xx, no network), which the backoff grows with. */
  tries: number;
  /** Not sent again before this time (epoch ms; 0 = at once). */
  nextTryAt: number;
  to: OutboxRoute;
}
