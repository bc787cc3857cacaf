/** The persona's state along a stored call, for the mentor's review: trust and irritation after each persona line. */
import type { Turn } from '../storage/index.ts';

export interface PersonaPoint {
  /** Index of the persona turn in the call. */
  turn: number;
  /** 1-based count of persona lines so far (the x axis a mentor reads). */
  step: number;
  trust: number | null;
  irritation: number | null;
  mood: string | null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** One point per persona line that stored its state; missing values stay null (older rows, other personas). */
export function personaSeries(turns: readonly Turn[]): PersonaPoint[] {
  const out: PersonaPoint[] = [];
  for (const t of turns) {
    if (t.speaker !== 'persona' || !t.personaState) continue;
    const s = t.personaState;
    out.push({
      turn: t.index,
      step: out.length + 1,
      trust: num(s.trust),
      irritation: num(s.irritation),
      mood: typeof s.mood === 'string' ? s.mood : null,
    });
  }
  return out;
}

export interface SeriesLayout {
  width: number;
  height: number;
  pad: number;
  trust: string;
  irritation: string;
  /** Highest value on the y axis (100 when the persona's scale is 0–100, else the data's maximum). */
  max: number;
  xs: number[];
}

/** SVG paths for the two lines on a shared 0–max scale; a null value breaks the line rather than faking a zero. */
export function layoutSeries(
  points: readonly PersonaPoint[],
  box: { width: number; height: number; pad: number },
): SeriesLayout {
  const values = points.flatMap((p) => [p.trust, p.irritation]).filter((v): v is number => v !== null);
  const peak = Math.max(1, ...values);
  const max = peak <= 1 ? 1 : peak <= 100 ? 100 : peak;
  const inner = { w: box.width - 2 * box.pad, h: box.height - 2 * box.pad };
  const xs = points.map((_, i) => box.pad + (points.length < 2 ? inner.w / 2 : (i * inner.w) / (points.length - 1)));
  const y = (v: number) => box.pad + inner.h - (v / max) * inner.h;
  const path = (pick: (p: PersonaPoint) => number | null) => {
    let d = '';
    let pen = false;
    points.forEach((p, i) => {
      const v = pick(p);
      if (v === null) return void (pen = false);
      d += `${pen ? 'L' : 'M'}${xs[i].toFixed(1)} ${y(v).toFixed(1)} `;
      pen = true;
    });
    return d.trim();
  };
  return { ...box, trust: path((p) => p.trust), irritation: path((p) => p.irritation), max, xs };
}
