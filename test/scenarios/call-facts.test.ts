/**
 * Facts about the call so far that the compiler computes per node and lints model answers with, as the session does
 * at runtime: the required disclosure (US mini-Miranda) given on every path before this turn, and a request to stop
 * calling made on some path up to it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type Scenario } from '../../src/scenarios/index.ts';
import { contentEngine } from './engines.ts';

const engine = contentEngine();
const source = readFileSync(join(import.meta.dirname, 'fixtures/scripts/agency-facts.md'), 'utf8');
/** The same script without the side door: every way to `plan` now passes the mini-Miranda at `verified`. */
const noSideDoor = source.replace('- else → side', '- else → verified').replace(/## Side door[\s\S]*?(?=## Plan)/, '');
const facts = (s: Scenario | null, key: 'disclosure_given' | 'cease' | 'cease_requested') =>
  s?.nodes.map((n) => [n.id, n[key]]);

describe('disclosure_given', () => {
  it('holds after the node whose model answer gives the mini-Miranda, on every path, so "$100" there is not flagged', () => {
    const { scenario, diagnostics } = compile(noSideDoor, { file: 'a.md', engine });
    expect(diagnostics).toEqual([]);
    // Not at `verified` itself: its own line must carry the disclosure, and does.
    expect(facts(scenario, 'disclosure_given')).toEqual([
      ['pickup', false],
      ['verified', false],
      ['plan', true],
      ['stop', true],
      ['wrap', true],
      ['done', true],
    ]);
  });

  it('does not hold when one path reaches the node without the disclosure, so the amount there is flagged', () => {
    const { diagnostics } = compile(source, { file: 'a.md', engine });
    expect(diagnostics.map((d) => [d.code, d.line, d.message.match(/`([^`]+)`/)?.[1]])).toEqual([
      ['model_answer_flagged', 61, 'us-mini-miranda'],
    ]);
  });

  it('is false everywhere when compiled without an engine (nothing can tell what the model answers say)', () => {
    const { scenario } = compile(noSideDoor, { file: 'a.md' });
    expect(scenario!.nodes.every((n) => !n.disclosure_given)).toBe(true);
  });
});

describe('cease (stop-calling request)', () => {
  it('holds from the `cease: yes` node on, and on a node that only some paths reach after it', () => {
    const { scenario, diagnostics } = compile(noSideDoor, { file: 'a.md', engine });
    expect(diagnostics).toEqual([]);
    expect(facts(scenario, 'cease')).toEqual([
      ['pickup', false],
      ['verified', false],
      ['plan', false],
      ['stop', true],
      ['wrap', false],
      ['done', false],
    ]);
    // `wrap` is also reached straight from `plan`; it is linted as after the request, the stricter of its two paths.
    expect(facts(scenario, 'cease_requested')).toEqual([
      ['pickup', false],
      ['verified', false],
      ['plan', false],
      ['stop', true],
      ['wrap', true],
      ['done', true],
    ]);
  });

  it('flags a model answer that keeps collecting after the request, also where only one path made it', () => {
    const atStop = noSideDoor.replace(
      "model: Understood, Mr. Walsh. We won't call you again;",
      "model: Understood. Before you go, could you pay $100 on Friday? We won't call again;",
    );
    const atWrap = noSideDoor.replace(
      'model: Thank you for your time, Mr. Walsh. Goodbye.',
      'model: Thank you. Remember the $100 payment on Friday. Goodbye.',
    );
    const flagged = (src: string) =>
      compile(src, { file: 'a.md', engine }).diagnostics.map((d) => [d.code, d.message.match(/`([^`]+)`/)?.[1]]);
    expect(flagged(atStop)).toEqual([['model_answer_flagged', 'us-cease-request-ignored']]);
    expect(flagged(atWrap)).toEqual([['model_answer_flagged', 'us-cease-request-ignored']]);
    // Without the request the same reminder is ordinary collection talk after the mini-Miranda.
    expect(flagged(atWrap.replace('cease: yes\n', ''))).toEqual([]);
  });

  it('reads the Chinese keyword and refuses a value that is not yes or no', () => {
    expect(
      facts(compile(noSideDoor.replace('cease: yes', '停止联系: 是'), { file: 'a.md' }).scenario, 'cease')?.find(
        ([id]) => id === 'stop',
      ),
    ).toEqual(['stop', true]);
    const { diagnostics } = compile(noSideDoor.replace('cease: yes', 'cease: maybe'), { file: 'a.md' });
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([['invalid_field', expect.stringContaining('cease')]]);
  });
});
