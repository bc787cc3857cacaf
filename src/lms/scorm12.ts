/**
 * The SCORM 1.2 SCO runtime (loaded only in a SCORM package): finds the LMS's API object, reports the lesson status,
 * one interaction per trainee line, the score and the session time, and finishes on exit or when the page goes.
 */
import { onAttemptEvent, type AttemptEvent } from '../state/attempt-events.ts';
import { cmiScore, cmiTimespan, interactionValues, type LessonStatus } from './scorm12-fields.ts';

/** The SCORM 1.2 API object the LMS puts on a parent or opener window (RTE 3.2). */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string | number;
  LMSGetErrorString(code: string | number): string;
}

/** How many parent windows the RTE's discovery algorithm climbs before giving up. */
const MAX_PARENTS = 7;

function apiOn(win: Window): Scorm12Api | null {
  try {
    return (win as unknown as { API?: Scorm12Api }).API ?? null;
  } catch {
    return null; // a cross-origin window: not ours to read
  }
}

/** The RTE's discovery: this window and up to 7 parents, then the opener's chain. */
export function findScorm12Api(start: Window = window): Scorm12Api | null {
  const climb = (from: Window): Scorm12Api | null => {
    let win = from;
    for (let i = 0; i <= MAX_PARENTS; i++) {
      const api = apiOn(win);
      if (api) return api;
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  };
  return climb(start) ?? (start.opener ? climb(start.opener as Window) : null);
}

/**
 * One SCO session: initialised on creation, finished once. In the LMS's `browse` or `review` lesson mode (RTE
 * cmi.core.lesson_mode) it records no verdict: browse marks the lesson `browsed`, review leaves it as it was.
 */
export class Scorm12Session {
  /** False in browse and review lesson modes: the call is practice only and no score or verdict is reported. */
  readonly reportsVerdict: boolean;
  private startedAt: number;
  private lastShownAt: number;
  private finished = false;
  private stop: () => void;

  constructor(
    private readonly api: Scorm12Api,
    private readonly now: () => number = Date.now,
  ) {
    if (api.LMSInitialize('') !== 'true') throw new Error(`LMSInitialize failed: ${this.lastError()}`);
    this.startedAt = this.lastShownAt = now();
    const mode = api.LMSGetValue('cmi.core.lesson_mode');
    this.reportsVerdict = mode !== 'browse' && mode !== 'review';
    const status = api.LMSGetValue('cmi.core.lesson_status');
    const fresh = status === '' || status === 'not attempted';
    if (fresh && mode !== 'review')
      this.set('cmi.core.lesson_status', (mode === 'browse' ? 'browsed' : 'incomplete') satisfies LessonStatus);
    this.commit();
    this.stop = onAttemptEvent((e) => this.on(e));
  }

  /** Reports one attempt event to the LMS and commits it. */
  on(event: AttemptEvent): void {
    if (this.finished) return;
    switch (event.kind) {
      case 'started':
        this.lastShownAt = event.at;
        return;
      case 'turn': {
        if (!this.reportsVerdict) return;
        const n = Number(this.api.LMSGetValue('cmi.interactions._count')) || 0;
        const values = interactionValues(n, {
          index: event.index,
          nodeId: event.nodeId,
          text: event.text,
          choice: event.choice,
          assessment: event.assessment,
          at: new Date(event.at),
          latencyMs: event.at - this.lastShownAt,
        });
        for (const [element, value] of values) this.set(element, value);
        this.lastShownAt = event.at;
        this.commit();
        return;
      }
      case 'completed':
        if (!this.reportsVerdict) return;
        this.set('cmi.core.score.min', '0');
        this.set('cmi.core.score.max', '100');
        this.set('cmi.core.score.raw', cmiScore(event.report.scores.total));
        this.set('cmi.core.lesson_status', (event.report.passed ? 'passed' : 'failed') satisfies LessonStatus);
        this.commit();
        return;
      default:
        event satisfies never;
    }
  }

  /** Reports the session time and finishes; later calls do nothing (pagehide after the exit button). */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.stop();
    this.set('cmi.core.session_time', cmiTimespan(this.now() - this.startedAt));
    this.commit();
    this.api.LMSFinish('');
  }

  private set(element: string, value: string): void {
    // A refused value is logged with the LMS's reason; the call goes on (the trainee's own record keeps everything).
    if (this.api.LMSSetValue(element, value) !== 'true')
      console.warn(`LMSSetValue ${element} refused: ${this.lastError()}`);
  }

  private commit(): void {
    this.api.LMSCommit('');
  }

  private lastError(): string {
    const code = this.api.LMSGetLastError();
    return `${code} ${this.api.LMSGetErrorString(code)}`;
  }
}
