/**
 * What the compiler needs from the scoring engine: `assess` for linting model answers, and optionally the move ids it
 * knows. Structural, so the engine from src/scoring fits without the compiler depending on its construction.
 */
import type { Assessment, Lang, ScoringContext } from '../scoring/types.ts';

export interface ScenarioEngine {
  assess(text: string, lang: Lang, context: ScoringContext): Assessment;
  /** Move ids (or move records with an `id`) the engine can detect. */
  moves?: Iterable<string | { id: string }> | ReadonlyMap<string, unknown>;
}

/** The move ids to validate branches against: explicit `moves`, else the engine's, else null (no check). */
export function knownMoves(engine: ScenarioEngine | undefined, moves: Iterable<string> | undefined): Set<string> | null {
  if (moves) return new Set(moves);
  const m = engine?.moves;
  if (!m) return null;
  if (m instanceof Map) return new Set([...m.keys()].map(String));
  return new Set([...(m as Iterable<string | { id: string }>)].map((x) => (typeof x === 'string' ? x : x.id)));
}
