/** Inputs and results of scoring a whole attempt; pure data, shared by the practice screen, storage and review. */
import type { Assessment, Finding } from '../scoring/types.ts';
import type { CourseStage, Outcome, OutcomeCode, PassPolicy } from '../scenarios/ir.ts';
import type { FailReason } from './pass-policy.ts';

/** One trainee line as the report needs it: what the node expected and what the engine found. */
export interface ScoredTurn {
  text: string;
  nodeId: string;
  /** Element / move ids the node expected the reply to cover. */
  expected: string[];
  assessment: Assessment;
}

/** The after-call record as the trainee typed it. */
export interface RecordEntry {
  resultCode: OutcomeCode;
  promiseAmount: number | null;
  /** ISO `YYYY-MM-DD`. */
  promiseDate: string | null;
  nextAction: string;
  notes: string;
}

export interface RecordCheck {
  field: 'resultCode' | 'promiseAmount' | 'promiseDate' | 'nextAction' | 'notes';
  ok: boolean;
  expected: string | null;
  actual: string | null;
}

export interface AttemptScores {
  compliance: number;
  script: number;
  tone: number;
  outcome: number;
  record: number;
  total: number;
}

export interface AttemptReport {
  scores: AttemptScores;
  /** True when the course's pass policy finds no reason to fail the call. */
  passed: boolean;
  /** Why the call failed, every reason (empty when it passed). */
  reasons: FailReason[];
  /** The first finding of a blocking severity, which fails the call whatever else was good. */
  blocker: (Finding & { turn: number }) | null;
  /** Expected elements the trainee had not covered when their line was due, with the line and node as evidence. */
  missed: MissedElement[];
  /** How many elements the call's lines expected in all (what the script score counts against). */
  expected: number;
  outcome: Outcome | null;
}

/** An element (or move) a node expected that the call had not covered by that line. */
export interface MissedElement {
  /** The trainee line that was expected to cover it (0 = first scored trainee line). */
  turn: number;
  nodeId: string;
  element: string;
}

export interface ReportInput {
  course: CourseStage;
  /** The course's pass policy (content/courses). */
  policy: PassPolicy;
  turns: ScoredTurn[];
  /** The ending reached; null when the trainee hung up before any ending. */
  outcome: Outcome | null;
  recordChecks: RecordCheck[];
  /** Missed elements a mentor credited: not missed after all. */
  credited?: readonly { turn: number; element: string }[];
}

/** Which build and content judged a call (issue 15): the report shows them in small print. */
export interface JudgedBy {
  /** The app's version (package.json). */
  app: string;
  /** Each rule pack's content version, by pack id. */
  rules: Record<string, string>;
  /** The scenario's content version (a hash of its script file). */
  scenario: string;
}
