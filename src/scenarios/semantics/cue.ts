/**
 * Whether the persona answers a turn from its reply repertoire instead of the scripted line of the node it goes to.
 * A node's line may answer what the node before asked for (her date of birth after "could you confirm your date of
 * birth?"); said after a line that asked nothing of the kind — the debt, a threat — it is a non-sequitur.
 */
import type { ScenarioNode } from '../ir.ts';
import type { LineFacts } from './line.ts';
import type { Reaction } from './persona.ts';
import { blames } from './conditions.ts';
import { intentOf, type ReplyIntent, type ReplyMemory } from './replies.ts';
import type { Decision, Rules } from './turn.ts';

/** The repertoire intent the persona answers this turn with, or null when the target node's scripted line fits. */
export function replyCue(
  rules: Rules,
  node: ScenarioNode,
  decision: Decision,
  line: LineFacts,
  reaction: Reaction,
  memory: ReplyMemory,
): ReplyIntent | null {
  switch (decision.kind) {
    case 'stay':
      return intentOf(line, reaction.signals, memory);
    case 'branch': {
      const { target: to, when } = node.branches[decision.index];
      const target = rules.nodes.get(to)!;
      if (target.id === node.id || target.end) return null;
      if (unasked(node, target, line, reaction.signals, memory)) return intentOf(line, reaction.signals, memory);
      // The script's fallback has no answer for a question asked again: the persona objects rather than moving on in silence.
      const intent = when === null ? intentOf(line, reaction.signals, memory) : null;
      return intent === 'already_answered' ? intent : null;
    }
    case 'closes':
    case 'persona_ends':
      return null;
    default: {
      const unknown: never = decision;
      throw new Error(`Unknown decision ${JSON.stringify(unknown)}.`);
    }
  }
}

/** Lines that ask the persona who it is: the only ones a node that `verifies` (its line confirms identity) answers. */
const ASKS_IDENTITY = ['verify_identity', 'right_party_question'];
const HARSH = ['threat', 'insult', 'impersonation'];

/**
 * True when `target`'s scripted line does not fit this line: it confirms the cardholder's identity (`verifies`) but
 * nobody asked (on this turn or the one before), or the line was a threat or an insult and `target` is not the
 * script's reaction to one (a node that only branches about a violation lead to, such as a protest at a premature
 * disclosure, which the trainee must hear).
 */
function unasked(
  node: ScenarioNode,
  target: ScenarioNode,
  line: LineFacts,
  signals: readonly string[],
  memory: ReplyMemory,
): boolean {
  if (signals.some((s) => HARSH.includes(s)))
    return node.branches.some((b) => b.target === target.id && !blames(b.when));
  // A question asked on the turn before still waits for its answer when the persona was elsewhere in the script.
  const asked = [...line.moves, ...line.elements, ...memory.previous];
  return target.verifies && !ASKS_IDENTITY.some((id) => asked.includes(id));
}
