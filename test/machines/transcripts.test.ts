/**
 * Transcript tests: each folder in test/machines/transcripts/ holds `input.plan` (scenario + trainee turns +
 * hand-written expectations) and `expected.json` (the full run: persona replies, findings, signals, state, ending).
 * UPDATE_SNAPSHOTS=1 rewrites expected.json; FILTER=word runs matching cases only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCHETYPE_SPECS, createSession, type Mode, type StepResult } from '../../src/machines/index.ts';
import type { Archetype, Scenario } from '../../src/scenarios/ir.ts';
import { contentEngine, contentScenario } from './content.ts';
import { parsePlan, type Plan } from './plan.ts';
import { expectedJson } from '../expected-file.ts';

const dir = join(import.meta.dirname, 'transcripts');
const cases = readdirSync(dir)
  .filter((c) => !process.env.FILTER || c.includes(process.env.FILTER))
  .sort();

/** The plan's scenario, with the persona swapped for another archetype (its default params) when the plan asks. */
function scenarioOf(plan: Plan): Scenario {
  const base = contentScenario(plan.header.scenario);
  const archetype = plan.header.archetype as Archetype | undefined;
  const difficulty = plan.header.difficulty ? (Number(plan.header.difficulty) as 1 | 2 | 3) : base.difficulty;
  if (!archetype) return { ...base, difficulty };
  const params = { ...ARCHETYPE_SPECS[archetype].defaults, ability_to_pay: base.persona.params.ability_to_pay };
  return { ...base, difficulty, persona: { archetype, params } };
}

function run(plan: Plan) {
  const session = createSession(scenarioOf(plan), {
    engine: contentEngine(),
    seed: Number(plan.header.seed ?? 1),
    mode: (plan.header.mode ?? 'practice') as Mode,
  });
  const steps: StepResult[] = [];
  const record = [{ persona: session.reply }];
  for (const { turn } of plan.turns) {
    const r =
      turn.kind === 'say'
        ? session.say(turn.text)
        : turn.kind === 'choose'
          ? session.choose(turn.index)
          : turn.kind === 'silence'
            ? session.silence()
            : session.hangUp();
    steps.push(r);
    record.push({
      trainee:
        turn.kind === 'say'
          ? turn.text
          : turn.kind === 'choose'
            ? `[choose ${turn.index}] ${r.option?.text}`
            : `(${turn.kind})`,
      findings: r.assessment?.findings.map((f) => `${f.category}:${f.rule}`) ?? [],
      moves: r.assessment?.moves.map((m) => m.move) ?? [],
      tone: r.assessment?.tone.label ?? null,
      signals: r.signals,
      persona: r.reply,
      state: {
        node: r.state.node,
        vars: r.state.vars,
        verified: r.state.verified,
        outcome: r.state.outcome?.code ?? null,
        ended_by: r.state.ended_by,
      },
    } as never);
  }
  return { steps, record };
}

function check(step: StepResult, key: string, value: string, where: string) {
  const got: Record<string, () => unknown> = {
    node: () => step.state.node,
    ending: () => step.state.outcome?.code ?? 'none',
    ended_by: () => step.state.ended_by,
    mood: () => step.reply?.mood,
    finding: () =>
      step.assessment?.findings.some((f) => f.category === value || f.rule === value)
        ? value
        : step.assessment?.findings.map((f) => f.rule),
    signal: () => (step.signals.includes(value as never) ? value : step.signals),
    'reply~': () => (step.reply?.text.includes(value) ? value : step.reply?.text),
  };
  expect(got[key](), where).toBe(value);
}

describe.each(cases)('transcript %s', (name) => {
  const plan = parsePlan(readFileSync(join(dir, name, 'input.plan'), 'utf8'), `${name}/input.plan`);
  const { steps, record } = run(plan);

  it('meets the hand-written expectations', () => {
    plan.turns.forEach((t, i) =>
      t.expect.forEach(([k, v]) => check(steps[i], k, v, `${name}/input.plan:${t.line} ${k}`)),
    );
    expect(plan.turns.some((t) => t.expect.length)).toBe(true);
  });

  it('matches expected.json (persona replies, findings, signals, state)', () => {
    const file = join(dir, name, 'expected.json');
    expect(record).toEqual(expectedJson(file, record));
  });
});
