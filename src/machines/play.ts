/**
 * Typed calls played headless: a trainee's lines said one by one to the live persona machine, as the practice screen
 * would, until the lines run out or the call ends (lines after the ending are not played).
 */
import type { Assessment } from '../scoring/types.ts';
import type { Outcome, Scenario } from '../scenarios/ir.ts';
import { createSession, type SessionEngine } from './session.ts';

export interface PlayedTurn {
  said: string;
  /** What the persona said back (null when the call ended without a reply). */
  reply: string | null;
  /** The node the trainee answered, and what it expected the line to cover (for the attempt report). */
  answered: string;
  expected: string[];
  /** Where the call is after the line: the node the reply comes from. */
  node: string;
  assessment: Assessment;
}

export interface PlayedCall {
  greeting: string | null;
  turns: PlayedTurn[];
  ended: boolean;
  outcome: Outcome | null;
}

/** Says `lines` in order on a fresh seeded call of `scenario` and returns every turn and how the call stands. */
export function playLines(scenario: Scenario, engine: SessionEngine, lines: readonly string[], seed = 1): PlayedCall {
  const session = createSession(scenario, { engine, seed });
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const turns: PlayedTurn[] = [];
  try {
    const greeting = session.reply?.text ?? null;
    for (const said of lines) {
      if (session.state.ended) break;
      const answered = session.state.node;
      const r = session.say(said);
      turns.push({
        said,
        reply: r.reply?.text ?? null,
        answered,
        expected: nodes.get(answered)?.expect ?? [],
        node: r.state.node,
        assessment: r.assessment!,
      });
    }
    return { greeting, turns, ended: session.state.ended, outcome: session.state.outcome };
  } finally {
    session.stop();
  }
}
