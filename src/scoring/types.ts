/**
 * The scoring engine's public contract. Pure data types: the engine, the script compiler, the session engine and
 * the UI all speak these. Field names in `ScoringContext` follow the `npm run score` JSON contract (snake_case).
 */
export type Lang = 'zh' | 'en';
export type Jurisdiction = 'CN' | 'US';

/** Fixed vocabulary; every finding carries exactly one. */
export const CATEGORIES = [
  'threat',
  'abuse',
  'impersonation',
  'misrepresentation',
  'third_party',
  'premature_disclosure',
  'contact_rules',
  'improper_payment',
  'privacy',
  'missing_disclosure',
  'tone',
  'script',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['critical', 'major', 'minor'] as const;
/** `critical` is a compliance blocker: one fails the call. */
export type Severity = (typeof SEVERITIES)[number];

export const STAGES = ['opening', 'verification', 'purpose', 'negotiation', 'closing'] as const;
export type Stage = (typeof STAGES)[number];

export const RELATIONS = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'partner',
  'colleague',
  'employer',
  'friend',
  'other',
] as const;
export type Relation = (typeof RELATIONS)[number];

export interface BankPolicy {
  sues: boolean;
  field_visits: boolean;
  reports_to_bureau: boolean;
  /** "HH:MM-HH:MM" in the cardholder's local time. */
  call_window: string;
}

/** Facts about the moment a line is said that the words themselves do not carry. */
export interface ScoringContext {
  party: 'debtor' | 'third_party';
  relation: Relation;
  verified: boolean;
  stage: Stage;
  /** Cardholder's local time, "HH:MM". */
  local_time: string;
  caller_type: 'bank' | 'agency';
  consent_late_call: boolean;
  cease_request: boolean;
  attorney_represented: boolean;
  legal_action_filed: boolean;
  /** The jurisdiction's required disclosure (e.g. the mini-Miranda) was already given earlier in the call. */
  disclosure_given: boolean;
  calls_today: number;
  calls_last_7_days: number;
  bank_policy: BankPolicy;
  jurisdiction: Jurisdiction;
}

export interface Source {
  clause: string;
  url: string;
  /** V = verified word for word, S = secondary, T = translation only, NF = not found. */
  status: 'V' | 'S' | 'T' | 'NF';
}

/** One thing a rule found in a line; explains itself. */
export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  /** UTF-16 offsets of the evidence in the line (0,0 for call-level rules with no words to point at). */
  start: number;
  end: number;
  /** The trainee's words at [start, end). */
  quote: string;
  message: string;
  /** A better line to say instead. */
  better: string;
  sources: Source[];
}

export interface MoveHit {
  /** Move id from the moves data, e.g. `greet`, `verify_identity`, `disclose_debt`. */
  move: string;
  start: number;
  end: number;
  evidence: string;
}

export interface ToneReason {
  /** What moved the score, e.g. "polite form 您", "imperative without softener". */
  reason: string;
  delta: number;
  start?: number;
  end?: number;
}

export interface Tone {
  label: 'polite' | 'neutral' | 'rude';
  /** 0 (hostile) – 100 (exemplary courtesy); 50 is plain and neutral. */
  score: number;
  reasons: ToneReason[];
}

export interface Assessment {
  findings: Finding[];
  tone: Tone;
  moves: MoveHit[];
  /** Script element ids the line covers (institution, department, surname, staff_number, right_party_question…). */
  elements: string[];
}
