/**
 * The normaliser is a leaf the scoring engine will import: pure TypeScript, no DOM or Node built-ins. Everything
 * index.ts reaches imports only files of src/language and the one runtime package it justifies (stemmer); `Lang`
 * comes from src/language/types.ts, so scoring → language never loops back.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../../src/language');
const PACKAGES = ['stemmer'];

it('reaches only src/language files and stemmer from index.ts, and uses no platform globals', () => {
  const bad: string[] = [];
  const seen = new Set<string>();
  const queue = [join(dir, 'index.ts')];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]/g,
    )) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) {
        if (!PACKAGES.includes(spec)) bad.push(`${relative(dir, file)} imports package ${spec}`);
        continue;
      }
      const target = resolve(join(file, '..'), spec);
      if (relative(dir, target).startsWith('..'))
        bad.push(`${relative(dir, file)} imports ${spec}, outside src/language`);
      else if (existsSync(target)) queue.push(target);
    }
    if (/\b(?:document|window|process|require)\b[.(]/.test(text))
      bad.push(`${relative(dir, file)} uses a platform global`);
  }
  expect(bad).toEqual([]);
  expect(seen.size).toBeGreaterThan(8);
});
