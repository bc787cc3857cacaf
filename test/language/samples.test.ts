/**
 * One runner for the normaliser's sample tables (`samples/*.yaml`, one per pass): each case's normalised text, and
 * for each `quote` entry, that the first occurrence of the key in the output maps back to exactly the given piece of
 * the trainee's original line. `FILTER=word` focuses on cases whose input contains the word.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { normalize, originalSpan } from '../../src/language/index.ts';
import type { Lang } from '../../src/language/types.ts';
import { checkMaps } from './invariants.ts';

interface Sample {
  lang: Lang;
  in: string;
  out: string;
  quote?: Record<string, string>;
}

const dir = join(import.meta.dirname, 'samples');

for (const file of readdirSync(dir).sort()) {
  const samples = (parse(readFileSync(join(dir, file), 'utf8')) as Sample[]).filter(
    (s) => !process.env.FILTER || s.in.includes(process.env.FILTER),
  );
  describe(file, () => {
    for (const s of samples) {
      it(`${s.lang}: ${JSON.stringify(s.in)}`, () => {
        const n = normalize(s.in, s.lang);
        expect(n.text).toBe(s.out);
        expect(checkMaps(n, s.in)).toEqual([]);
        // Normalised text is a fixed point: the engine may normalise twice (a line, then a clause) safely.
        expect(normalize(s.out, s.lang).text).toBe(s.out);
        for (const [normalized, original] of Object.entries(s.quote ?? {})) {
          const at = n.text.indexOf(normalized);
          expect(at, `"${normalized}" in "${n.text}"`).toBeGreaterThanOrEqual(0);
          const span = originalSpan(n, at, at + normalized.length);
          expect(s.in.slice(span.start, span.end)).toBe(original);
        }
      });
    }
  });
}
