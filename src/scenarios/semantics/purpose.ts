/**
 * When a call's purpose is met before its script says so: a third party took a call-back request, the cardholder's
 * promise was read back, a dispute was logged, a card blocked, a caller transferred. A goodbye after that ends the call
 * with that outcome, even at a node with no branch for a goodbye — a roommate who took the message is not asked
 * again, and a trainee who closes politely is not left on an open line.
 */
import type { OutcomeCode, Scenario, ScenarioNode } from '../ir.ts';
import { blames } from './conditions.ts';
import type { LineFacts } from './line.ts';
import type { Reaction, TurnState } from './persona.ts';
import type { Rules } from './turn.ts';

/** Moves that meet each purpose, most specific outcome first (the order a goodbye picks in when several are met). */
const PURPOSE_MOVES: ReadonlyArray<[OutcomeCode, readonly string[]]> = [
  ['ptp', ['confirm_promise']],
  ['dispute_logged', ['log_record']],
  ['card_blocked', ['block_card']],
  ['transferred', ['transfer']],
  ['third_party_message', ['give_callback_number', 'request_callback', 'ask_callback_time']],
];

/** Signals that spoil a goodbye: the persona is not parting on good terms after these. */
const SPOILERS = new Set(['threat', 'insult', 'impersonation', 'rude', 'premature_disclosure']);

/**
 * Per purpose outcome, the script's ending a good call reaches for it: an ending of that code targeted by a branch that
 * is not about a violation (so a "debt disclosed" ending that also records a message is never chosen).
 */
export function purposeEndings(scenario: Pick<Scenario, 'nodes'>): Map<OutcomeCode, string> {
  const out = new Map<OutcomeCode, string>();
  const byId = new Map(scenario.nodes.map((n) => [n.id, n]));
  for (const n of scenario.nodes) {
    for (const b of n.branches) {
      const code = byId.get(b.target)?.end?.code;
      if (code && PURPOSE_MOVES.some(([c]) => c === code) && !blames(b.when) && !out.has(code)) out.set(code, b.target);
    }
  }
  return out;
}

/** The purposes this line meets at `node` (before checking the scenario has an ending for them). */
export function purposesOf(node: ScenarioNode, state: TurnState, line: LineFacts, reaction: Reaction): OutcomeCode[] {
  if (line.silence || reaction.signals.some((s) => SPOILERS.has(s))) return [];
  const out: OutcomeCode[] = [];
  for (const [code, moves] of PURPOSE_MOVES) {
    if (!moves.some((m) => line.moves.includes(m))) continue;
    // A promise counts once the persona has agreed to one (a promise-stage node) and its terms are stated.
    if (
      code === 'ptp' &&
      (node.stage !== 'promise' ||
        (line.terms.amount ?? state.terms.amount) === null ||
        !(line.terms.date || state.terms.date))
    )
      continue;
    // A call-back message is left with a third party, not with the cardholder.
    if (code === 'third_party_message' && node.party !== 'third_party') continue;
    out.push(code);
  }
  return out;
}

/** The ending a goodbye leads to when the call's purpose is met (this line may meet it too); null otherwise. */
export function closingTarget(
  rules: Rules,
  node: ScenarioNode,
  state: TurnState,
  line: LineFacts,
  reaction: Reaction,
): string | null {
  if (node.end || !line.moves.includes('close')) return null;
  if (reaction.signals.some((s) => SPOILERS.has(s))) return null;
  const met = new Set([...(state.met ?? []), ...purposesOf(node, state, line, reaction)]);
  for (const [code] of PURPOSE_MOVES) {
    const target = rules.endings.get(code);
    if (met.has(code) && target) return target;
  }
  return null;
}
