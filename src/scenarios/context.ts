/**
 * The scoring context of a trainee's reply at a node: who is on the line, whether the right party is verified, the
 * stage, local time, caller type, call direction and bank policy. Shared by the compiler's lint and (as plain data)
 * the runtime.
 */
import type { ScoringContext } from '../scoring/types.ts';
import { callDirectionOf, SCORING_STAGE, type Scenario, type ScenarioNode } from './ir.ts';

type Header = Pick<Scenario, 'local_time' | 'caller_type' | 'bank_policy' | 'jurisdiction' | 'course' | 'contact'>;

/**
 * Context for assessing a line said at `node`: the node's computed facts (verified, disclosure given, cease requested), the course's
 * call direction; call-history facts default to a first, compliant call.
 */
export function nodeContext(
  s: Header,
  node: Pick<ScenarioNode, 'party' | 'relation' | 'verified' | 'stage' | 'disclosure_given' | 'cease_requested'>,
  overrides: Partial<ScoringContext> = {},
): ScoringContext {
  return {
    party: node.party,
    // The debtor has no relation to themselves; the contract needs a value, and `other` carries no meaning for rules.
    relation: node.relation ?? 'other',
    verified: node.verified,
    stage: SCORING_STAGE[node.stage],
    local_time: s.local_time,
    caller_type: s.caller_type,
    consent_late_call: false,
    cease_request: node.cease_requested,
    attorney_represented: false,
    legal_action_filed: false,
    disclosure_given: node.disclosure_given,
    calls_today: 1,
    calls_last_7_days: 1,
    bank_policy: s.bank_policy,
    jurisdiction: s.jurisdiction,
    call_direction: callDirectionOf(s.course),
    // What this dial is (whose number, attempts before it), as the scenario states it.
    ...s.contact,
    ...overrides,
  };
}
