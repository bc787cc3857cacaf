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
  /**
   * Who placed the call: `outbound` (we called the cardholder; the default) or `inbound` (a service line took the
   * cardholder's call), so outbound-only rules such as the collection opening can stay quiet on a service greeting.
   */
  call_direction?: CallDirection;
  // Contact facts the CBA 2026 guideline limits (issue 15 part H); absent means the plainest case (resolveContext).
  /** Unanswered attempts to the dialled number earlier today; this call is one more (default 0). */
  unanswered_today?: number;
  /** Whose number this call dialled: the debtor's `own`, or a `third_party`'s (a contact, relative, employer); default `own`. */
  dialled?: DialledNumber;
  /** The debtor's own number was found invalid (disconnected, not theirs); default false. */
  own_number_invalid?: boolean;
  /** Consecutive failed attempts to reach the debtor on their own number before this call (default 0). */
  failed_attempts_in_row?: number;
  /** The third party is one the debt concerns (债务相关第三人, e.g. a spouse whose household it paid for); default false. */
  third_party_related?: boolean;
}

export const CALL_DIRECTIONS = ['outbound', 'inbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export const DIALLED_NUMBERS = ['own', 'third_party'] as const;
export type DialledNumber = (typeof DIALLED_NUMBERS)[number];

export interface Source {
  /**
   * The clause cited, in both languages so a finding reads in the interface language. Findings saved before sources
   * were bilingual carry it as one string.
   */
  clause: Bilingual | string;
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
  /** `model` when the trained classifier found it and no rule of its category did (absent: a rule's). */
  origin?: 'model';
  /** The model's probability, for model findings. */
  confidence?: number;
  /** A low-confidence model finding: shown and queued for a mentor, but it does not fail the call on its own. */
  review?: true;
}

export interface MoveHit {
  /** Move id from the moves data, e.g. `greet`, `verify_identity`, `disclose_debt`. */
  move: string;
  start: number;
  end: number;
  evidence: string;
  /** The model's probability, when only the trained classifier heard the move (absent: a pattern heard it). */
  confidence?: number;
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

// ---------------------------------------------------------------------------------------------------------------
// Rule packs and moves as data. Everything below is plain JSON (patterns stay strings; the engine compiles them),
// so `loadRulePacks` can run at build time and the browser receives the result as JSON.
// ---------------------------------------------------------------------------------------------------------------

/** Text in both UI languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Regex sources per language; a rule or move only applies to the languages it has patterns for. */
export type PatternsByLang = Partial<Record<Lang, string[]>>;

/** How a rule decides that it fires; the engine is a small dispatch on this. */
export const RULE_KINDS = ['pattern', 'move', 'missing', 'call', 'elements'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Guards that can suppress a pattern hit (see guards.ts for what each one means). */
export const GUARDS = ['negation', 'quotation', 'reassurance', 'hedge'] as const;
export type Guard = (typeof GUARDS)[number];

/** Call-level checks a `kind: call` rule can name. */
export const CALL_CHECKS = [
  'outside_call_window',
  'calls_today',
  'calls_last_7_days',
  'cease_request',
  'attorney_represented',
  'unanswered_today',
  'third_party_too_early',
  'outside_guideline_hours',
] as const;
export type CallCheck = (typeof CALL_CHECKS)[number];

/** Context facts a rule's `when` / `unless` may test; dotted names reach into `bank_policy`. */
export const CONDITION_FIELDS = [
  'party',
  'relation',
  'verified',
  'stage',
  'caller_type',
  'consent_late_call',
  'cease_request',
  'attorney_represented',
  'legal_action_filed',
  'disclosure_given',
  'call_direction',
  'dialled',
  'third_party_related',
  'bank_policy.sues',
  'bank_policy.field_visits',
  'bank_policy.reports_to_bureau',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];
/** Every listed field must hold one of its listed values. */
export type Conditions = Partial<Record<ConditionField, Array<string | boolean>>>;

/** One authored test line: text plus context overrides (language inferred from the script when absent). */
export interface TestLine {
  text: string;
  lang?: Lang;
  context?: Partial<ScoringContext>;
}

export interface RuleDef {
  id: string;
  /** Pack id the rule came from (`cn`, `us`, `gp`, `tone`). */
  pack: string;
  kind: RuleKind;
  category: Category;
  severity: Severity;
  message: Bilingual;
  better: Bilingual;
  sources: Source[];
  when: Conditions;
  unless: Conditions;
  /** `pattern`/`missing`: trigger patterns. */
  patterns: PatternsByLang;
  /** Patterns that, anywhere in the same sentence, mean the hit is something else (complaint channel, anti-fraud…). */
  except: PatternsByLang;
  /** `missing`: the rule fires when a trigger matches and none of these does. */
  requires: PatternsByLang;
  /** `move`: fires when the line performs any of these moves. */
  moves: string[];
  /** `elements`: script elements this stage needs. */
  elements: string[];
  /** `call`: the call-level check and its limit. */
  check?: CallCheck;
  max?: number;
  /** `outside_guideline_hours`: the hours a guideline allows, "HH:MM-HH:MM" (checked where a bank's window is wider). */
  window?: string;
  guards: Guard[];
  tests: { fires: TestLine[]; passes: TestLine[] };
  /** 1-based line of the rule in its file, for tooling that links back to the source. */
  file: string;
  line: number;
}

/** A weighted courtesy signal; tone = 50 + sum of the deltas that occur, clamped to 0–100. */
export interface ToneMarker {
  id: string;
  delta: number;
  reason: Bilingual;
  patterns: PatternsByLang;
  guards: Guard[];
}

export interface RulePack {
  id: string;
  /** `any` packs (good practice, tone) apply in every jurisdiction. */
  jurisdiction: Jurisdiction | 'any';
  title: Bilingual;
  /** Context defaults for calls in this jurisdiction (only jurisdiction packs carry them). */
  defaults?: { bank_policy: BankPolicy };
  rules: RuleDef[];
  markers: ToneMarker[];
  file: string;
  /** Content version: a hash of the pack file, set by the build (absent where packs are read directly). */
  version?: string;
}

/** A call move (`kind: move`) or an opening-drill script element (`kind: element`), defined as data. */
export interface MoveDef {
  id: string;
  kind: 'move' | 'element';
  label: Bilingual;
  patterns: PatternsByLang;
  except: PatternsByLang;
  guards: Guard[];
  /** Lines that must perform this move; checked by the generic rule-lines test. */
  examples: TestLine[];
  file: string;
  line: number;
}

/** Trained classifiers per language, as `npm run train` writes them (src/language/classifier.ts `ModelData`). */
/** Concept name → its forms (pattern fragments) per language, as content/rules/concepts.yaml gives them. */
export type ConceptForms = Record<string, Partial<Record<Lang, string[]>>>;

export type Models = Partial<Record<Lang, import('../language/classifier.ts').ModelData>>;

/** What a line is judged with beyond its context: facts of this call rather than of the moment. */
export interface AssessOptions {
  /** Include call-level findings (call window, call log…); default true. */
  callLevel?: boolean;
  /**
   * Script elements the elements rules must not ask for on this line: already said earlier in the call, or held back
   * on purpose by the scenario (`withhold:` in its front matter).
   */
  covered?: readonly string[];
  /**
   * Element id → the caller's own words for it (the scenario's institution and department, the trainee's name and
   * staff number): a line containing one of them covers that element even where the general patterns do not hear it.
   */
  own?: Readonly<Partial<Record<string, readonly string[]>>>;
}

/** The engine `createEngine` returns. */
export interface ScoringEngine {
  readonly rules: readonly RuleDef[];
  readonly moves: readonly MoveDef[];
  /** Scores one line; call-level findings are included unless `options.callLevel` is false. */
  assess(text: string, lang: Lang, context?: Partial<ScoringContext>, options?: AssessOptions): Assessment;
  /** Only the call-level findings (call window, call log, cease request, attorney) for this context. */
  callLevelFindings(context: Partial<ScoringContext> | undefined, lang: Lang): Finding[];
  /**
   * What the classifiers read for a line, exactly as `assess` computes it: the normalised text, the resolved context,
   * the original spelling's cues and the concept marks (training reads lines through this, so it sees what runs).
   */
  modelInput(
    text: string,
    lang: Lang,
    context?: Partial<ScoringContext>,
  ): { text: string; ctx: ScoringContext; extra: number[]; marks: import('../language/features.ts').Mark[] };
  /** The complete context `assess` would use for this language and partial context. */
  resolveContext(lang: Lang, context?: Partial<ScoringContext>): ScoringContext;
  /** Every compiled pattern's prefilter anchors, for the build to ship so the page need not analyse patterns again. */
  prefilters(): Record<string, string[] | null>;
}
