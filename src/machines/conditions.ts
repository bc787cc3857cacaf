/** Evaluates a scenario branch condition (IR data, never eval'd) against the heard line and the persona's state. */
import type { Condition } from '../scenarios/ir.ts';
import type { Vars } from './context.ts';
import type { LineFacts } from './line.ts';

/** True when `cond` holds for this line, node expectations and (post-reaction) persona state. */
export function holds(cond: Condition, line: LineFacts, vars: Vars, expect: readonly string[]): boolean {
  switch (cond.kind) {
    case 'move':
      return line.moves.includes(cond.move) || line.elements.includes(cond.move);
    case 'tone':
      return !line.silence && line.tone.label === cond.tone;
    case 'finding':
      return line.findings.some((f) => f.category === cond.category);
    case 'state':
      return compare(vars[cond.var], cond.op, cond.value);
    case 'elements_complete':
      return !line.silence && expect.every((e) => line.elements.includes(e) || line.moves.includes(e));
    case 'silence':
      return line.silence;
    case 'and':
      return cond.all.every((c) => holds(c, line, vars, expect));
    case 'or':
      return cond.any.some((c) => holds(c, line, vars, expect));
    case 'not':
      return !holds(cond.cond, line, vars, expect);
    default:
      // An IR from a newer compiler with a condition kind this runtime does not know never matches.
      return false;
  }
}

function compare(a: number, op: '>=' | '>' | '<=' | '<' | '==' | '!=', b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    default:
      return false;
  }
}

/** Move and element ids a condition looks for (what counts as progress at a node). */
export function movesIn(cond: Condition | null, out = new Set<string>()): Set<string> {
  if (!cond) return out;
  if (cond.kind === 'move') out.add(cond.move);
  else if (cond.kind === 'and') cond.all.forEach((c) => movesIn(c, out));
  else if (cond.kind === 'or') cond.any.forEach((c) => movesIn(c, out));
  // `not x` names a move the branch wants absent: it is not progress.
  return out;
}
