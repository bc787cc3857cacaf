/** The Studio on hostile drafts: positioned errors for absurd nesting, and a checker failure shown as an error. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { diagnosticText } from '../../src/i18n/diagnostics.ts';
import { loadEngine } from '../../src/state/engine.ts';
import { StudioDraft } from '../../src/state/studio.svelte.ts';

const script = readFileSync(
  join(import.meta.dirname, '../../content/scripts/010_zh-first-contact-tight-money.md'),
  'utf8',
);

beforeAll(() => loadEngine(), 60_000);
beforeEach(() => localStorage.clear());

describe('Studio on drafts nobody should write', { timeout: 60_000 }, () => {
  it('3,000 nested parentheses in a condition: a positioned error in Chinese, no crash', async () => {
    const draft = new StudioDraft();
    draft.edit(
      script.replace(
        '- if verify_identity → verify',
        `- if ${'('.repeat(3000)}verify_identity${')'.repeat(3000)} → verify`,
      ),
    );
    await draft.check('deep.md');
    const d = draft.result!.diagnostics.find((x) => x.code === 'invalid_condition')!;
    expect(d.line).toBeGreaterThan(1);
    expect(diagnosticText(d, 'zh-CN').message).toContain('嵌套超过 32 层');
  });

  it('a 2,000-deep blockquote or a 1,000-level list: refused before rendering, at its line', async () => {
    const draft = new StudioDraft();
    const at = script.indexOf('\n# ') + 1;
    const list = Array.from({ length: 1000 }, (_, k) => `${'  '.repeat(k)}- x`).join('\n');
    for (const prose of ['> '.repeat(2000) + 'deep', list]) {
      draft.edit(script.slice(0, at) + prose + '\n\n' + script.slice(at));
      const t0 = performance.now();
      await draft.check('deep.md');
      expect(performance.now() - t0).toBeLessThan(5000);
      expect(draft.result!.diagnostics.map((x) => x.code)).toContain('prose_too_deep');
      expect(draft.result!.errors).toBeGreaterThan(0);
    }
  });

  it('a checker failure becomes the draft’s error, with the reason, instead of a Studio that stops answering', async () => {
    vi.resetModules();
    vi.doMock('../../src/scenarios/compile.ts', () => ({
      compile: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
    }));
    const { StudioDraft: Fresh } = await import('../../src/state/studio.svelte.ts');
    const draft = new Fresh();
    draft.edit(script);
    await draft.check('x.md');
    expect(draft.busy).toBe(false);
    expect(draft.result!.errors).toBe(1);
    const d = draft.result!.diagnostics[0]!;
    expect(d.code).toBe('script_crashed');
    expect(diagnosticText(d, 'zh-CN').message).toBe('检查程序处理这个文件时出错：Maximum call stack size exceeded');
    vi.doUnmock('../../src/scenarios/compile.ts');
  });
});
