/** Modes a trainee can take a scenario in; kept beside the state so UI and storage agree on the names. */
export type { Mode } from '../storage/types.ts';
import type { Assessment } from '../scoring/types.ts';

/** One line of the call as shown on the call screen and in the report. */
export interface TranscriptEntry {
  speaker: 'trainee' | 'persona';
  text: string;
  /** Node the line belongs to: the node answered (trainee) or entered (persona). */
  nodeId: string;
  assessment: Assessment | null;
}
