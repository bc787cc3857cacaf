/** How a pass policy and the reasons a call failed read, in the UI language (the report, the briefing, the notice). */
import type { MessageKey } from '../i18n/translate.ts';
import type { FailReason } from '../report/pass-policy.ts';
import { PASS_DIMENSIONS, type PassPolicy } from '../scenarios/ir.ts';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** One reason as a sentence: the blocking rule and its line, the ending the trainee caused, a score under its minimum. */
export function reasonText(t: T, r: FailReason): string {
  switch (r.kind) {
    case 'blocker':
      return t('verdict.reason.blocker', {
        line: r.turn + 1,
        rule: r.rule,
        severity: t(`severity.${r.severity}`),
        category: t(`progress.category.${r.category}`),
      });
    case 'ending':
      // Either side may have put the phone down; the outcome's name ("对方挂断") would blame the customer.
      if (r.code === 'hung_up') return t('verdict.reason.hungUp', { line: r.turn + 1 });
      return t('verdict.reason.ending', { line: r.turn + 1, ending: t(`outcome.${r.code}`) });
    case 'minimum':
      return r.dimension === 'total'
        ? t('verdict.reason.total', { score: r.score, minimum: r.minimum })
        : t('verdict.reason.minimum', { dimension: t(`report.${r.dimension}`), score: r.score, minimum: r.minimum });
    default: {
      const never: never = r;
      return never;
    }
  }
}

/** The policy as short lines a trainee reads before the call. */
export function policyLines(t: T, p: PassPolicy): string[] {
  const or = t('policy.or');
  const lines: string[] = [];
  if (p.blocking.length)
    lines.push(t('policy.blocking', { severities: p.blocking.map((s) => t(`severity.${s}`)).join(or) }));
  if (p.failing_endings.length)
    lines.push(t('policy.endings', { endings: p.failing_endings.map((c) => t(`outcome.${c}`)).join(or) }));
  lines.push(t('policy.passMark', { n: p.pass_mark }));
  for (const d of PASS_DIMENSIONS) {
    const n = p.minimums[d];
    if (n !== undefined) lines.push(t('policy.minimum', { dimension: t(`report.${d}`), n }));
  }
  return lines;
}
