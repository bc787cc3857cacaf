import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../src/i18n/translate.ts';
import type { FailReason } from '../../src/report/pass-policy.ts';
import type { PassPolicy } from '../../src/scenarios/ir.ts';
import { policyLines, reasonText } from '../../src/ui/verdict-text.ts';

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);
const policy: PassPolicy = {
  blocking: ['critical', 'major'],
  pass_mark: 60,
  minimums: { compliance: 60 },
  failing_endings: ['hung_up', 'complaint'],
};

describe('verdict text', () => {
  it('states a course policy in a few plain lines, in both languages', () => {
    expect(policyLines(zh, policy)).toEqual([
      '出现严重或较重级的合规问题，即不通过',
      '因你的话导致通话以对方挂断或投诉结束，即不通过',
      '总分不低于 60 分',
      '合规不低于 60 分',
    ]);
    expect(policyLines(en, { ...policy, minimums: {}, failing_endings: [] })).toEqual([
      'Any Critical or Major compliance finding fails the call',
      'Total of at least 60',
    ]);
  });

  it('names each reason a call failed with its line, rule, ending or score, without blaming the customer for a hang-up', () => {
    const reasons: FailReason[] = [
      {
        kind: 'blocker',
        rule: 'cn-disclose-before-verify',
        category: 'premature_disclosure',
        severity: 'major',
        turn: 1,
        message: '',
      },
      { kind: 'ending', code: 'hung_up', turn: 1 },
      { kind: 'ending', code: 'complaint', turn: 2 },
      { kind: 'minimum', dimension: 'tone', score: 30, minimum: 50 },
      { kind: 'minimum', dimension: 'total', score: 55, minimum: 60 },
    ];
    expect(reasons.map((r) => reasonText(zh, r))).toEqual([
      '一票否决：第 2 句触犯了较重规则 cn-disclose-before-verify（核身前透露）',
      '在你的第 2 句之后电话被挂断，通话没有完成',
      '在你的第 3 句之后，通话以「投诉」结束',
      '语气得分 30，低于本课程要求的 50',
      '总分 55，低于及格线 60',
    ]);
    expect(reasonText(en, reasons[0])).toBe(
      'compliance blocker: line 2 broke the Major rule cn-disclose-before-verify (Disclosure before verification)',
    );
  });
});
