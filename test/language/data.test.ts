/**
 * The generated tables agree with their sources (content/lexicon/variants.yaml, opencc-js), the lexicon checker
 * reports authoring mistakes, and every spelling in the lexicon really normalises to its canonical word.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalize, originalSpan } from '../../src/language/index.ts';
import { VARIANTS } from '../../src/language/data/variants.ts';
import { renderT2s } from '../../tools/build-t2s.ts';
import { pinyinForms, readLexicon, renderVariants } from '../../tools/build-variants.ts';

const root = join(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

describe('generated data', () => {
  it('data/t2s.ts is what tools/build-t2s.ts writes (run it after upgrading opencc-js)', () => {
    expect(read('src/language/data/t2s.ts')).toBe(renderT2s());
  });

  it('data/variants.ts is what tools/build-variants.ts writes (run it after editing variants.yaml)', () => {
    expect(read('src/language/data/variants.ts')).toBe(renderVariants());
  });
});

describe('variants lexicon', () => {
  it('covers the collection vocabulary with 150–300 words', () => {
    expect(VARIANTS.length).toBeGreaterThanOrEqual(150);
    expect(VARIANTS.length).toBeLessThanOrEqual(300);
    const words = VARIANTS.map(([w]) => w);
    for (const w of [
      '警察',
      '法院',
      '坐牢',
      '逮捕',
      '起诉',
      '律师',
      '黑名单',
      '征信',
      '冻结',
      '上门',
      '单位',
      '家人',
      '傻逼',
      '他妈的',
      '个人账户',
      '微信',
      '支付宝',
      '验证码',
      '密码',
      '您好',
      '请问',
      '本人',
      '还款',
      '分期',
    ])
      expect(words).toContain(w);
  });

  it('turns every spelling into its canonical word, quoting the whole spelling', () => {
    const failures: string[] = [];
    for (const [canonical, han, latin] of VARIANTS) {
      for (const spelling of [...han, ...latin]) {
        const line = `我说${spelling}了`;
        const n = normalize(line, 'zh');
        const at = n.text.indexOf(canonical);
        const quoted =
          at < 0
            ? ''
            : line.slice(
                originalSpan(n, at, at + canonical.length).start,
                originalSpan(n, at, at + canonical.length).end,
              );
        if (n.text !== `我说${canonical}了` || quoted !== spelling)
          failures.push(`${spelling} → ${n.text} (quoted "${quoted}")`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('never rewrites a Latin spelling inside a longer word', () => {
    for (const [, , latin] of VARIANTS)
      for (const spelling of latin.filter((l) => !l.includes(' '))) {
        expect(normalize(`x${spelling}`, 'zh').text).toBe(`x${spelling}`);
        expect(normalize(`${spelling}x`, 'zh').text).toBe(`${spelling}x`);
      }
  });

  it('generates joined and spaced toneless pinyin, ü as v and u, and no joined form that reads as other syllables', () => {
    expect(pinyinForms('坐牢')).toEqual(['zuolao', 'zuo lao']);
    expect(pinyinForms('律师')).toEqual(['lvshi', 'lv shi', 'lushi', 'lu shi']);
    expect(pinyinForms('立案')).toEqual(['li an']);
    expect(pinyinForms('还款', 'huan kuan')).toEqual(['huankuan', 'huan kuan']);
    expect(pinyinForms('滚')).toEqual([]);
  });

  it('reports authoring mistakes, one line each, naming the word and the fix', () => {
    const bad = [
      'a:',
      '  警察: [警查]',
      '  法院: [警查, 發院, Fy]',
      '  police: []',
      '  坐牢: 做牢',
      'no_pinyin: [不存在]',
    ].join('\n');
    expect(() => readLexicon(bad)).toThrowError(
      new RegExp(
        [
          'variant "警查" of 法院 is already a spelling of 警察',
          'a.法院: variant "發院" has traditional characters; write it simplified',
          'a.法院: variant "Fy" is neither Chinese nor lower-case Latin letters',
          'a.police: a canonical word is Chinese characters only',
          'a.坐牢: write its variants as a list',
          'no_pinyin/pinyin_fix names 不存在',
        ].join('[\\s\\S]*'),
      ),
    );
  });
});
