/**
 * The mentor's view of one finished call, built from what storage kept: every line with its findings as they count
 * now, the findings a mentor overruled (still shown, with why), the persona's state, and the audit trail.
 */
import type { AuditProblem } from '../security/audit-chain.ts';
import { applyOverrides, awaitsReview, creditedElements } from '../report/overrides.ts';
import { correctionKinds, reviewQueue, type CorrectionKind, type QueuedFinding } from '../report/review-queue.ts';
import type { ScoredTurn } from '../report/types.ts';
import type { Finding } from '../scoring/types.ts';
import type { Attempt, CallRecord, EffectiveScores, Override, Profile, Review, Turn } from '../storage/index.ts';
import { personaSeries, type PersonaPoint } from './mentor-persona.ts';

export type {
  Attempt,
  AuditProblem,
  CallRecord,
  CorrectionKind,
  EffectiveScores,
  Override,
  Profile,
  QueuedFinding,
  Review,
};

export interface ReviewLine {
  /** Position of the line in the call. */
  index: number;
  speaker: 'trainee' | 'persona';
  text: string;
  /** Position among the scored trainee lines (the numbering corrections use); null for persona lines. */
  scored: number | null;
  /** Findings as they count now (machine findings minus overruled ones, plus added ones). */
  findings: Finding[];
  /**
   * Corrections made on this line, oldest first, each with what it did and the machine finding it overruled,
   * confirmed or dismissed if there was one.
   */
  corrections: { override: Override; kind: CorrectionKind; original: Finding | null }[];
  /** Elements the report says this line missed and no mentor has credited yet (empty for persona lines). */
  missed: string[];
  persona: PersonaPoint | null;
}

export interface AttemptReviewData {
  attempt: Attempt;
  profile: Profile;
  turns: Turn[];
  record: CallRecord | null;
  overrides: Override[];
  effective: EffectiveScores;
  review: Review | null;
  /** What is wrong with the corrections' hash chain and signatures (empty when every link holds). */
  audit: AuditProblem[];
  kind: 'scored';
}

/** A call with no scores (ended without its record, or abandoned): the mentor still sees every line and finding. */
export interface UnscoredCallData {
  attempt: Attempt;
  profile: Profile;
  turns: Turn[];
  kind: 'unscored';
}

export interface UnscoredCallView extends UnscoredCallData {
  lines: Pick<ReviewLine, 'index' | 'speaker' | 'text' | 'findings'>[];
  series: PersonaPoint[];
}

/** The read-only view of an unscored call: its lines with the machine's findings, and the persona along the call. */
export function buildUnscoredCall(data: UnscoredCallData): UnscoredCallView {
  const lines = data.turns.map((t) => ({
    index: t.index,
    speaker: t.speaker,
    text: t.text,
    findings: t.assessment?.findings ?? [],
  }));
  return { ...data, lines, series: personaSeries(data.turns) };
}

export interface AttemptReviewView extends AttemptReviewData {
  lines: ReviewLine[];
  series: PersonaPoint[];
  /** Model findings still awaiting the mentor's confirmation or dismissal. */
  queue: QueuedFinding[];
  /** What each correction did, by override id (a confirmation is stored as an add, a dismissal as an overrule). */
  kinds: Record<string, CorrectionKind>;
}

/** Builds the line-by-line view; corrections are applied in the order they were made, as storage applies them. */
export function buildAttemptReview(data: AttemptReviewData): AttemptReviewView {
  const series = personaSeries(data.turns);
  const byTurn = new Map(series.map((p) => [p.turn, p]));
  const scoredTurns: ScoredTurn[] = [];
  const position = new Map<number, number>();
  for (const t of data.turns) {
    if (t.speaker !== 'trainee' || !t.assessment) continue;
    position.set(t.index, scoredTurns.length);
    scoredTurns.push({ text: t.text, nodeId: '', expected: [], assessment: t.assessment });
  }
  const now = applyOverrides(scoredTurns, data.overrides);
  const kindList = correctionKinds(scoredTurns, data.overrides);
  const kinds = Object.fromEntries(data.overrides.map((o, i) => [o.id, kindList[i]]));
  const credited = new Set(creditedElements(data.overrides).map((c) => `${c.turn}:${c.element}`));
  const missedOn = (scored: number | null) =>
    (data.attempt.missed ?? [])
      .filter((m) => m.turn === scored && !credited.has(`${m.turn}:${m.element}`))
      .map((m) => m.element);
  const lines = data.turns.map((t): ReviewLine => {
    const scored = position.get(t.index) ?? null;
    const machine = scored === null ? [] : scoredTurns[scored].assessment.findings;
    return {
      index: t.index,
      speaker: t.speaker,
      text: t.text,
      scored,
      findings: scored === null ? [] : now[scored].assessment.findings,
      corrections: data.overrides
        .filter((o) => o.turnIndex === scored)
        .map((override) => {
          const kind = kinds[override.id];
          const ownFinding = kind !== 'add' && kind !== 'credit';
          return {
            override,
            kind,
            original: ownFinding ? (machine.find((f) => f.rule === override.rule) ?? null) : null,
          };
        }),
      missed: missedOn(scored),
      persona: byTurn.get(t.index) ?? null,
    };
  });
  return { ...data, lines, series, queue: reviewQueue(now), kinds };
}

/**
 * Rule ids of a line's current findings, once each: an overrule removes every finding of its rule on the line.
 * Findings awaiting review are left out: they are confirmed or dismissed instead (`awaitingOn`).
 */
export function overrulableRules(line: ReviewLine): Finding[] {
  const seen = new Set<string>();
  return line.findings.filter((f) => !awaitsReview(f) && !seen.has(f.rule) && (seen.add(f.rule), true));
}

/** The line's model findings awaiting the mentor's confirmation or dismissal. */
export function awaitingOn(line: ReviewLine): Finding[] {
  return line.findings.filter(awaitsReview);
}

/** How many model findings of a finished call still await review (its finding summary counts them). */
export function awaitingCount(attempt: Pick<Attempt, 'findings'>): number {
  return attempt.findings?.awaitingReview ?? 0;
}

/** The calls the attempt list shows: one trainee's or everyone's, optionally only those with findings awaiting review. */
export function listedAttempts<A extends Pick<Attempt, 'profileId' | 'findings'>>(
  attempts: readonly A[],
  who: string,
  awaitingOnly: boolean,
): A[] {
  return attempts.filter((a) => (!who || a.profileId === who) && (!awaitingOnly || awaitingCount(a) > 0));
}
