/** Modes a trainee can take a scenario in; kept beside the state so UI and storage agree on the names. */
export type { Mode } from '../storage/types.ts';
import type { Assessment } from '../scoring/types.ts';

/**
 * The longest line the call box takes: three long spoken sentences are under 300 characters, so 500 never cuts a real
 * line, and a pasted page cannot reach the scorer.
 */
export const MAX_LINE_CHARS = 500;
/** How long typing pauses before live hints score the draft again (a fast typist's gap between keys is ~100 ms). */
export const HINT_DELAY_MS = 150;

/** One line of the call as shown on the call screen and in the report. */
export interface TranscriptEntry {
  speaker: 'trainee' | 'persona';
  text: string;
  /** Node the line belongs to: the node answered (trainee) or entered (persona). */
  nodeId: string;
  assessment: Assessment | null;
}
