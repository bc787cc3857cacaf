/**
 * The scoring layer is pure: it imports only itself, src/diagnostics, the language layer under it (src/language, which
 * imports nothing of scoring) and `yaml` (no fs, no app layers).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../src/scoring');

describe('src/scoring imports', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')))
    it(file, () => {
      const source = readFileSync(join(dir, file), 'utf8');
      const specifiers = [...source.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
      const bad = specifiers.filter(
        (s) =>
          !(s.startsWith('./') || s === '../diagnostics/diagnostic.ts' || s.startsWith('../language/') || s === 'yaml'),
      );
      expect(bad).toEqual([]);
      expect(source).not.toMatch(/(?<![.\w])(?:process\.|require\()/);
    });
});
