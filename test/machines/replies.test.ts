/**
 * In-character replies (issue 13 item 2) on the bundled scenarios, with hand-made assessed lines and the pure
 * `transition()`: the persona never recites a scripted answer nobody asked for, protests a threat, repeats back the
 * name and number the trainee left, shows the mood its words carry, ends the call on a goodbye once its purpose is
 * met, and lets the script's own protest at a violation play before the archetype's generic ending.
 */
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { createCallMachine, type CallEvent, type CallMachine } from '../../src/machines/index.ts';
import { contentScenario } from './content.ts';
import { withReplies } from '../../src/cli/replies-node.ts';
import { line, tinyScenario } from './fixture.ts';
import { impliedMoves } from '../../src/scenarios/semantics/line.ts';

type Said = Parameters<typeof line>[0] & { said?: { caller: string | null; callback: string | null } };
const say = ({ said, ...p }: Said): CallEvent => ({ type: 'SAY', line: { ...line(p), ...(said ? { said } : {}) } });

/** Plays `events` on a fresh call of scenario `id` (seed 1) and returns the last snapshot. */
function play(id: string, events: CallEvent[], seed = 1): SnapshotFrom<CallMachine> {
  const machine = createCallMachine(contentScenario(id));
  let [snap] = initialTransition(machine, { seed });
  for (const e of events) [snap] = transition(machine, snap, e);
  return snap;
}

const opening = say({
  moves: ['greet', 'identify_self', 'state_org'],
  elements: ['right_party_question'],
  tone: 'polite',
});

describe('in-character replies', { timeout: 60_000 }, () => {
  it('answers a threat with a protest, not the date of birth its next node scripts', () => {
    const scenario = contentScenario('en-first-contact');
    const dob = scenario.nodes.find((n) => n.id === 'verified')!.lines.map((l) => l.text);
    const snap = play('en-first-contact', [
      opening,
      say({ moves: ['disclose_debt', 'threaten'], findings: ['misrepresentation'] }),
    ]);
    expect(snap.context.node).toBe('verified');
    expect(dob).not.toContain(snap.context.reply?.text);
    expect(scenario.replies?.intents.protest?.map((l) => l.text)).toContain(snap.context.reply?.text);
    expect(snap.context.reply?.mood).toBe('annoyed');
  });

  it('gives the date of birth only to a line (or the turn before) that asked for it', () => {
    const dob = contentScenario('en-first-contact')
      .nodes.find((n) => n.id === 'verified')!
      .lines.map((l) => l.text);
    const debt = play('en-first-contact', [
      opening,
      say({ moves: ['state_purpose', 'disclose_debt'], tone: 'polite' }),
    ]);
    expect(debt.context.node).toBe('verified');
    expect(dob).not.toContain(debt.context.reply?.text);
    const asked = play('en-first-contact', [opening, say({ moves: ['thank', 'verify_identity'], tone: 'polite' })]);
    expect(dob).toContain(asked.context.reply?.text);
  });

  it('repeats back the name and number the trainee left, and no other', () => {
    const to = (caller: string, callback: string, seed: number) =>
      play(
        'en-third-party-roommate',
        [
          say({
            moves: ['greet', 'identify_self'],
            elements: ['right_party_question'],
            tone: 'polite',
            said: { caller, callback: null },
          }),
          say({ moves: ['identify_self', 'give_callback_number'], tone: 'polite', said: { caller: null, callback } }),
          say({ moves: ['thank', 'apologise'], tone: 'polite' }),
        ],
        seed,
      ).context;
    const replies = [1, 2, 3, 4, 5, 6].map((seed) => to('Alex Kim', '800-555-0199', seed).reply!.text);
    expect(replies.every((r) => r.includes('Alex Kim, 800-555-0199.'))).toBe(true);
    for (const r of replies) expect(r).not.toContain('Sam Patel');
    const nameless = play('en-third-party-roommate', [
      say({ moves: ['greet'], elements: ['right_party_question'], tone: 'polite' }),
      say({ moves: ['give_callback_number'], tone: 'polite' }),
      say({ moves: ['thank', 'apologise'], tone: 'polite' }),
    ]).context.reply!.text;
    expect(nameless).not.toMatch(/\{|Sam Patel/);
  });

  it('does not ask for the company once the caller has named it', () => {
    const named = play('en-third-party-roommate', [
      say({ moves: ['greet', 'identify_self', 'state_org'], elements: ['right_party_question'], tone: 'polite' }),
    ]);
    expect(named.context.node).toBe('not-home');
    expect(named.context.reply?.text).not.toMatch(/company|who are you with/i);
  });

  it('shows a shouted line as annoyed, whatever mood it was written under', () => {
    const snap = play('zh-first-contact-evader', [
      say({ moves: ['greet', 'identify_self', 'state_org', 'verify_identity'], tone: 'polite' }),
      say({ moves: ['verify_identity'], tone: 'polite' }),
      say({ moves: [], tone: 'neutral' }),
    ]);
    expect(snap.context.node).toBe('hostile');
    expect(snap.context.reply?.text).toMatch(/！/);
    expect(snap.context.reply?.mood).toBe('annoyed');
    expect(snap.context.mood).toBe('annoyed');
  });

  it('ends the call with the message left when the trainee says goodbye after leaving it', () => {
    const snap = play('en-third-party-roommate', [
      say({ moves: ['greet', 'identify_self'], elements: ['right_party_question'], tone: 'polite' }),
      say({ moves: ['identify_self', 'give_callback_number'], tone: 'polite' }),
      say({ moves: ['close'] }),
    ]);
    expect(snap.status).toBe('done');
    expect(snap.context.outcome?.code).toBe('third_party_message');
    expect(snap.context.node).toBe('left-message');
  });

  it('does not end the call on a goodbye before its purpose is met', () => {
    const snap = play('en-third-party-roommate', [
      say({ moves: ['greet', 'identify_self'], elements: ['right_party_question'], tone: 'polite' }),
      say({ moves: ['close'] }),
    ]);
    expect(snap.context.outcome?.code).not.toBe('third_party_message');
  });

  it("plays the script's own protest at a premature disclosure before the archetype's generic ending", () => {
    for (const seed of [1, 2, 3]) {
      const snap = play(
        'zh-first-contact-evader',
        [
          say({ moves: ['greet', 'identify_self', 'state_org', 'verify_identity'], tone: 'polite' }),
          say({ moves: ['disclose_debt'], findings: ['premature_disclosure'] }),
        ],
        seed,
      );
      expect(snap.context.node).toBe('exposed');
    }
    const spouse = play('zh-third-party-spouse', [
      say({ moves: ['greet', 'identify_self', 'state_org', 'verify_identity'], tone: 'polite' }),
      say({ moves: ['disclose_debt'], findings: ['third_party'] }),
    ]);
    expect(spouse.context.node).toBe('disclosed');
    expect(spouse.context.reply?.text).toMatch(/信用卡没还|瞒着我/);
  });

  it('answers a line no branch takes in character: asks to repeat, objects to a question already answered', () => {
    // The tiny script's `talk` node without its fallback: a line none of its branches take stays there.
    const tiny = withReplies(tinyScenario('cooperative'));
    const scenario = {
      ...tiny,
      nodes: tiny.nodes.map((n) =>
        n.id === 'talk' ? { ...n, branches: n.branches.filter((b) => b.when !== null) } : n,
      ),
    };
    const machine = createCallMachine(scenario);
    let [snap] = initialTransition(machine, { seed: 1 });
    const step = (e: CallEvent) => ([snap] = transition(machine, snap, e));
    step(say({ moves: ['greet', 'identify_self', 'verify_identity'], tone: 'polite' }));
    expect(snap.context.node).toBe('talk');
    step(say({}));
    expect(snap.context.node).toBe('talk');
    expect(scenario.replies!.intents.repeat!.map((l) => l.text)).toContain(snap.context.reply?.text);
    step(say({ moves: ['verify_identity'] }));
    expect(scenario.replies!.intents.already_answered!.map((l) => l.text)).toContain(snap.context.reply?.text);
  });

  it('a verified cardholder asked for an identifier gives one and stays, instead of objecting or moving on', () => {
    // zh-first-contact-tight-money: `verify` confirms identity; its fallback (`verify-again`) is for a line with no purpose.
    const verified = play('zh-first-contact-tight-money', [
      opening,
      say({ moves: ['verify_identity'], tone: 'polite' }),
    ]);
    expect(verified.context.node).toBe('verify');
    const asked = { ...line({ moves: ['verify_identity'], tone: 'polite' }), asksIdentifier: 'id' as const };
    const machine = createCallMachine(contentScenario('zh-first-contact-tight-money'));
    const [snap] = transition(machine, verified, { type: 'SAY', line: asked });
    expect(snap.context.node).toBe('verify');
    expect(snap.context.reply?.text).toMatch(/\d{4}/);
    expect(snap.context.reply?.text).not.toMatch(/说过/);
  });

  it('a read-back of amount and date where the script asks for the promise ends the call with it', () => {
    // At `offer` the persona is weighing the plan; a full read-back is the request and the confirmation at once.
    const scenario = contentScenario('zh-first-contact-tight-money');
    const toOffer = [
      opening,
      say({ moves: ['verify_identity'], tone: 'polite' }),
      say({ moves: ['disclose_debt', 'state_purpose'], tone: 'polite' }),
      say({ moves: ['empathise', 'ask_reason'], tone: 'polite' }),
      say({ moves: ['empathise', 'state_consequence', 'offer_plan'], tone: 'polite' }),
    ];
    expect(play(scenario.id, toOffer).context.node).toBe('offer');
    // As the persona hears them (lineFacts adds what a read-back of the terms implies).
    const terms = { amount: 1286, date: true };
    const readBack = play(scenario.id, [
      ...toOffer,
      say({ moves: impliedMoves(['confirm_promise'], terms), tone: 'polite', ...terms }),
    ]);
    expect(readBack.context.outcome?.code).toBe('ptp');
    const vague = play(scenario.id, [
      ...toOffer,
      say({ moves: impliedMoves(['confirm_promise'], { amount: null, date: false }), tone: 'polite' }),
    ]);
    expect(vague.context.outcome?.code).not.toBe('ptp');
  });
});
