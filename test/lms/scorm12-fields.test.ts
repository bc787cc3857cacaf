import { describe, expect, it } from 'vitest';
import {
  choiceResponse,
  cmiIdentifier,
  cmiScore,
  cmiString255,
  cmiTime,
  cmiTimespan,
  cut,
  interactionValues,
  turnResult,
} from '../../src/lms/scorm12-fields.ts';
import type { Finding } from '../../src/scoring/types.ts';

const finding = (severity: Finding['severity'], category: Finding['category'] = 'threat'): Finding =>
  ({ rule: 'r', category, severity, start: 0, end: 1, quote: 'x', message: 'm', better: '', sources: [] }) as Finding;

describe('SCORM 1.2 field limits', () => {
  it('keeps CMIString255 at 255 characters: 255 stays, 256 is cut with an ellipsis, characters never split', () => {
    expect(cmiString255('a'.repeat(255))).toBe('a'.repeat(255));
    const cutText = cmiString255('a'.repeat(256));
    expect(cutText).toHaveLength(255);
    expect(cutText.endsWith('…')).toBe(true);
    // 😀 is two UTF-16 units: a cut never leaves half of one.
    const emoji = cut('😀'.repeat(200));
    expect(emoji.length).toBeLessThanOrEqual(255);
    expect(emoji).toMatch(/^(😀)+…$/u);
    expect(cmiString255('您好\n请问\t您是')).toBe('您好 请问 您是');
  });

  it('makes CMIIdentifier printable ASCII with no white space, 1–255 long', () => {
    expect(cmiIdentifier('turn-1-open ing')).toBe('turn-1-open_ing');
    expect(cmiIdentifier('节点')).toBe('__');
    expect(cmiIdentifier('')).toBe('_');
    expect(cmiIdentifier('x'.repeat(300))).toHaveLength(255);
    expect(cmiIdentifier('x'.repeat(255))).toHaveLength(255);
  });

  it('writes CMITimespan as HHHH:MM:SS.SS, 0 for negatives, hours stopping at 9999', () => {
    expect(cmiTimespan(0)).toBe('0000:00:00.00');
    expect(cmiTimespan(-5)).toBe('0000:00:00.00');
    expect(cmiTimespan(3_723_450)).toBe('0001:02:03.45');
    expect(cmiTimespan(10_000 * 3_600_000)).toBe('9999:59:59.99');
    expect(cmiTimespan(Number.NaN)).toBe('0000:00:00.00');
    for (const ms of [1, 59_999, 3_599_999, 86_400_000])
      expect(cmiTimespan(ms)).toMatch(/^\d{4}:[0-5]\d:[0-5]\d\.\d{2}$/);
  });

  it('writes CMITime as HH:MM:SS', () => {
    expect(cmiTime(new Date(2026, 0, 2, 9, 5, 7))).toBe('09:05:07');
    expect(cmiTime(new Date(2026, 0, 2, 23, 59, 59))).toBe('23:59:59');
  });

  it('keeps a score a decimal within 0–100', () => {
    expect(cmiScore(0)).toBe('0');
    expect(cmiScore(100)).toBe('100');
    expect(cmiScore(100.5)).toBe('100');
    expect(cmiScore(-1)).toBe('0');
    expect(cmiScore(72.456)).toBe('72.46');
    expect(cmiScore(Number.NaN)).toBe('0');
  });

  it('answers a choice with one character a–z then 0–9, and refuses a 37th option', () => {
    expect(choiceResponse(0)).toBe('a');
    expect(choiceResponse(25)).toBe('z');
    expect(choiceResponse(35)).toBe('9');
    expect(() => choiceResponse(36)).toThrow(/at most 36/);
  });
});

describe('a trainee line as a SCORM 1.2 interaction', () => {
  it('is wrong when the line has a major or critical compliance finding, correct otherwise', () => {
    expect(turnResult({ findings: [] })).toBe('correct');
    expect(turnResult({ findings: [finding('minor')] })).toBe('correct');
    expect(turnResult({ findings: [finding('major')] })).toBe('wrong');
    expect(turnResult({ findings: [finding('critical')] })).toBe('wrong');
    // Tone and script findings are coaching, not compliance: they never make a line wrong.
    expect(turnResult({ findings: [finding('major', 'tone')] })).toBe('correct');
  });

  it('sets id, type, response, result, time and latency within the limits', () => {
    const long = '您好'.repeat(200);
    const typed = Object.fromEntries(
      interactionValues(3, {
        index: 0,
        nodeId: 'open ing',
        text: long,
        choice: null,
        assessment: { findings: [finding('critical')] },
        at: new Date(2026, 0, 2, 10, 0, 5),
        latencyMs: 4_500,
      }),
    );
    expect(typed).toEqual({
      'cmi.interactions.3.id': 'turn-1-open_ing',
      'cmi.interactions.3.type': 'fill-in',
      'cmi.interactions.3.student_response': cut(long),
      'cmi.interactions.3.result': 'wrong',
      'cmi.interactions.3.time': '10:00:05',
      'cmi.interactions.3.latency': '0000:00:04.50',
    });
    expect(typed['cmi.interactions.3.student_response']).toHaveLength(255);
    const guided = Object.fromEntries(
      interactionValues(0, {
        index: 1,
        nodeId: 'purpose',
        text: 'ignored for a choice',
        choice: 2,
        assessment: { findings: [] },
        at: new Date(),
        latencyMs: 0,
      }),
    );
    expect(guided['cmi.interactions.0.type']).toBe('choice');
    expect(guided['cmi.interactions.0.student_response']).toBe('c');
    expect(guided['cmi.interactions.0.result']).toBe('correct');
  });
});
