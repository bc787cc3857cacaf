/** Inputs and results of scoring a whole attempt; pure data, shared by the practice screen, storage and review. */
import type { Assessment, Finding } from '../scoring/types.ts';
import type { CourseStage, Outcome, OutcomeCode } from '../scenarios/ir.ts';

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
  /** False when a critical finding occurred (the blocker) or the total is under the pass mark. */
  passed: boolean;
  /** The first critical finding, which fails the call whatever else was good. */
  blocker: (Finding & { turn: number }) | null;
  /** Expected elements the trainee never covered, per node. */
  missed: { nodeId: string; element: string }[];
  outcome: Outcome | null;
}

export interface ReportInput {
  course: CourseStage;
  turns: ScoredTurn[];
  /** The ending reached; null when the trainee hung up before any ending. */
  outcome: Outcome | null;
  recordChecks: RecordCheck[];
}
