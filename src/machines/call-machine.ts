/**
 * The call machine: `setup({ types, guards, actions }).createMachine(callConfig(scenario))`. Guards and actions read
 * the scenario through a closure; the config itself is plain data (see config.ts). What a turn means (the persona's
 * reaction, persona-ended calls, branch conditions, promises, effects) is the scenario semantics' `decide`, the same
 * function the compiler's playthrough runs.
 */
import { assign, setup } from 'xstate';
import { DISCLOSURE_MOVE, type Effect, type Outcome, type Scenario } from '../scenarios/ir.ts';
import {
  afterLine,
  applyEffects,
  decide,
  entered,
  fillSlots,
  heard,
  IDENTIFYING,
  identifierOf,
  pickIndex,
  pickReply,
  replyCue,
  rulesOf,
  SILENT_LINE,
  spokenMood,
  type Decision,
  type LineFacts,
  type Reaction,
} from '../scenarios/semantics/index.ts';
import { callConfig } from './config.ts';
import { initialContext, type CallContext, type CallInput, type TurnInput } from './context.ts';
import { BUILT_IN_LINES } from './endings.ts';

const ENDS_BADLY = new Set(['hung_up', 'complaint', 'refused']);

export type CallEvent =
  | { type: 'SAY'; line: LineFacts }
  | { type: 'CHOOSE'; index: number; line: LineFacts }
  | { type: 'SILENCE' }
  | { type: 'HANG_UP' };

function lineOf(event: CallEvent): LineFacts {
  // A SAY/CHOOSE without a line (a malformed event) is heard as nothing rather than crashing a guard.
  return (event.type === 'SAY' || event.type === 'CHOOSE') && event.line ? event.line : SILENT_LINE;
}

/** Builds the XState machine for one scenario. */
export function createCallMachine(scenario: Scenario) {
  const rules = rulesOf(scenario);
  const nodes = rules.nodes;
  // Guards and the `hear` action all need the same decision for one (context, event): compute it once.
  let memo: { ctx: CallContext; ev: CallEvent; turn: { reaction: Reaction; decision: Decision } } | null = null;
  const turn = (ctx: CallContext, ev: CallEvent) => {
    if (memo && memo.ctx === ctx && memo.ev === ev) return memo.turn;
    const t = decide(rules, nodes.get(ctx.node)!, ctx, lineOf(ev));
    memo = { ctx, ev, turn: t };
    return t;
  };
  const ends = (ctx: CallContext, ev: CallEvent, code: 'complaint' | 'hung_up') => {
    const d = turn(ctx, ev).decision;
    return d.kind === 'persona_ends' && d.code === code;
  };

  const machine = setup({
    types: {} as { context: CallContext; events: CallEvent; input: CallInput; output: Outcome | null },
    guards: {
      complains: ({ context, event }) => ends(context, event, 'complaint'),
      hangsUp: ({ context, event }) => ends(context, event, 'hung_up'),
      branch: ({ context, event }, p: { index: number }) => {
        const d = turn(context, event).decision;
        return d.kind === 'branch' && d.index === p.index;
      },
      closes: ({ context, event }, p: { target: string }) => {
        const d = turn(context, event).decision;
        return d.kind === 'closes' && d.target === p.target;
      },
      chose: ({ event }, p: { index: number }) => event.type === 'CHOOSE' && event.index === p.index,
    },
    actions: {
      hear: assign(({ context, event }, p: { input: TurnInput; cue?: boolean }) => {
        const line = lineOf(event);
        const { reaction: r, decision } = turn(context, event);
        const node = nodes.get(context.node)!;
        const { vars, rng, terms, met } = heard(rules, node, context, line, r);
        const identified =
          context.identified || IDENTIFYING.some((id) => line.moves.includes(id) || line.elements.includes(id));
        // On a turn `decide` routed (`cue`), how the node it leads to should answer: from the repertoire when its
        // scripted line would not fit this line (see semantics/cue.ts), else its line (or its `after` override).
        const memory = {
          earlier: context.history.flatMap((h) => h.moves),
          previous: context.history.at(-1)?.moves ?? [],
          identified,
          verified: context.verified,
        };
        // `moves` are the whole call's: a node's `after` line applies once the trainee has made the move at any point.
        const intent = p.cue ? replyCue(rules, node, decision, line, r, memory) : null;
        const identifier =
          intent === 'identifier' && line.asksIdentifier ? identifierOf(scenario, line.asksIdentifier) : null;
        const cue = p.cue
          ? { intent, moves: [...memory.earlier, ...line.moves], elements: line.elements, identifier }
          : null;
        return {
          vars,
          rng,
          terms,
          met,
          identified,
          cue,
          slots: {
            caller: line.said?.caller ?? context.slots.caller,
            callback: line.said?.callback ?? context.slots.callback,
          },
          turn: context.turn + 1,
          disclosed: context.disclosed || r.signals.includes('premature_disclosure'),
          disclosure_given: context.disclosure_given || line.moves.includes(DISCLOSURE_MOVE),
          history: [
            ...context.history,
            {
              turn: context.turn + 1,
              node: context.node,
              input: p.input,
              option: event.type === 'CHOOSE' ? event.index : null,
              moves: line.moves,
              elements: line.elements,
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
        const { state, mood, line } = entered(context, node);
        let rng = state.rng;
        let said = line
          ? { text: line.text, mood: spokenMood(line, !!node.end && ENDS_BADLY.has(node.end.code)) }
          : { text: '', mood };
        // A turn the script has no answer for is answered in character from the repertoire, never with a scripted
        // answer to a question nobody asked; a node may also say something else after a given move.
        const cue = context.cue;
        const picked = cue?.intent
          ? pickReply(
              scenario.replies,
              node.id,
              cue.intent,
              { earlier: [], previous: [], identified: context.identified },
              rng,
            )
          : cue
            ? afterLine(
                scenario.replies,
                node.id,
                { ...SILENT_LINE, silence: false, moves: cue.moves, elements: cue.elements },
                rng,
              )
            : null;
        if (picked && !node.end) {
          rng = picked.rng;
          said = {
            text: picked.line.text,
            mood: picked.line.mood ?? spokenMood({ mood, text: picked.line.text }, false),
          };
        }
        const reply = {
          node: node.id,
          text: fillSlots(said.text, { ...context.slots, identifier: cue?.identifier ?? null }),
          mood: said.mood,
          line: line?.line ?? node.line,
        };
        return {
          node: node.id,
          stage: node.stage,
          verified: state.verified,
          cease_request: context.cease_request || node.cease,
          vars: state.vars,
          mood: said.mood,
          rng,
          cue: null,
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
        return {
          node: p.node,
          stage: 'closing' as const,
          rng,
          mood: 'annoyed' as const,
          reply,
          replies: [...context.replies, reply],
          outcome,
        };
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
