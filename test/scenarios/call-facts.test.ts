/**
 * Facts about the call so far that the compiler computes per node and lints model answers with, as the session does
 * at runtime: the required disclosure (US mini-Miranda) given on every path before this turn.
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
const facts = (s: Scenario | null, key: 'disclosure_given') => s?.nodes.map((n) => [n.id, n[key]]);

describe('disclosure_given', () => {
  it('holds after the node whose model answer gives the mini-Miranda, on every path, so "$100" there is not flagged', () => {
    const { scenario, diagnostics } = compile(noSideDoor, { file: 'a.md', engine });
    expect(diagnostics).toEqual([]);
    // Not at `verified` itself: its own line must carry the disclosure, and does.
    expect(facts(scenario, 'disclosure_given')).toEqual([['pickup', false], ['verified', false], ['plan', true], ['done', true]]);
  });

  it('does not hold when one path reaches the node without the disclosure, so the amount there is flagged', () => {
    const { diagnostics } = compile(source, { file: 'a.md', engine });
    expect(diagnostics.map((d) => [d.code, d.line, d.message.match(/`([^`]+)`/)?.[1]])).toEqual([['model_answer_flagged', 61, 'us-mini-miranda']]);
  });

  it('is false everywhere when compiled without an engine (nothing can tell what the model answers say)', () => {
    const { scenario } = compile(noSideDoor, { file: 'a.md' });
    expect(scenario!.nodes.every((n) => !n.disclosure_given)).toBe(true);
  });
});
