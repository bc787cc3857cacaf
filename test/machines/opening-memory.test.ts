/**
 * Issue 14, hints that agree: within one call the opening check asks only for what is still due (not an element said
 * on an earlier line, not one the scenario withholds), and it accepts the caller's own words from the scenario and
 * the trainee's profile.
 */
import { describe, expect, it } from 'vitest';
import { createSession, restoreSession } from '../../src/machines/index.ts';
import { contentEngine, contentScenario } from './content.ts';

const engine = contentEngine();
const openingFinding = (findings: { rule: string; message: string }[]) =>
  findings.find((f) => f.rule.endsWith('opening-elements'));

describe('opening check within a call', () => {
  it('does not ask again for the greeting and institution said on the line before, on the line or in its preview', () => {
    const session = createSession(contentScenario('zh-first-contact-tight-money'), { engine, seed: 3 });
    const first = session.say('您好，我是华信银行信用卡中心账务管理部的工作人员。');
    expect(openingFinding(first.assessment!.findings)?.message).toBe('开场白要素不完整。缺少：姓氏、工号、核实本人');
    expect(session.state.stage).toBe('opening');
    expect(openingFinding(session.preview('我姓王。').findings)?.message).toBe(
      '开场白要素不完整。缺少：工号、核实本人',
    );
    const second = session.say('我姓王。');
    expect(openingFinding(second.assessment!.findings)?.message).toBe('开场白要素不完整。缺少：工号、核实本人');
  });

  it('remembers what was said across a save and restore', () => {
    const session = createSession(contentScenario('zh-first-contact-tight-money'), { engine, seed: 3 });
    session.say('您好，我是华信银行信用卡中心账务管理部的工作人员。');
    const restored = restoreSession(session.scenario, JSON.parse(JSON.stringify(session.persist())), { engine });
    expect(openingFinding(restored.preview('我姓王。').findings)?.message).toBe(
      '开场白要素不完整。缺少：工号、核实本人',
    );
  });

  it("accepts the trainee's own name as the surname element where the general patterns do not hear it", () => {
    const line = '您好，这里是华信银行信用卡中心账务管理部，我是王小明，工号3021。请问是张伟先生本人吗？';
    const scenario = contentScenario('zh-first-contact-tight-money');
    const anonymous = createSession(scenario, { engine, seed: 3 });
    expect(openingFinding(anonymous.preview(line).findings)?.message).toBe('开场白要素不完整。缺少：姓氏');
    const known = createSession(scenario, { engine, seed: 3, trainee: { name: '王小明', staffNo: '3021' } });
    expect(openingFinding(known.preview(line).findings)).toBeUndefined();
    expect(known.preview(line).elements).toContain('surname');
  });

  it('never asks for the company where the scenario withholds it (third party on an agency call)', () => {
    const scenario = contentScenario('en-third-party-roommate');
    expect(scenario.withhold).toEqual(['institution']);
    const session = createSession(scenario, { engine, seed: 1 });
    expect(
      openingFinding(session.preview('Hi, my name is Sam Patel. May I speak with Jordan Reed, please?').findings),
    ).toBeUndefined();
    expect(openingFinding(session.preview('Hello, may I speak with Jordan Reed?').findings)?.message).toBe(
      'The opening is missing required elements. Missing: name',
    );
    // Without the scenario's word the same line would be asked for the company.
    const plain = createSession({ ...scenario, withhold: [] }, { engine, seed: 1 });
    expect(
      openingFinding(plain.preview('Hi, my name is Sam Patel. May I speak with Jordan Reed, please?').findings)
        ?.message,
    ).toContain('institution');
  });
});

describe('opening check in a drill', () => {
  it('asks for the whole opening on every recital, whatever an earlier line said', () => {
    const session = createSession(contentScenario('zh-drill-opening'), { engine, seed: 1 });
    session.say('您好，我是华信银行信用卡中心账务管理部的工作人员。');
    expect(session.state.ended).toBe(false);
    expect(openingFinding(session.preview('我姓李，工号3021。请问您是王建国先生本人吗？').findings)?.message).toContain(
      '机构名称',
    );
  });
});
