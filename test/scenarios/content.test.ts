/**
 * Every scenario under content/scripts (and the README's example) compiles with the live rule packs without errors,
 * and the playthrough reaches every node and every ending; saying the model answers from the start ends the call.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, playthrough } from '../../src/scenarios/index.ts';
import { contentEngine } from './engines.ts';

const dir = join(import.meta.dirname, '../../content/scripts');
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.md') && !/README\.md$/.test(f))
  .sort();
const engine = contentEngine();

describe('content/scripts', () => {
  for (const file of files) {
    it(`${file} compiles clean and every node and ending is played`, () => {
      const { scenario, diagnostics } = compile(readFileSync(join(dir, file), 'utf8'), { file, engine });
      expect(
        diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`),
      ).toEqual([]);
      const coverage = playthrough(scenario!, { engine });
      expect(coverage.nodes.missed).toEqual([]);
      expect(coverage.endings.missed).toEqual([]);
      expect(coverage.edges.covered).toBe(coverage.edges.total);
      expect(coverage.modelPath?.outcome).not.toBeNull();
    });
  }

  it('writes Chinese text with Chinese punctuation (what the trainee reads on every line)', () => {
    // A half-width , ? ! ; : right after a Chinese character, or a " ( ) touching one, in anything the trainee sees.
    const halfWidth = /[\u3400-\u9fff][,?!;:]|["(][\u3400-\u9fff]|[\u3400-\u9fff][")]/u;
    const found: string[] = [];
    for (const file of files) {
      const s = compile(readFileSync(join(dir, file), 'utf8'), { file }).scenario!;
      if (s.lang !== 'zh') continue;
      const texts = [
        s.title,
        s.briefing,
        ...Object.values(s.card.extra),
        ...s.call_log.map((c) => c.note),
        ...s.nodes.flatMap((n) => [
          ...n.lines.map((l) => l.text),
          n.model?.text ?? '',
          n.model?.why ?? '',
          ...n.options.flatMap((o) => [o.text, o.feedback]),
        ]),
      ];
      for (const t of texts) if (halfWidth.test(t)) found.push(`${file}: ${t.slice(0, 40)}`);
    }
    expect(found).toEqual([]);
  });

  it('has the opening drill and a first-contact call with the cooperative cardholder', () => {
    const ids = files.map((f) => compile(readFileSync(join(dir, f), 'utf8'), { file: f }).scenario);
    expect(ids.some((s) => s?.course === 'drill' && s.nodes.some((n) => n.expect.includes('staff_number')))).toBe(true);
    expect(ids.some((s) => s?.course === 'first_contact' && s.persona.archetype === 'cooperative')).toBe(true);
  });

  it("the README's annotated example compiles with no diagnostics and its model answers reach the promise", () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    const example = /````markdown\n([\s\S]*?)````/.exec(readme)![1];
    const { scenario, diagnostics } = compile(example, { file: 'README.md', engine });
    expect(diagnostics).toEqual([]);
    expect(playthrough(scenario!, { engine }).modelPath).toEqual({
      nodes: ['pickup', 'confirmed', 'reason', 'promise'],
      outcome: 'ptp',
    });
  });
});

describe('my scenarios take the intended golden path', () => {
  const golden: Record<string, string[]> = {
    '001_zh-drill-opening.md': ['pickup', 'confirmed'],
    '010_zh-first-contact-tight-money.md': ['opening', 'verify', 'explain', 'reason', 'offer', 'promise', 'closing'],
  };
  for (const [file, nodes] of Object.entries(golden)) {
    it(file, () => {
      const { scenario } = compile(readFileSync(join(dir, file), 'utf8'), { file, engine });
      expect(playthrough(scenario!, { engine }).modelPath?.nodes).toEqual(nodes);
    });
  }
});
