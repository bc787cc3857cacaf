/** The context a rule's own test lines run in: what its `when` needs, then the line's own overrides. */
import { defaultJurisdiction } from './context.ts';
import type { Jurisdiction, Lang, RuleDef, ScoringContext } from './types.ts';

/**
 * Single-valued `when` conditions are applied so a line written for "third party, unverified" needs no context of
 * its own; the jurisdiction is the pack's (packs for `any` use the language's default).
 */
export function testContextFor(
  rule: RuleDef,
  pack: Jurisdiction | 'any',
  lang: Lang,
  overrides?: Partial<ScoringContext>,
): Partial<ScoringContext> {
  const ctx: Record<string, unknown> = { jurisdiction: pack === 'any' ? defaultJurisdiction(lang) : pack };
  const policy: Record<string, unknown> = {};
  for (const [field, values] of Object.entries(rule.when)) {
    if (values?.length !== 1) continue;
    if (field.startsWith('bank_policy.')) policy[field.slice(12)] = values[0];
    else ctx[field] = values[0];
  }
  const merged = { ...ctx, ...overrides } as Partial<ScoringContext>;
  if (Object.keys(policy).length || overrides?.bank_policy)
    merged.bank_policy = { ...policy, ...overrides?.bank_policy } as ScoringContext['bank_policy'];
  return merged;
}
