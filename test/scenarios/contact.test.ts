/** `contact:` in a script: the facts of the dial reach the compiler's lint and the live call's scoring alike. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/machines/index.ts';
import { compile } from '../../src/scenarios/index.ts';
import { contentEngine } from '../machines/content.ts';

const engine = contentEngine();
const script = readFileSync(
  join(import.meta.dirname, '../../content/scripts/010_zh-first-contact-tight-money.md'),
  'utf8',
);
const withContact = (facts: string) => script.replace('\ncard:\n', `\ncontact:\n${facts}\ncard:\n`);

describe('contact facts of a scenario', () => {
  it('make a dial the CBA 2026 guideline forbids a compile error at the script level', () => {
    const { scenario, diagnostics } = compile(withContact('  unanswered_today: 6'), { file: 'x.md', engine });
    expect(scenario).toBeNull();
    expect(diagnostics.find((d) => d.code === 'call_context_flagged')).toMatchObject({
      args: { rule: 'cn-cba-unanswered-attempts' },
    });
    const thirdParty = compile(withContact('  dialled: third_party\n  failed_attempts_in_row: 1'), {
      file: 'x.md',
      engine,
    });
    expect(thirdParty.diagnostics.find((d) => d.code === 'call_context_flagged')).toMatchObject({
      args: { rule: 'cn-cba-third-party-too-early' },
    });
  });

  it("are allowed where the guideline allows them, and reach the live call's scoring context", () => {
    const { scenario, diagnostics } = compile(
      withContact('  dialled: third_party\n  failed_attempts_in_row: 3\n  unanswered_today: 2'),
      { file: 'x.md', engine },
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(scenario!.contact).toEqual({ dialled: 'third_party', failed_attempts_in_row: 3, unanswered_today: 2 });
    const session = createSession(scenario!, { engine, seed: 1 });
    expect(session.scoringContext()).toMatchObject({
      dialled: 'third_party',
      failed_attempts_in_row: 3,
      unanswered_today: 2,
    });
  });

  it('leave a script without them as it was: no `contact` in its IR, the plainest case in scoring', () => {
    const { scenario } = compile(script, { file: 'x.md', engine });
    expect(scenario).not.toHaveProperty('contact');
    expect(createSession(scenario!, { engine, seed: 1 }).scoringContext()).not.toHaveProperty('dialled');
  });
});
