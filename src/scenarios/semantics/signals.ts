/**
 * Reads an assessed line as persona-relevant signals (courtesy, threat, premature disclosure…). The move ids are the
 * ones in content/rules moves; several moves can count as the same signal.
 */
import type { Signal } from './archetypes.ts';
import type { LineFacts } from './line.ts';

/** Moves that count as each move-driven signal. */
export const SIGNAL_MOVES: Partial<Record<Signal, readonly string[]>> = {
  empathy: ['empathise', 'empathize', 'apologise', 'apologize', 'acknowledge', 'reassure'],
  verification: ['verify_identity', 'verify', 'right_party_question', 'ask_identity'],
  plan: [
    'offer_plan',
    'offer_instalment',
    'offer_solution',
    'block_card',
    'log_dispute',
    'transfer',
    'escalate',
    'promise_follow_up',
  ],
  consequence: ['disclose_consequence', 'state_consequence'],
  threat: ['threaten'],
};

const POSITIVE: readonly Signal[] = ['courtesy', 'empathy', 'verification', 'plan', 'consequence', 'firm_promise'];
/** Moves that answer or serve the customer (a question about a charge, how a process works, a note taken): never idle. */
const HELPFUL = new Set([
  'ask_details',
  'ask_reason',
  'explain_process',
  'log_record',
  'promise_time',
  'warn_fraud',
  'offer_reissue',
  'give_callback_number',
  'state_purpose',
  'thank',
]);
const PROMISE_MOVES = ['request_promise', 'confirm_promise'];
const THREAT_FINDINGS = new Set(['threat', 'misrepresentation']);
const DISCLOSURE_FINDINGS = new Set(['premature_disclosure', 'third_party', 'privacy']);

/** Where the line was said: who listens, whether they are verified, what the node is after, what they can pay. */
export interface Hearing {
  party: 'debtor' | 'third_party';
  verified: boolean;
  /** Moves and elements this node expects or its branches test; a line with none of them makes no progress. */
  wanted: ReadonlySet<string>;
  ability_to_pay: number;
}

/** The signals one line sends to the persona, in `SIGNALS` order-independent set form. */
export function signalsOf(line: LineFacts, at: Hearing): Signal[] {
  if (line.silence) return ['silence'];
  const out = new Set<Signal>();
  const moves = new Set(line.moves);
  const has = (ids: readonly string[] | undefined) => !!ids && ids.some((m) => moves.has(m));
  if (line.tone.label === 'polite') out.add('courtesy');
  if (line.tone.label === 'rude') out.add('rude');
  for (const s of ['empathy', 'verification', 'plan', 'consequence', 'threat'] as const)
    if (has(SIGNAL_MOVES[s])) out.add(s);
  for (const f of line.findings) {
    if (THREAT_FINDINGS.has(f.category)) out.add('threat');
    if (f.category === 'abuse') out.add('insult');
    // A tone finding (curt imperative, sarcasm) stings even when the overall tone score stays neutral.
    if (f.category === 'tone') out.add('rude');
    if (f.category === 'impersonation') out.add('impersonation');
    if (DISCLOSURE_FINDINGS.has(f.category)) out.add('premature_disclosure');
  }
  if (moves.has('disclose_debt') && (at.party === 'third_party' || !at.verified)) out.add('premature_disclosure');
  const asksPromise = has(PROMISE_MOVES);
  if (asksPromise) out.add(line.terms.amount !== null && line.terms.date ? 'firm_promise' : 'vague_promise');
  // Only a payment request can be unaffordable (a transfer or a card block naming an amount is not one).
  if (
    (asksPromise || moves.has('offer_plan')) &&
    at.ability_to_pay > 0 &&
    (line.terms.amount ?? 0) > at.ability_to_pay
  ) {
    out.add('unaffordable');
  }
  const progress =
    line.moves.some((m) => at.wanted.has(m) || HELPFUL.has(m)) || line.elements.some((e) => at.wanted.has(e));
  // A polite or helpful line off the node's script still moves the call; only an empty-handed line is idle.
  if (!progress && !POSITIVE.some((s) => out.has(s))) out.add('no_progress');
  return [...out];
}
