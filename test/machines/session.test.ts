/**
 * The session engine with the real scoring engine over content scenarios: replies and state per step, the scoring
 * context it builds, guided mode, and save/restore at every step continuing exactly like an uninterrupted call.
 */
import { describe, expect, it } from 'vitest';
import {
  createSession,
  restoreSession,
  SESSION_VERSION,
  SessionRestoreError,
  type Session,
  type StepResult,
} from '../../src/machines/index.ts';
import { nodeContext } from '../../src/scenarios/index.ts';
import { IR_VERSION, type Scenario } from '../../src/scenarios/ir.ts';
import { contentEngine, contentScenario, contentScenarios } from './content.ts';

const engine = contentEngine();

/** What a diligent trainee says at a node: the model answer, else the first option, else a plain acknowledgement. */
function lineAt(scenario: Scenario, nodeId: string, turn: number): string {
  const node = scenario.nodes.find((n) => n.id === nodeId)!;
  // Every third turn goes off-script so the persona's state and the branches are exercised too.
  if (turn % 3 === 2) return scenario.lang === 'zh' ? '嗯,这个嘛,你自己看着办。' : 'Well, whatever, you figure it out.';
  return node.model?.text ?? node.options[0]?.text ?? (scenario.lang === 'zh' ? '好的。' : 'Okay.');
}

function drive(session: Session, turns = 12, restoreEachStep = false) {
  const trail: unknown[] = [];
  let s = session;
  for (let t = 0; t < turns && !s.state.ended; t++) {
    if (restoreEachStep) s = restoreSession(s.scenario, JSON.parse(JSON.stringify(s.persist())), { engine });
    const r = t === 5 ? s.silence() : s.say(lineAt(s.scenario, s.state.node, t));
    trail.push({ reply: r.reply, state: r.state, findings: r.assessment?.findings.map((f) => f.rule) ?? null });
  }
  return trail;
}

describe('session engine', () => {
  it("answers the model line of the first node with the next node's persona line, judged in that node's context", () => {
    const scenario = contentScenario('zh-first-contact-tight-money');
    const session = createSession(scenario, { engine, seed: 4 });
    expect(session.reply?.node).toBe('opening');
    expect(session.scoringContext()).toMatchObject({
      party: 'debtor',
      verified: false,
      stage: 'opening',
      local_time: '19:10',
      jurisdiction: 'CN',
    });
    const r = session.say(scenario.nodes[0].model!.text);
    expect(r.assessment?.moves.map((m) => m.move)).toContain('verify_identity');
    expect(r.reply?.node).toBe('verify');
    expect(scenario.nodes.find((n) => n.id === 'verify')!.lines.map((l) => l.text)).toContain(r.reply?.text);
    expect(r.state).toMatchObject({ node: 'verify', stage: 'verification', verified: true, turn: 1, ended: false });
    expect(session.scoringContext()).toMatchObject({ verified: true, stage: 'verification' });
  });

  it('replays a call exactly with the same seed', () => {
    const scenario = contentScenario('zh-first-contact-staller');
    expect(drive(createSession(scenario, { engine, seed: 9 }))).toEqual(
      drive(createSession(scenario, { engine, seed: 9 })),
    );
  });

  it.each(contentScenarios().map((s) => [s.id, s] as const))(
    '%s: save/restore at every step continues identically',
    (_, scenario) => {
      for (const seed of [1, 2]) {
        const plain = drive(createSession(scenario, { engine, seed }));
        expect(drive(createSession(scenario, { engine, seed }), 12, true)).toEqual(plain);
        expect(plain.length).toBeGreaterThan(0);
      }
    },
  );

  it('guided mode: choosing an option returns its feedback and follows its target', () => {
    const scenario = contentScenario('zh-first-contact-tight-money');
    const session = createSession(scenario, { engine, seed: 1, mode: 'guided' });
    const bad = session.choose(2);
    expect(bad.option).toMatchObject({ quality: 'bad' });
    expect(bad.state).toMatchObject({ ended: true, outcome: { code: 'hung_up' } });
    expect(() => session.say('喂?')).toThrow(/ended/);
    expect(() => createSession(scenario, { engine, mode: 'exam' }).choose(0)).toThrow(/guided/);
  });

  it('the trainee can hang up; the persona then says nothing', () => {
    const session = createSession(contentScenario('zh-first-contact-tight-money'), { engine });
    const r = session.hangUp();
    expect(r.reply).toBeNull();
    expect(r.state).toMatchObject({ ended: true, ended_by: 'trainee', outcome: { code: 'hung_up' } });
  });

  it('refuses a snapshot of a newer format or another scenario with a clear error', () => {
    const a = contentScenario('zh-first-contact-tight-money');
    const b = contentScenario('zh-first-contact-staller');
    const saved = createSession(a, { engine }).persist();
    expect(saved).toMatchObject({
      kind: 'calldojo.session',
      version: SESSION_VERSION,
      scenario: { id: a.id, ir_version: IR_VERSION },
    });
    expect(() => restoreSession(b, saved, { engine })).toThrow(SessionRestoreError);
    expect(() => restoreSession(b, saved, { engine })).toThrow(/belongs to scenario "zh-first-contact-tight-money"/);
    expect(() => restoreSession(a, { ...saved, version: 99, min_compatible: 99 }, { engine })).toThrow(
      /format version 99/,
    );
    // An older scenario IR alone does not stop a call: it resumes while its node exists (test/machines/persist.test.ts).
    expect(restoreSession(a, { ...saved, scenario: { id: a.id, ir_version: 0 } }, { engine }).state.node).toBe(a.start);
    expect(() => restoreSession(a, { hello: 1 }, { engine })).toThrow(/Not a saved CallDojo session/);
  });
});

describe('compile-time lint and runtime agree', () => {
  const serious = (r: StepResult) => r.assessment!.findings.filter((f) => f.severity !== 'minor').map((f) => f.rule);

  it.each(contentScenarios().map((s) => [s.id, s] as const))(
    '%s: each model answer said on the call passes as it passed lint',
    (_, scenario) => {
      for (const seed of [1, 2, 3]) {
        const session = createSession(scenario, { engine, seed });
        for (let turn = 0; turn < 40 && !session.state.ended; turn++) {
          const node = scenario.nodes.find((n) => n.id === session.state.node)!;
          if (!node.model) break;
          const lint = nodeContext(scenario, node);
          const live = session.scoringContext();
          const where = `${scenario.id} seed ${seed} at ${node.id}`;
          expect(live.call_direction, where).toBe(lint.call_direction);
          // Lint assumes the disclosure only where every path made it, so the live call has made it there too.
          if (lint.disclosure_given) expect(live.disclosure_given, where).toBe(true);
          // Lint assumes the stop-calling request wherever any path made it, so the live call can only have fewer.
          if (live.cease_request) expect(lint.cease_request, where).toBe(true);
          expect(serious(session.say(node.model.text)), where).toEqual([]);
        }
      }
    },
  );
});

describe('stop-calling request', () => {
  /** Scenario 220 in guided mode, up to the node where Derek says to stop calling. */
  const toCease = () => {
    const session = createSession(contentScenario('en-agency-hostile'), { engine, seed: 1, mode: 'guided' });
    for (let i = 0; i < 4; i++) session.choose(0);
    expect(session.state.node).toBe('hostile');
    expect(session.scoringContext().cease_request).toBe(false);
    expect(session.choose(1).state.node).toBe('cease');
    return session;
  };

  it('is in the scoring context once the cardholder asked, so collection talk after it is flagged', () => {
    const session = toCease();
    expect(session.scoringContext().cease_request).toBe(true);
    const r = session.say('Before you go, can you make a payment of $100 on Friday?');
    expect(r.assessment!.findings.map((f) => f.rule)).toContain('us-cease-request-ignored');
  });

  it('lets the answer that honours the request pass, and survives save/restore', () => {
    const session = restoreSession(
      contentScenario('en-agency-hostile'),
      JSON.parse(JSON.stringify(toCease().persist())),
      { engine },
    );
    expect(session.scoringContext().cease_request).toBe(true);
    const r = session.choose(0);
    expect(r.option?.quality).toBe('good');
    expect(r.assessment!.findings.filter((f) => f.severity !== 'minor')).toEqual([]);
    expect(r.state.outcome?.code).toBe('refused');
  });
});

describe('call direction', () => {
  it('judges an inbound service call as inbound, so the service greeting gets no outbound opening checklist', () => {
    const inbound = contentScenario('zh-inbound-complaint');
    const session = createSession(inbound, { engine, seed: 1 });
    expect(session.scoringContext()).toMatchObject({ call_direction: 'inbound', stage: 'opening' });
    const greeting = inbound.nodes.find((n) => n.id === inbound.start)!.model!.text;
    expect(session.say(greeting).assessment!.findings.map((f) => f.rule)).not.toContain('cn-opening-elements');
    // The same words opening an outbound collection call still miss the department, surname and right-party question.
    const outbound = createSession(contentScenario('zh-first-contact-tight-money'), { engine, seed: 1 });
    expect(outbound.scoringContext().call_direction).toBe('outbound');
    expect(outbound.say(greeting).assessment!.findings.map((f) => f.rule)).toContain('cn-opening-elements');
  });
});

describe('call-level findings', () => {
  it('reports a call outside the call window once, on the first line, not on every line', () => {
    const scenario = { ...contentScenario('zh-first-contact-tight-money'), local_time: '22:30' };
    const session = createSession(scenario, { engine: contentEngine(), seed: 3 });
    const first = session.say(
      '您好，我是华信银行信用卡中心账务管理部的工作人员，我姓王，工号3021。请问您是张伟先生本人吗？',
    );
    const second = session.say('张先生您好，今天来电是想了解一下您的情况。');
    const contact = (a: typeof first.assessment) =>
      a!.findings.filter((f) => f.category === 'contact_rules').map((f) => f.rule);
    expect(contact(first.assessment).length).toBeGreaterThan(0);
    expect(contact(second.assessment)).toEqual([]);
  });
});
