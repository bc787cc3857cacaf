/**
 * Pure `transition()` tests per archetype on one small hand-made scenario: the same trainee lines, different
 * personas, measurably different calls.
 */
import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { createCallMachine, type CallEvent } from '../../src/machines/index.ts';
import type { Archetype } from '../../src/scenarios/ir.ts';
import { line, tinyScenario } from './fixture.ts';

function play(
  archetype: Archetype,
  events: CallEvent[],
  opts: { difficulty?: 1 | 2 | 3; seed?: number; party?: 'debtor' | 'third_party' } = {},
) {
  const machine = createCallMachine(tinyScenario(archetype, opts.difficulty ?? 2, opts.party));
  let [snap] = initialTransition(machine, { seed: opts.seed ?? 1 });
  const trail = [snap];
  for (const e of events) {
    [snap] = transition(machine, snap, e);
    trail.push(snap);
  }
  return { snap, trail, ctx: snap.context };
}

const say = (p: Parameters<typeof line>[0]): CallEvent => ({ type: 'SAY', line: line(p) });
const rudeVerify = say({ moves: ['verify_identity'], tone: 'rude' });
const politeVerify = say({ moves: ['verify_identity', 'greet'], tone: 'polite' });
const plan = say({ moves: ['offer_plan'], tone: 'polite', amount: 1200 });
const vaguePromise = say({ moves: ['confirm_promise'], tone: 'polite' });
const firmPromise = say({ moves: ['confirm_promise'], tone: 'polite', amount: 1200, date: true });

describe('archetypes react differently to the same line', () => {
  it('a rude right-party question: the cooperative cardholder stays, the hostile evader hangs up', () => {
    const coop = play('cooperative', [rudeVerify]);
    const evader = play('hostile_evader', [rudeVerify]);
    expect(coop.ctx.node).toBe('talk');
    expect(coop.snap.status).toBe('active');
    expect(evader.ctx.node).toBe('hung-up');
    expect(evader.ctx.outcome?.code).toBe('hung_up');
    expect(evader.ctx.ended_by).toBe('persona');
    expect(evader.ctx.vars.irritation).toBeGreaterThanOrEqual(65);
  });

  it('a vague promise: accepted from the cooperative cardholder, not from the staller until amount and date are stated', () => {
    expect(play('cooperative', [politeVerify, plan, vaguePromise]).ctx.outcome?.code).toBe('ptp');
    expect(play('staller', [politeVerify, plan, vaguePromise]).ctx.outcome?.code).toBe('callback_scheduled');
    expect(play('staller', [politeVerify, plan, firmPromise]).ctx.outcome?.code).toBe('ptp');
  });

  it('the staller counts a vague promise as a win for itself: willingness drops, trust rises', () => {
    const before = play('staller', [politeVerify, plan]).ctx.vars;
    const { ctx } = play('staller', [politeVerify, plan, say({ moves: ['request_promise'] })]);
    expect(ctx.history.at(-1)?.signals).toContain('vague_promise');
    expect(ctx.history.at(-1)!.vars.trust).toBeGreaterThan(before.trust);
    expect(ctx.outcome?.code).toBe('callback_scheduled');
    expect(ctx.history.at(-1)!.vars.willingness).toBeLessThan(before.willingness);
  });

  it('debt mentioned to a spouse becomes a complaint; to a colleague, a hang-up; a neutral line does neither', () => {
    const disclose = say({ moves: ['verify_identity', 'disclose_debt'], findings: ['premature_disclosure'] });
    const spouse = play('spouse', [disclose], { party: 'third_party' });
    const colleague = play('colleague', [disclose], { party: 'third_party' });
    expect(spouse.ctx.outcome?.code).toBe('complaint');
    expect(spouse.ctx.node).toBe('__complaint');
    expect(spouse.ctx.reply?.text).toMatch(/投诉/);
    expect(colleague.ctx.outcome?.code).toBe('hung_up');
    expect(play('spouse', [politeVerify], { party: 'third_party' }).ctx.node).toBe('talk');
    expect(spouse.ctx.disclosed).toBe(true);
  });

  it('verification questions corner the fraudster but reassure the suspicious cardholder', () => {
    const fraud = play('fraud', [politeVerify]).trail;
    const suspicious = play('suspicious', [politeVerify]).trail;
    expect(fraud[1].context.vars.irritation).toBeGreaterThan(fraud[0].context.vars.irritation);
    expect(suspicious[1].context.vars.trust).toBeGreaterThan(suspicious[0].context.vars.trust + 8);
    expect(suspicious[1].context.vars.irritation).toBeLessThan(suspicious[0].context.vars.irritation);
  });

  it('the complainant is calmed by empathy and escalates to a complaint on a rude line', () => {
    const empathy = say({ moves: ['empathise', 'apologise'], tone: 'polite' });
    const calmed = play('complainant', [politeVerify, empathy]).ctx;
    expect(calmed.vars.irritation).toBeLessThan(45);
    const escalated = play('complainant', [politeVerify, say({ tone: 'rude' })]).ctx;
    expect(escalated.outcome?.code).toBe('complaint');
  });

  it('silence: the lost-card caller hangs up after two, the cooperative cardholder waits', () => {
    const quiet: CallEvent[] = [politeVerify, { type: 'SILENCE' }, { type: 'SILENCE' }];
    expect(play('lost_card', quiet).ctx.outcome?.code).toBe('hung_up');
    expect(play('cooperative', quiet).snap.status).toBe('active');
  });

  it('the disputer complains when pressed again and again with consequences over a disputed charge; the evader is moved by them', () => {
    const consequence = say({ moves: ['state_consequence'] });
    const d = play('disputer', [politeVerify, consequence, consequence, consequence]).ctx;
    expect(d.outcome?.code).toBe('complaint');
    const e = play('hostile_evader', [politeVerify, consequence]).trail;
    expect(e[2].context.vars.willingness).toBeGreaterThan(e[1].context.vars.willingness);
  });

  it('every archetype answers a threat by ending the call or losing trust sharply', () => {
    const threat = say({ moves: ['threaten'], findings: ['threat'], tone: 'rude' });
    for (const a of [
      'cooperative',
      'staller',
      'hostile_evader',
      'fraud',
      'suspicious',
      'spouse',
      'colleague',
      'complainant',
      'lost_card',
      'disputer',
    ] as const) {
      const { trail } = play(a, [politeVerify, threat]);
      const [before, after] = [trail[1].context, trail[2].context];
      expect(after.outcome !== null || after.vars.trust <= before.vars.trust - 15, a).toBe(true);
    }
  });
});

describe('difficulty', () => {
  it('a rude line costs more irritation at difficulty 3 than at 1 (same seed)', () => {
    const rude = say({ moves: ['offer_plan'], tone: 'rude' });
    const rise = (d: 1 | 3) => {
      const t = play('cooperative', [politeVerify, rude], { difficulty: d }).trail;
      return t[2].context.vars.irritation - t[1].context.vars.irritation;
    };
    expect(rise(3)).toBeGreaterThan(rise(1));
  });

  it('patience starts lower and a promise is harder to get at difficulty 3', () => {
    expect(play('staller', [], { difficulty: 3 }).ctx.vars.patience).toBeLessThan(
      play('staller', [], { difficulty: 1 }).ctx.vars.patience,
    );
    expect(play('staller', [politeVerify, plan, firmPromise], { difficulty: 1 }).ctx.outcome?.code).toBe('ptp');
    expect(play('staller', [politeVerify, plan, firmPromise], { difficulty: 3 }).ctx.outcome?.code).toBe(
      'callback_scheduled',
    );
  });
});

describe('call mechanics', () => {
  it('starts at the start node with the archetype state and a persona line', () => {
    const { ctx } = play('cooperative', []);
    expect(ctx).toMatchObject({ node: 'opening', stage: 'opening', verified: false, turn: 0, outcome: null });
    expect(ctx.vars).toEqual({ trust: 45, irritation: 10, patience: 70, willingness: 70 });
    expect(ctx.reply).toEqual({ node: 'opening', text: '(opening)', mood: 'calm', line: 1 });
  });

  it('the same seed replays the same lines; other seeds vary the line chosen within the mood', () => {
    const empathy = say({ moves: ['empathise'] });
    const events = [say({ moves: ['verify_identity'] }), empathy, empathy, empathy];
    const texts = (seed: number) => play('staller', events, { seed }).ctx.replies.map((r) => r.text);
    expect(texts(7)).toEqual(texts(7));
    const variants = new Set(Array.from({ length: 12 }, (_, i) => texts(i).join('|')));
    expect(variants.size).toBeGreaterThan(3);
  });

  it('other seeds vary reactions by a bounded jitter', () => {
    const rises = Array.from({ length: 20 }, (_, seed) => {
      const t = play('cooperative', [politeVerify, say({ tone: 'rude', moves: ['offer_plan'] })], { seed }).trail;
      return t[2].context.vars.irritation - t[1].context.vars.irritation;
    });
    expect(new Set(rises).size).toBeGreaterThan(1);
    expect(Math.max(...rises) - Math.min(...rises)).toBeLessThanOrEqual(4);
  });

  it('the trainee hanging up ends the call with no persona line', () => {
    const { snap, ctx } = play('cooperative', [politeVerify, { type: 'HANG_UP' }]);
    expect(snap.status).toBe('done');
    expect(ctx).toMatchObject({
      node: '__trainee_hung_up',
      ended_by: 'trainee',
      reply: null,
      outcome: { code: 'hung_up' },
    });
  });

  it('a guided option with a target goes there and applies its effects; one without is judged by the branches', () => {
    const to = play('cooperative', [politeVerify, { type: 'CHOOSE', index: 0, line: line({}) }]).trail;
    expect(to[2].context.node).toBe('offer');
    expect(to[2].context.vars.trust - to[1].context.vars.trust).toBeGreaterThanOrEqual(5);
    const judged = play('cooperative', [
      politeVerify,
      { type: 'CHOOSE', index: 1, line: line({ moves: ['offer_plan'] }) },
    ]);
    expect(judged.ctx.node).toBe('offer');
    expect(play('cooperative', [politeVerify, { type: 'CHOOSE', index: 1, line: line({}) }]).ctx.node).toBe('refused');
  });

  it('verification holds from the node whose persona line confirms the right party', () => {
    const t = play('cooperative', [politeVerify]).trail;
    expect(t[0].context.verified).toBe(false);
    expect(t[1].context.verified).toBe(true);
  });

  it('the context survives a JSON round trip unchanged', () => {
    const { ctx } = play('staller', [politeVerify, plan, vaguePromise]);
    expect(JSON.parse(JSON.stringify(ctx))).toEqual(ctx);
  });
});
