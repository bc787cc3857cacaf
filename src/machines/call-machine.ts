/**
 * The call machine: `setup({ types, guards, actions }).createMachine(callConfig(scenario))`. Guards and actions read
 * the scenario and the archetype table through a closure; the config itself is plain data (see config.ts).
 */
import { assign, setup } from 'xstate';
import { DISCLOSURE_MOVE, type Condition, type Effect, type Outcome, type OutcomeCode, type Scenario, type ScenarioNode } from '../scenarios/ir.ts';
import { ARCHETYPE_SPECS } from './archetypes.ts';
import { callConfig } from './config.ts';
import { clamp, initialContext, paramsOf, type CallContext, type CallInput, type TurnInput, type Vars } from './context.ts';
import { holds, movesIn } from './conditions.ts';
import { BUILT_IN_LINES } from './endings.ts';
import { SILENT_LINE, type LineFacts } from './line.ts';
import { moodOf, personaEnds, promiseHolds, react, type Persona, type Reaction } from './react.ts';
import { pickIndex } from './rng.ts';
import type { Hearing } from './signals.ts';

export type CallEvent =
  | { type: 'SAY'; line: LineFacts }
  | { type: 'CHOOSE'; index: number; line: LineFacts }
  | { type: 'SILENCE' }
  | { type: 'HANG_UP' };

const ENDS_BADLY = new Set<OutcomeCode>(['hung_up', 'complaint', 'refused']);

function lineOf(event: CallEvent): LineFacts {
  // A SAY/CHOOSE without a line (a malformed event) is heard as nothing rather than crashing a guard.
  return (event.type === 'SAY' || event.type === 'CHOOSE') && event.line ? event.line : SILENT_LINE;
}

function applyEffects(vars: Vars, effects: readonly Effect[]): Vars {
  const out = { ...vars };
  for (const e of effects) out[e.var] = clamp(e.op === 'set' ? e.value : out[e.var] + e.value);
  return out;
}

/** Builds the XState machine for one scenario. */
export function createCallMachine(scenario: Scenario) {
  const persona: Persona = { spec: ARCHETYPE_SPECS[scenario.persona.archetype], params: paramsOf(scenario), difficulty: scenario.difficulty };
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n]));
  const hearings = new Map<string, Hearing>();
  const hearingAt = (ctx: CallContext): Hearing => {
    let h = hearings.get(ctx.node);
    const n = nodes.get(ctx.node)!;
    if (!h) {
      // Progress = what the node expects or what its branches look for, except on the way to a bad ending.
      const wanted = new Set(n.expect);
      for (const b of n.branches) if (!ENDS_BADLY.has(nodes.get(b.target)?.end?.code as OutcomeCode)) movesIn(b.when, wanted);
      h = { party: n.party, verified: ctx.verified, wanted, ability_to_pay: persona.params.ability_to_pay || scenario.hidden.can_pay };
      hearings.set(ctx.node, h);
    }
    return h.verified === ctx.verified ? h : { ...h, verified: ctx.verified };
  };
  // Guards and the `hear` action all need the same reaction for one (context, event): compute it once.
  let memo: { ctx: CallContext; ev: CallEvent; r: Reaction } | null = null;
  const reaction = (ctx: CallContext, ev: CallEvent): Reaction => {
    if (memo && memo.ctx === ctx && memo.ev === ev) return memo.r;
    const r = react(persona, ctx, lineOf(ev), hearingAt(ctx));
    memo = { ctx, ev, r };
    return r;
  };

  const speak = (ctx: CallContext, node: ScenarioNode, vars: Vars) => {
    const mood = moodOf(vars);
    let pool = node.lines.filter((l) => l.mood === mood);
    if (!pool.length) pool = node.lines.filter((l) => l.mood === 'calm');
    if (!pool.length) pool = node.lines;
    const [i, rng] = pool.length > 1 ? pickIndex(ctx.rng, pool.length) : [0, ctx.rng];
    const line = pool[i];
    const reply = { node: node.id, text: line?.text ?? '', mood: line?.mood ?? mood, line: line?.line ?? node.line };
    return { mood, rng, reply };
  };

  const machine = setup({
    types: {} as { context: CallContext; events: CallEvent; input: CallInput; output: Outcome | null },
    guards: {
      complains: ({ context, event }) => personaEnds(persona.spec, reaction(context, event)) === 'complaint',
      hangsUp: ({ context, event }) => personaEnds(persona.spec, reaction(context, event)) === 'hung_up',
      branch: ({ context, event }, p: { when: Condition | null; promise: boolean }) => {
        const r = reaction(context, event);
        const line = lineOf(event);
        if (p.when && !holds(p.when, line, r.vars, nodes.get(context.node)!.expect)) return false;
        return !p.promise || promiseHolds(persona, context, line, r);
      },
      chose: ({ event }, p: { index: number }) => event.type === 'CHOOSE' && event.index === p.index,
    },
    actions: {
      hear: assign(({ context, event }, p: { input: TurnInput }) => {
        const line = lineOf(event);
        const r = reaction(context, event);
        return {
          vars: r.vars,
          rng: r.rng,
          turn: context.turn + 1,
          disclosed: context.disclosed || r.signals.includes('premature_disclosure'),
          disclosure_given: context.disclosure_given || line.moves.includes(DISCLOSURE_MOVE),
          terms: { amount: line.terms.amount ?? context.terms.amount, date: context.terms.date || line.terms.date },
          history: [
            ...context.history,
            {
              turn: context.turn + 1,
              node: context.node,
              input: p.input,
              option: event.type === 'CHOOSE' ? event.index : null,
              moves: line.moves,
              tone: line.silence ? 'silence' : line.tone.label,
              findings: line.findings.map((f) => f.category),
              signals: r.signals,
              vars: r.vars,
            },
          ],
        };
      }),
      effects: assign(({ context }, p: { effects: Effect[] }) => ({ vars: applyEffects(context.vars, p.effects) })),
      optionEffects: assign(({ context, event }, p: { node: string }) => {
        const option = event.type === 'CHOOSE' ? nodes.get(p.node)?.options[event.index] : undefined;
        return { vars: applyEffects(context.vars, option?.effects ?? []) };
      }),
      personaEnds: assign({ ended_by: 'persona' as const }),
      traineeEnds: assign({ ended_by: 'trainee' as const }),
      enter: assign(({ context }, p: { node: string }) => {
        const node = nodes.get(p.node)!;
        const vars = applyEffects(context.vars, node.effects);
        const { mood, rng, reply } = speak(context, node, vars);
        return {
          node: node.id,
          stage: node.stage,
          verified: context.verified || node.verifies || node.verified,
          cease_request: context.cease_request || node.cease,
          vars,
          mood,
          rng,
          reply,
          replies: [...context.replies, reply],
          outcome: node.end,
          ended_by: node.end ? (context.ended_by ?? 'script') : null,
        };
      }),
      enterBuiltIn: assign(({ context }, p: { node: string; code: 'hung_up' | 'complaint' }) => {
        const outcome: Outcome = { code: p.code, amount: null, date: null };
        if (context.ended_by === 'trainee') return { node: p.node, stage: 'closing' as const, reply: null, outcome };
        const pool = BUILT_IN_LINES[p.code][scenario.lang];
        const [i, rng] = pickIndex(context.rng, pool.length);
        const reply = { node: p.node, text: pool[i], mood: 'annoyed' as const, line: 0 };
        return { node: p.node, stage: 'closing' as const, rng, mood: 'annoyed' as const, reply, replies: [...context.replies, reply], outcome };
      }),
    },
  });
  const config = callConfig(scenario);
  return machine.createMachine({
    ...(config as unknown as Parameters<typeof machine.createMachine>[0]),
    context: ({ input }) => initialContext(scenario, input),
    output: ({ context }) => context.outcome,
  });
}

export type CallMachine = ReturnType<typeof createCallMachine>;
