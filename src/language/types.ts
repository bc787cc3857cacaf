/**
 * The language layer's own vocabulary. It sits under scoring and imports nothing from it; these shapes are
 * structurally the scoring engine's (`Lang`, the listener facts of `ScoringContext`), so the engine passes its own.
 */
export type Lang = 'zh' | 'en';

/** The facts about the listener that change what words mean (a subset of the scoring context). */
export interface ListenerContext {
  party?: 'debtor' | 'third_party';
  verified?: boolean;
  stage?: string;
  relation?: string;
  caller_type?: string;
  call_direction?: string;
  cease_request?: boolean;
  attorney_represented?: boolean;
  disclosure_given?: boolean;
  /** The bank's policy: whether it sues or visits changes whether "we'll sue" or "we'll come by" is true. */
  bank_policy?: { sues?: boolean; field_visits?: boolean };
}
