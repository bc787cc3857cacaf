/**
 * Studio diagnostics in both languages: every code the compiler, the option rehearsal, the model call and the library
 * check report reads in Chinese from the catalogue, with its parameters, and in English as the compiler wrote it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTICS_ZH, diagnosticText, severityName } from '../../src/i18n/diagnostics.ts';
import { compile, MESSAGES } from '../../src/scenarios/index.ts';
import { fixtureEngine } from './engines.ts';

const dir = join(import.meta.dirname, 'samples');
const engine = fixtureEngine();
const samples = readdirSync(dir)
  .sort()
  .flatMap((name) => {
    const source = readFileSync(join(dir, name, 'input.md'), 'utf8');
    return compile(source, { file: 'input.md', engine }).diagnostics.map((d) => ({ name, d }));
  });
const CJK = /[\u3400-\u9fff]/;

/** Every `reason: '…'` and CondError reason the script parser can report, read from its source. */
function reasonsInSource(): string[] {
  const files = [
    'parse/body.ts',
    'parse/inline.ts',
    'parse/condition.ts',
    'parse/condition-lexer.ts',
    'analyze/ending.ts',
    'analyze/nodes.ts',
    'analyze/resolve.ts',
  ];
  const text = files.map((f) => readFileSync(join(import.meta.dirname, '../../src/scenarios', f), 'utf8')).join('\n');
  const found = [
    /reason: '([a-z_]+)'/g,
    /new CondError\([^;]*?,\s*'([a-z_]+)'(?:,[^;]*)?\);/g,
    /this\.next\([^;]*?,\s*'([a-z_]+)'/g,
    /const reason = [^;]*'([a-z_]+)'\s*:\s*'([a-z_]+)'/g,
  ];
  const quoted = found.flatMap((re) => [...text.matchAll(re)].flatMap((m) => m.slice(1)));
  return [...new Set(quoted)].sort();
}

describe('Studio diagnostics in Chinese', () => {
  it('has a Chinese entry for every code there is', () => {
    const codes = [...Object.keys(MESSAGES), 'option_mishandled', 'model_call_unsteady', 'duplicate_scenario_id'];
    expect(codes.filter((c) => !DIAGNOSTICS_ZH[c])).toEqual([]);
  });

  it('renders every sample diagnostic in Chinese from its code and parameters, never the English text', () => {
    expect(samples.length).toBeGreaterThan(50);
    for (const { name, d } of samples) {
      const { message, hint } = diagnosticText(d, 'zh-CN');
      const where = `${name}: ${d.code}: ${message} — ${hint}`;
      expect(message, where).toMatch(CJK);
      expect(hint, where).toMatch(CJK);
      expect(`${message}${hint}`, where).not.toMatch(/undefined|NaN|\{\w+\}/);
      expect(message, where).not.toContain(d.message.slice(0, -1));
      // A parser's English detail is said again from its reason code (the YAML parser's own words are quoted).
      if (
        d.args?.detail !== undefined &&
        !['yaml_syntax', 'call_context_flagged', 'model_answer_flagged', 'good_option_flagged'].includes(d.code)
      ) {
        expect(d.args.reason, where).toBeDefined();
        expect(message, where).not.toContain(String(d.args.detail));
      }
    }
  });

  it('says each parse reason in Chinese', () => {
    const reasons = reasonsInSource();
    expect(reasons).toEqual(
      expect.arrayContaining([
        'branch_no_target',
        'condition_empty',
        'ending_date',
        'expected_number_after',
        'target_extra',
        'unexpected_character',
      ]),
    );
    expect(reasons.length).toBeGreaterThan(20);
    for (const reason of reasons) {
      const { message } = diagnosticText(
        { code: 'invalid_condition', message: '', args: { reason, value: 'x', detail: 'ENGLISH DETAIL' } },
        'zh-CN',
      );
      expect(message, reason).not.toContain('ENGLISH DETAIL');
    }
  });

  it('fills in the parameters: a broken branch target, an unreadable branch and a leak before the reveal', () => {
    const text = (code: string) =>
      diagnosticText(samples.find((s) => s.name === code && s.d.code === code)!.d, 'zh-CN');
    expect(text('unknown_branch_target')).toEqual({
      message: '没有 id 为 `hangup` 的节点。',
      hint: '是不是想写 `hung-up`？',
    });
    expect(text('invalid_branch').message).toMatch(/^无法读取这条分支：.+。$/);
    expect(
      samples.filter((s) => s.d.code === 'hidden_fact_leak').map((s) => diagnosticText(s.d, 'zh-CN').message),
    ).toContain('隐藏信息 `real_reason` 出现在学员通话前就能看到的内容（标题、简报、客户资料或通话记录）。');
    expect(severityName('error', 'zh-CN')).toBe('错误');
    expect(severityName('warning', 'zh-CN')).toBe('警告');
  });

  it('reads in English as the compiler and lint:scripts say it', () => {
    for (const { d } of samples) expect(diagnosticText(d, 'en')).toEqual({ message: d.message, hint: d.hint ?? '' });
    expect(severityName('warning', 'en')).toBe('warning');
  });
});
