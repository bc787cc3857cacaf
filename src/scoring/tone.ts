/**
 * Tone, scored independently of compliance: 50 (plain) plus the deltas of the courtesy and rudeness markers the
 * line contains, each counted once. A rude line can be legal and a polite one illegal; the two never mix here.
 */
import { compilePatterns, findHit, type CompiledPattern, type PrefilterTable, type Subject } from './matcher.ts';
import type { Lang, Tone, ToneMarker } from './types.ts';

export interface CompiledMarker {
  marker: ToneMarker;
  patterns: CompiledPattern[];
}

/** Thresholds on the 0–100 scale; between them a line is neutral. */
export const POLITE_FROM = 60;
export const RUDE_BELOW = 40;

/** Compiles the markers that have patterns for `lang`. */
export function compileMarkers(markers: readonly ToneMarker[], lang: Lang, table?: PrefilterTable): CompiledMarker[] {
  return markers
    .map((marker) => ({ marker, patterns: compilePatterns(marker.patterns, lang, table) }))
    .filter((m) => m.patterns.length);
}

/** The tone label, 0–100 score and the reasons that moved it. */
export function scoreTone(subject: Subject, lang: Lang, markers: readonly CompiledMarker[]): Tone {
  let score = 50;
  const reasons: Tone['reasons'] = [];
  for (const { marker, patterns } of markers) {
    const hit = findHit(subject, lang, patterns, marker.guards);
    if (!hit) continue;
    score += marker.delta;
    reasons.push({ reason: marker.reason[lang], delta: marker.delta, start: hit.start, end: hit.end });
  }
  score = Math.max(0, Math.min(100, score));
  const label = score >= POLITE_FROM ? 'polite' : score < RUDE_BELOW ? 'rude' : 'neutral';
  return { label, score, reasons };
}
