/**
 * Geometry of the proficiency chart: one small multiple per finding category, findings per call over the trainee's
 * calls. Plain TS (no Svelte) so the scales and paths are unit-tested; the component only draws what this returns.
 */
import { CATEGORIES, type Category } from '../scoring/types.ts';

export interface ChartBox {
  width: number;
  height: number;
  /** Inner margin, so markers at the edges are not clipped. */
  pad: number;
}

export interface Series {
  category: Category;
  /** Findings of this category in each call, oldest call first (0 where it had none). */
  values: number[];
}

export interface SeriesShape extends Series {
  /** SVG path data of the line through every call. */
  path: string;
  /** Marker positions, one per call. */
  points: { x: number; y: number; value: number }[];
  trend: Trend;
}

/** How the last call compares with the first: fewer findings is better. */
export type Trend = 'better' | 'worse' | 'same';

/** A linear map from `domain` to `range`; an empty domain maps everything to the middle of the range. */
export function linearScale(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** One series per category that had a finding in any call, in the fixed category order. */
export function seriesByCategory(points: readonly { byCategory: Partial<Record<Category, number>> }[]): Series[] {
  return CATEGORIES.filter((c) => points.some((p) => (p.byCategory[c] ?? 0) > 0)).map((category) => ({
    category,
    values: points.map((p) => p.byCategory[category] ?? 0),
  }));
}

/** The highest count across all series (at least 1), so every small multiple shares one y scale. */
export function sharedMax(series: readonly Series[]): number {
  return Math.max(1, ...series.flatMap((s) => s.values));
}

/** First against last call; a single call has no trend. */
export function trendOf(values: readonly number[]): Trend {
  const first = values[0] ?? 0;
  const last = values.at(-1) ?? 0;
  return last < first ? 'better' : last > first ? 'worse' : 'same';
}

/** Rounds to two decimals: short path strings that stay stable across platforms. */
const r = (v: number) => Math.round(v * 100) / 100;

/** Positions a series in `box` with y from 0 (bottom) to `max` (top) and x over the calls, left to right. */
export function shapeSeries(series: Series, box: ChartBox, max: number): SeriesShape {
  const x = linearScale([0, series.values.length - 1], [box.pad, box.width - box.pad]);
  const y = linearScale([0, max], [box.height - box.pad, box.pad]);
  const points = series.values.map((value, i) => ({ x: r(x(i)), y: r(y(value)), value }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
  return { ...series, path, points, trend: trendOf(series.values) };
}

/** Every series of `points` positioned in `box` on one shared y scale: what the small multiples draw. */
export function layoutChart(
  points: readonly { byCategory: Partial<Record<Category, number>> }[],
  box: ChartBox,
): { max: number; shapes: SeriesShape[] } {
  const series = seriesByCategory(points);
  const max = sharedMax(series);
  return { max, shapes: series.map((s) => shapeSeries(s, box, max)) };
}
