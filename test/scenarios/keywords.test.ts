/**
 * The keyword table drives the scanner: every spelling it lists for a structural word is read as that word, so a
 * spelling added to the table needs no scanner change. Each is swapped into a valid script, which must compile to the
 * same IR as with the English keyword.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/scenarios/index.ts';
import { KEYWORDS, spellings, type KeywordKind } from '../../src/scenarios/keywords.ts';

const source = readFileSync(join(import.meta.dirname, 'samples/valid-minimal/input.md'), 'utf8');
const ir = (text: string) => {
  const { scenario, diagnostics } = compile(text, { file: 'x.md' });
  expect(diagnostics).toEqual([]);
  return scenario;
};
const expected = ir(source);

/** Each spelling of `kind` that stands for `id`, put where `written` (spelled as `id`) is in the script. */
function each(kind: KeywordKind, id: string, written: string, make: (word: string) => string): [string, string][] {
  return spellings(kind)
    .filter((w) => (KEYWORDS[kind] as Record<string, string>)[w] === id)
    .map((w) => [w, source.replace(written, make(w))]);
}

describe('the keyword table', () => {
  const cases: [string, [string, string][]][] = [
    ['branch if', each('branch', 'if', '- if verify_identity', (w) => `- ${w} verify_identity`)],
    ['branch else', each('branch', 'else', '- else → hung-up\n', (w) => `- ${w} → hung-up\n`)],
    ['quality', each('quality', 'good', '- [good]', (w) => `- [${w}]`)],
    ['field', each('field', 'branches', '\nbranches:\n- if verify', (w) => `\n${w}: \n- if verify`)],
    ['stage', each('stage', 'opening', 'stage: opening', (w) => `stage: ${w}`)],
  ];
  for (const [what, variants] of cases) {
    it(`reads every spelling of ${what} (${variants.map(([w]) => w).join(', ')})`, () => {
      expect(variants.length).toBeGreaterThan(1);
      for (const [, text] of variants) expect(ir(text)).toEqual(expected);
    });
  }

  it('reads the ASCII keywords in any case', () => {
    expect(ir(source.replace('- if verify_identity', '- IF verify_identity').replace('- [good]', '- [Good]'))).toEqual(
      expected,
    );
  });
});
