import { describe, expect, it } from 'vitest';
import type { OverrideInput } from '../../src/report/overrides.ts';
import { correctedPastReport, type PastReport } from '../../src/state/past-report.ts';
import type { Assessment, Finding } from '../../src/scoring/types.ts';

const leak: Finding = {
  rule: 'cn-disclose-before-verify',
  category: 'premature_disclosure',
  severity: 'major',
  start: 0,
  end: 8,
  quote: '你欠了三万多块钱',
  message: '',
  better: '',
  sources: [],
};
const assessment = (findings: Finding[] = []): Assessment => ({
  findings,
  tone: { label: 'polite', score: 80, reasons: [] },
  moves: [],
  elements: [],
});
const past = {
  transcript: [
    { speaker: 'persona', text: '喂？', nodeId: 'n0', assessment: null },
    { speaker: 'trainee', text: '您好', nodeId: 'n0', assessment: assessment() },
    { speaker: 'persona', text: '什么事？', nodeId: 'n1', assessment: null },
    { speaker: 'trainee', text: '你欠了三万多块钱', nodeId: 'n1', assessment: assessment([leak]) },
  ],
  report: {
    missed: [
      { turn: 0, nodeId: 'n0', element: 'purpose' },
      { turn: 1, nodeId: 'n1', element: 'verify_identity' },
    ],
  },
} as unknown as PastReport;
const correction = (o: Partial<OverrideInput>): OverrideInput => ({
  turnIndex: 1,
  action: 'narrow',
  rule: leak.rule,
  category: leak.category,
  severity: 'minor',
  reason: 'r',
  ...o,
});

describe("a past report with the mentor's corrections", () => {
  it('shows narrowed findings as the mentor left them and drops credited elements from the missed list', () => {
    const out = correctedPastReport(past, [
      correction({ start: 2, end: 6, quote: '三万多块' }),
      correction({ action: 'credit', turnIndex: 0, rule: 'purpose', category: 'script' }),
    ]);
    expect(out.transcript[3].assessment!.findings).toEqual([
      { ...leak, severity: 'minor', start: 2, end: 6, quote: '三万多块' },
    ]);
    expect(out.transcript[1]).toEqual(past.transcript[1]);
    expect(out.report.missed).toEqual([{ turn: 1, nodeId: 'n1', element: 'verify_identity' }]);
    expect(past.transcript[3].assessment!.findings[0].severity).toBe('major');
  });

  it('is the report itself when no mentor corrected it', () => {
    expect(correctedPastReport(past, [])).toBe(past);
  });
});
