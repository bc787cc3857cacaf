/** The one meaning of the scenario IR: conditions of every kind, effects with one rounding, the starting state. */
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/scenarios/ir.ts';
import {
  applyEffects,
  holds,
  initialVars,
  SILENT_LINE,
  wantedIn,
  type LineFacts,
} from '../../src/scenarios/semantics/index.ts';

const heard = (p: Partial<LineFacts>): LineFacts => ({ ...SILENT_LINE, silence: false, ...p });
const vars = { trust: 50, irritation: 20, patience: 60, willingness: 40 };

describe('conditions', () => {
  it('reads a script element as covered by the line (right_party_question), not as a move', () => {
    const asked = heard({ elements: ['right_party_question'] });
    expect(holds({ kind: 'element', element: 'right_party_question' }, asked, vars, [])).toBe(true);
    expect(holds({ kind: 'element', element: 'right_party_question' }, heard({}), vars, [])).toBe(false);
    expect(holds({ kind: 'move', move: 'right_party_question' }, asked, vars, [])).toBe(false);
  });

  it('gives silence no tone and no completeness', () => {
    expect(holds({ kind: 'tone', tone: 'neutral' }, SILENT_LINE, vars, [])).toBe(false);
    expect(holds({ kind: 'elements_complete' }, SILENT_LINE, vars, [])).toBe(false);
    expect(holds({ kind: 'silence' }, SILENT_LINE, vars, [])).toBe(true);
  });

  it('throws on a condition kind it does not know instead of reading it as false', () => {
    const future = { kind: 'sentiment', value: 'warm' } as unknown as Condition;
    expect(() => holds(future, heard({}), vars, [])).toThrow(/Unknown condition kind "sentiment"/);
    expect(() => holds({ kind: 'not', cond: future }, heard({}), vars, [])).toThrow(/sentiment/);
    expect(() => wantedIn(future)).toThrow(/sentiment/);
  });

  it('counts element conditions as progress at a node', () => {
    const when: Condition = {
      kind: 'or',
      any: [
        { kind: 'element', element: 'right_party_question' },
        { kind: 'move', move: 'verify_identity' },
      ],
    };
    expect([...wantedIn(when)].sort()).toEqual(['right_party_question', 'verify_identity']);
  });
});

describe('state', () => {
  it('rounds and clamps once, whoever applies the effect', () => {
    expect(
      applyEffects(vars, [
        { var: 'trust', op: 'add', value: 2.6 },
        { var: 'irritation', op: 'add', value: -50 },
        { var: 'patience', op: 'set', value: 140 },
      ]),
    ).toEqual({
      trust: 53,
      irritation: 0,
      patience: 100,
      willingness: 40,
    });
  });

  it('starts from the archetype and the difficulty: a complainant calls in angry, a hard call has less patience', () => {
    const persona = {
      archetype: 'complainant' as const,
      params: { patience: 35, trust: 20, irritability: 70, resolve: 60, ability_to_pay: 0 },
    };
    expect(initialVars({ persona, difficulty: 2 })).toEqual({
      trust: 20,
      irritation: 60,
      patience: 35,
      willingness: 40,
    });
    expect(initialVars({ persona, difficulty: 3 })).toEqual({
      trust: 20,
      irritation: 60,
      patience: 26,
      willingness: 30,
    });
  });
});
