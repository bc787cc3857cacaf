/**
 * Runs every rule's own test lines (`tests.fires` / `tests.passes`) and every move's and element's examples from
 * content/rules, so a trainer who edits a pack gets a failing test that names the rule and the line.
 */
import { describe, expect, it } from 'vitest';
import { readRuleFiles } from '../../src/cli/rule-files.ts';
import {
  createEngine,
  loadRulePacks,
  type Jurisdiction,
  type Lang,
  type RuleDef,
  type ScoringContext,
  type TestLine,
} from '../../src/scoring/index.ts';
import { formatDiagnostic } from '../../src/diagnostics/diagnostic.ts';
import { testContextFor } from '../../src/scoring/test-context.ts';

const loaded = loadRulePacks(readRuleFiles());
const engine = createEngine(JSON.parse(JSON.stringify(loaded)));
const FILTER = process.env.FILTER;

const langOf = (line: TestLine): Lang => line.lang ?? (/[\u3400-\u9fff]/.test(line.text) ? 'zh' : 'en');

function fired(rule: RuleDef, pack: Jurisdiction | 'any', line: TestLine): string[] {
  const lang = langOf(line);
  const ctx: Partial<ScoringContext> = testContextFor(rule, pack, lang, line.context);
  return engine.assess(line.text, lang, ctx).findings.map((f) => f.rule);
}

describe('rule packs load cleanly', () => {
  it('has no diagnostics', () => {
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
  });
  it('has the CN, US, GP and tone packs', () => {
    expect(loaded.packs.map((p) => p.id).sort()).toEqual(['cn', 'gp', 'tone', 'us']);
  });
});

for (const pack of loaded.packs)
  describe(`pack ${pack.id}`, () => {
    for (const rule of pack.rules.filter((r) => !FILTER || r.id.includes(FILTER)))
      describe(rule.id, () => {
        it('has lines that fire and lines that must not', () => {
          expect(rule.tests.fires.length).toBeGreaterThan(0);
          expect(rule.tests.passes.length).toBeGreaterThan(0);
        });
        for (const line of rule.tests.fires)
          it(`fires: ${line.text}`, () => expect(fired(rule, pack.jurisdiction, line)).toContain(rule.id));
        for (const line of rule.tests.passes)
          it(`passes: ${line.text}`, () => expect(fired(rule, pack.jurisdiction, line)).not.toContain(rule.id));
      });
  });

describe('moves and elements', () => {
  for (const move of loaded.moves.filter((m) => !FILTER || m.id.includes(FILTER)))
    for (const example of move.examples)
      it(`${move.kind} ${move.id}: ${example.text}`, () => {
        const a = engine.assess(example.text, langOf(example), example.context);
        const ids = move.kind === 'move' ? a.moves.map((m) => m.move) : a.elements;
        expect(ids).toContain(move.id);
      });
});
