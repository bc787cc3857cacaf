import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/messages/en.ts';
import { zhCN } from '../../src/i18n/messages/zh-CN.ts';
import { messageParams } from '../../src/i18n/plural.ts';
import { initialLocale, parseLocale, translate } from '../../src/i18n/translate.ts';

describe('translate', () => {
  it('defaults to Chinese and fills placeholders', () => {
    expect(translate('zh-CN', 'library.count', { count: 12 })).toBe('共 12 个场景');
    expect(translate('en', 'library.count', { count: 12 })).toBe('12 scenarios');
  });

  it('leaves unknown placeholders visible rather than silently blank', () => {
    expect(translate('en', 'page.notFound.body')).toBe('There is nothing at {path}.');
  });

  it('has every key translated in both languages, with the same placeholders', () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(en[key], key).toBeTruthy();
      expect(messageParams(en[key]), key).toEqual(messageParams(zhCN[key]));
    }
  });

  it('writes Chinese UI text with Chinese punctuation', () => {
    const halfWidth = /[\u3400-\u9fff][,?!;:]|["(][\u3400-\u9fff]|[\u3400-\u9fff][")]/u;
    expect(Object.entries(zhCN).filter(([, v]) => halfWidth.test(v))).toEqual([]);
    // A label and its value: "通话时长：00:12" in Chinese, "Time: 00:12" in English.
    expect(`${translate('zh-CN', 'call.timer')}${translate('zh-CN', 'punct.colon')}00:12`).toBe('通话时长：00:12');
    expect(`${translate('en', 'report.rule')}${translate('en', 'punct.colon')}x`).toBe('Rule: x');
  });

  it('components put a label and its value together with the locale colon, not a hard-coded ":"', () => {
    const root = join(import.meta.dirname, '../../src/ui');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.svelte'));
    const hardCoded = files.flatMap((f) =>
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .filter((l) => /t\([^)]*\)\}:(?:<\/strong>)?(?:\s|$)/.test(l))
        .map((l) => `${f}: ${l.trim()}`),
    );
    expect(hardCoded).toEqual([]);
  });
});

describe('plural forms', () => {
  it('says "1 scenario" and "2 scenarios" in English, with the count in Chinese as before', () => {
    expect(translate('en', 'library.count', { count: 1 })).toBe('1 scenario');
    expect(translate('en', 'library.count', { count: 2 })).toBe('2 scenarios');
    expect(translate('en', 'library.count', { count: 0 })).toBe('0 scenarios');
    expect(translate('en', 'library.attempts', { count: 1 })).toBe('1 attempt');
    expect(translate('zh-CN', 'library.count', { count: 1 })).toBe('共 1 个场景');
  });

  it('chooses each plural block by its own parameter and keeps other placeholders', () => {
    expect(translate('en', 'mydata.added', { attempts: 1, turns: 2, records: 1, profiles: 0 })).toBe(
      'Added: 1 call, 2 lines, 1 after-call record, 0 profiles.',
    );
    expect(translate('en', 'call.linesFlagged', { n: 1, severity: 'major' })).toBe(
      '1 note on this line (worst: major)',
    );
    expect(translate('en', 'review.heat.rules', { n: 1 })).toBe('The most frequent rule');
    expect(translate('en', 'review.heat.rules', { n: 5 })).toBe('The 5 most frequent rules');
  });

  it('leaves no English message saying "1 <plural>": every count reads right at 1', () => {
    const ones = (text: string) => Object.fromEntries(messageParams(text).map((p) => [p, 1]));
    const wrong = (Object.keys(en) as (keyof typeof en)[])
      .map((key) => translate('en', key, ones(en[key])))
      .filter((text) =>
        /\b1 (scenarios|attempts|calls|errors|notes|lines|rows|items|replies|points|records|profiles|trainees|reviews|options)\b/.test(
          text,
        ),
      );
    expect(wrong).toEqual([]);
  });

  it('rejects a plural message without an `other` form', () => {
    expect(() => messageParams('{n, plural, one {# call}}')).toThrow(/other/);
  });
});

describe('initialLocale', () => {
  it('lets ?lang= in the URL win over the remembered choice', () => {
    expect(initialLocale('?lang=en', 'zh-CN')).toBe('en');
    expect(initialLocale('?lang=zh-CN', 'en')).toBe('zh-CN');
  });

  it('falls back to the remembered choice, then zh-CN, and ignores unsupported values', () => {
    expect(initialLocale('', 'en')).toBe('en');
    expect(initialLocale('?lang=fr', null)).toBe('zh-CN');
    expect(parseLocale('en-US')).toBe('en');
    expect(parseLocale('ZH')).toBe('zh-CN');
    expect(parseLocale('de')).toBeUndefined();
  });
});
