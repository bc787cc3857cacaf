import { describe, expect, it } from 'vitest';
import { segments } from '../../src/report/highlight.ts';

describe('segments', () => {
  it('returns the whole line unmarked when nothing was found', () => {
    expect(segments('您好', [])).toEqual([{ text: '您好', marks: [] }]);
  });

  it('marks the quoted words of each finding in place', () => {
    const text = '你再不还钱，后果自负';
    expect(segments(text, [{ start: 6, end: 10 }])).toEqual([
      { text: '你再不还钱，', marks: [] },
      { text: '后果自负', marks: [0] },
    ]);
  });

  it('keeps overlapping findings apart where they differ and together where they overlap', () => {
    expect(
      segments('abcdef', [
        { start: 1, end: 4 },
        { start: 3, end: 5 },
      ]),
    ).toEqual([
      { text: 'a', marks: [] },
      { text: 'bc', marks: [0] },
      { text: 'd', marks: [0, 1] },
      { text: 'e', marks: [1] },
      { text: 'f', marks: [] },
    ]);
  });

  it('ignores empty spans from call-level findings and clamps spans to the line', () => {
    expect(
      segments('abc', [
        { start: 0, end: 0 },
        { start: 2, end: 99 },
      ]),
    ).toEqual([
      { text: 'ab', marks: [] },
      { text: 'c', marks: [1] },
    ]);
  });
});
