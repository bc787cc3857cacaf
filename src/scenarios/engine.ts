/**
 * What the compiler needs from the scoring engine: `assess` for linting model answers, optionally the moves and
 * script elements it knows and its call-level check. Structural, so src/scoring's `ScoringEngine` fits as is.
 */
import type { Assessment, Finding, Lang, ScoringContext } from '../scoring/types.ts';

type MoveLike = string | { id: string; kind?: string };

export interface ScenarioEngine {
  assess(text: string, lang: Lang, context: ScoringContext, options?: { callLevel?: boolean }): Assessment;
  /** Findings about the call itself (call window, call counts…) rather than its words. */
  callLevelFindings?(context: ScoringContext, lang: Lang): Finding[];
  /** Move ids, or move records (`kind: 'element'` marks a script element rather than a move). */
  moves?: Iterable<MoveLike>;
}

export interface Vocabulary {
  /** Move ids branches may test; null = unknown, no check. */
  moves: Set<string> | null;
  /** Move and element ids `expect:` may name; null = no check. */
  expectable: Set<string> | null;
}

/** The ids to validate against: explicit `moves`, else the engine's, else none. */
export function vocabulary(engine: ScenarioEngine | undefined, moves: Iterable<string> | undefined): Vocabulary {
  if (moves) return { moves: new Set(moves), expectable: null };
  const all = [...(engine?.moves ?? [])].map((m) => (typeof m === 'string' ? { id: m, kind: 'move' } : m));
  // An engine that knows no moves cannot tell a typo from a real move.
  if (all.length === 0) return { moves: null, expectable: null };
  return {
    moves: new Set(all.filter((m) => m.kind !== 'element').map((m) => m.id)),
    expectable: new Set(all.map((m) => m.id)),
  };
}
