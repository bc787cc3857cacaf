/**
 * Branch conditions (IR data, never eval'd) over a heard line and the persona's state: the one meaning of every
 * `Condition` kind, for the compiler's playthrough and the live call machine alike.
 */
import type { Branch, Condition, ScenarioNode } from '../ir.ts';
import type { LineFacts } from './line.ts';
import type { Vars } from './state.ts';

/** What a condition reads from a line: its facts, minus the promise terms only the persona's reaction uses. */
export type Heard = Pick<LineFacts, 'moves' | 'elements' | 'tone' | 'findings' | 'silence'>;

type Op = Extract<Condition, { kind: 'state' }>['op'];

/** True when `cond` holds for this line, the node's `expect` list and the (post-reaction) persona state. */
export function holds(cond: Condition, line: Heard, vars: Vars, expect: readonly string[]): boolean {
  switch (cond.kind) {
    case 'move':
      return line.moves.includes(cond.move);
    case 'element':
      return line.elements.includes(cond.element);
    case 'tone':
      // A timeout has no tone: `tone neutral` must not match silence.
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
    default: {
      // An IR from a newer compiler: refuse it loudly rather than read an unknown condition as false.
      const unknown: never = cond;
      throw new Error(
        `Unknown condition kind ${JSON.stringify((unknown as { kind: unknown }).kind)}; recompile the script with this version.`,
      );
    }
  }
}

function compare(a: number, op: Op, b: number): boolean {
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
    default: {
      const unknown: never = op;
      throw new Error(`Unknown comparison ${JSON.stringify(unknown)} in a state condition.`);
    }
  }
}

/** Index of the first branch of `node` whose condition holds (`else` always does); -1 when none does. */
export function firstBranch(
  node: Pick<ScenarioNode, 'branches' | 'expect'>,
  line: Heard,
  vars: Vars,
  accept: (b: Branch) => boolean = () => true,
): number {
  return node.branches.findIndex((b) => (b.when === null || holds(b.when, line, vars, node.expect)) && accept(b));
}

/** Move and element ids a condition looks for (what counts as progress at a node). */
export function wantedIn(cond: Condition | null, out = new Set<string>()): Set<string> {
  if (!cond) return out;
  switch (cond.kind) {
    case 'move':
      out.add(cond.move);
      break;
    case 'element':
      out.add(cond.element);
      break;
    case 'and':
      cond.all.forEach((c) => wantedIn(c, out));
      break;
    case 'or':
      cond.any.forEach((c) => wantedIn(c, out));
      break;
    // `not x` names something the branch wants absent: it is not progress. The rest name no move or element.
    case 'not':
    case 'tone':
    case 'finding':
    case 'state':
    case 'elements_complete':
    case 'silence':
      break;
    default: {
      const unknown: never = cond;
      throw new Error(`Unknown condition kind ${JSON.stringify((unknown as { kind: unknown }).kind)}.`);
    }
  }
  return out;
}

/** Whether a branch condition looks for a violation or a rude line (its target is the script's reaction to one). */
export function blames(cond: Condition | null): boolean {
  if (!cond) return false;
  switch (cond.kind) {
    case 'finding':
      return true;
    case 'move':
      return cond.move === 'disclose_debt' || cond.move === 'threaten';
    case 'tone':
      return cond.tone === 'rude';
    case 'and':
      return cond.all.some(blames);
    case 'or':
      return cond.any.some(blames);
    case 'not':
    case 'element':
    case 'state':
    case 'elements_complete':
    case 'silence':
      return false;
    default: {
      const unknown: never = cond;
      throw new Error(`Unknown condition kind ${JSON.stringify((unknown as { kind: unknown }).kind)}.`);
    }
  }
}
