/**
 * What a practice call tells listeners outside the app while it runs: an LMS runtime (src/lms) reports each trainee
 * line and the verdict to the LMS. Plain TypeScript: the call screen emits after a line is stored, never before, so
 * a listener never reports a line the trainee's own records do not have.
 */
import type { AttemptReport } from '../report/types.ts';
import type { Scenario } from '../scenarios/ir.ts';
import type { Assessment } from '../scoring/types.ts';
import type { Mode } from '../storage/types.ts';

export type AttemptEvent =
  | { kind: 'started'; attemptId: string; scenario: Scenario; mode: Mode; at: number }
  | {
      kind: 'turn';
      attemptId: string;
      /** 0 for the trainee's first scored line of the attempt. */
      index: number;
      nodeId: string;
      text: string;
      /** Guided mode: the index of the option chosen; null for a typed line. */
      choice: number | null;
      assessment: Assessment;
      at: number;
    }
  | { kind: 'completed'; attemptId: string; scenario: Scenario; mode: Mode; report: AttemptReport; at: number };

type Listener = (event: AttemptEvent) => void;
const listeners = new Set<Listener>();

/** Listens to every attempt's events; returns the function that stops listening. */
export function onAttemptEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tells every listener; a listener that throws is logged and never breaks the call. */
export function emitAttemptEvent(event: AttemptEvent): void {
  for (const l of listeners) {
    try {
      l(event);
    } catch (e) {
      console.error('attempt listener failed', e);
    }
  }
}
