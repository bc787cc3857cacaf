import { describe, expect, it } from 'vitest';
import {
  layoutChart,
  linearScale,
  seriesByCategory,
  shapeSeries,
  sharedMax,
  trendOf,
} from '../../src/state/proficiency-chart.ts';

const box = { width: 100, height: 50, pad: 10 };

describe('proficiency chart geometry', () => {
  it('maps a domain linearly onto a range, inverted ranges included (SVG y grows downwards)', () => {
    const x = linearScale([0, 4], [10, 90]);
    expect([0, 1, 4].map(x)).toEqual([10, 30, 90]);
    const y = linearScale([0, 2], [40, 10]);
    expect([0, 1, 2].map(y)).toEqual([40, 25, 10]);
  });

  it('puts every value of an empty domain (a single call) in the middle of the range', () => {
    expect(linearScale([0, 0], [10, 90])(0)).toBe(50);
  });

  it('makes one series per category that occurred, in the fixed category order, zero-filled', () => {
    const series = seriesByCategory([
      { byCategory: { tone: 2, threat: 1 } },
      { byCategory: { script: 1 } },
      { byCategory: { tone: 0 } },
    ]);
    expect(series).toEqual([
      { category: 'threat', values: [1, 0, 0] },
      { category: 'tone', values: [2, 0, 0] },
      { category: 'script', values: [0, 1, 0] },
    ]);
    expect(seriesByCategory([{ byCategory: {} }, { byCategory: { privacy: 0 } }])).toEqual([]);
  });

  it('shares one y maximum across series, never below 1 so an all-zero chart still has a scale', () => {
    expect(
      sharedMax([
        { category: 'tone', values: [0, 3] },
        { category: 'script', values: [5, 1] },
      ]),
    ).toBe(5);
    expect(sharedMax([{ category: 'tone', values: [0, 0] }])).toBe(1);
  });

  it('draws a line left to right with 0 on the baseline and the maximum at the top', () => {
    const s = shapeSeries({ category: 'tone', values: [2, 1, 0] }, box, 2);
    expect(s.points).toEqual([
      { x: 10, y: 10, value: 2 },
      { x: 50, y: 25, value: 1 },
      { x: 90, y: 40, value: 0 },
    ]);
    expect(s.path).toBe('M10 10 L50 25 L90 40');
    expect(s.trend).toBe('better');
  });

  it('places a single call in the middle, as a path with only a move', () => {
    const s = shapeSeries({ category: 'threat', values: [1] }, box, 1);
    expect(s.path).toBe('M50 10');
  });

  it('calls fewer findings in the latest call than in the first an improvement', () => {
    expect(trendOf([3, 5, 1])).toBe('better');
    expect(trendOf([0, 2])).toBe('worse');
    expect(trendOf([1, 0, 1])).toBe('same');
  });

  it('lays out all series on the shared scale', () => {
    const { max, shapes } = layoutChart([{ byCategory: { tone: 4, script: 1 } }, { byCategory: { script: 2 } }], box);
    expect(max).toBe(4);
    expect(shapes.map((s) => [s.category, s.points.map((p) => p.y)])).toEqual([
      ['tone', [10, 40]],
      ['script', [32.5, 25]],
    ]);
  });
});
