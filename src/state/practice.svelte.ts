/**
 * One practice call in the browser: owns the session engine and stores each exchange (the trainee's line, the
 * persona's reply and the session snapshot, together) before showing it, so closing the tab never loses a line or
 * keeps one without its reply. One tab at a time holds a call (see `call-lock.ts`). Components read the `$state.raw`
 * fields and call methods.
 */
import {
  createSession,
  restoreSession,
  SessionRestoreError,
  type CallState,
  type RestoreReason,
  type Session,
  type StepResult,
} from '../machines/index.ts';
import { attemptReport } from '../report/attempt-report.ts';
import { scoreDrill, type DrillResult } from '../report/drill.ts';
import { checkRecord } from '../report/record-check.ts';
import type { AttemptReport, RecordCheck, RecordEntry } from '../report/types.ts';
import type { Scenario } from '../scenarios/ir.ts';
import type { Assessment, ScoringEngine } from '../scoring/types.ts';
import { getProfile } from '../storage/profiles.ts';
import { abandonAttempt, completeAttempt, findResumableAttempt, startAttempt } from '../storage/attempts.ts';
import type { StorageError } from '../storage/errors.ts';
import { saveRecord } from '../storage/records.ts';
import { recordExchange, type ExchangeLine } from '../storage/turns.ts';
import type { JudgedBy } from '../report/types.ts';
import type { Attempt, Mode, Profile, SessionSnapshot } from '../storage/types.ts';
import { toShownError, type AppFault } from './app-fault.ts';
import { callPeople, withCallPeople, type CallPeople } from './better-line.ts';
import { passPolicy } from './courses.ts';
import { holdCall, type CallHold } from './call-lock.ts';
import { emitAttemptEvent } from './attempt-events.ts';
import { appDb, reopenIfFailed } from './db.ts';
import { loadEngine, shippedVersions } from './engine.ts';
import type { TranscriptEntry } from './practice-types.ts';
import { transcriptFromTurns } from './transcript.ts';

/**
 * `drill`: an opening drill whose recital the persona answered to the end; the trainee recites again in the same
 * call or finishes (drills have no after-call record). `elsewhere`: the saved call is open in another tab (it can be
 * taken over here); `taken`: another tab took this call over, and this one no longer writes to it.
 */
export type Phase =
  'loading' | 'resume' | 'elsewhere' | 'taken' | 'unresumable' | 'briefing' | 'call' | 'drill' | 'record' | 'report';

export class PracticeState {
  phase = $state<Phase>('loading');
  transcript = $state.raw<TranscriptEntry[]>([]);
  call = $state.raw<CallState | null>(null);
  /** Guided mode: feedback on the option just chosen. */
  feedback = $state.raw<StepResult['option']>(null);
  report = $state.raw<AttemptReport | null>(null);
  checks = $state.raw<RecordCheck[]>([]);
  resumable = $state.raw<Attempt | null>(null);
  /** A storage failure or a fault in the app itself (never a saved call that cannot continue: see `unresumable`). */
  error = $state.raw<StorageError | AppFault | null>(null);
  /** Why the saved call cannot continue; its lines stay in `transcript` and a fresh start is offered. */
  unresumable = $state.raw<RestoreReason | null>(null);
  busy = $state(false);
  mode = $state<Mode>('practice');
  startedAt = $state(0);
  /** Opening drills: one recital result per line said (coverage, closeness, typing speed). */
  drill = $state.raw<DrillResult[]>([]);
  /** The trainee making the call (name and staff number for the briefing and the opening check). */
  trainee = $state.raw<Profile | null>(null);
  private people: CallPeople;
  private typingSince: number | null = null;
  private linePasted = false;

  /** The app, rule-pack and scenario versions judging this call (shown in small print on the report). */
  versions = $state.raw<JudgedBy | null>(null);

  private session: Session | null = null;
  private engine: ScoringEngine | null = null;
  private attemptId: string | null = null;
  /** This tab's hold on the open call; null when it holds none. */
  private hold: CallHold | null = null;

  constructor(
    readonly scenario: Scenario,
    readonly profileId: string,
  ) {
    this.people = callPeople(scenario, null);
  }

  /**
   * Loads the engine and looks for a call of this profile on this scenario to go back to: one in progress, or one
   * that ended without its record.
   */
  async open(): Promise<void> {
    await this.guard(async () => {
      this.engine = await loadEngine();
      this.trainee = await getProfile(appDb(), this.profileId);
      this.people = callPeople(this.scenario, this.trainee);
      const open = await findResumableAttempt(appDb(), this.profileId, this.scenario.id);
      this.resumable = open?.attempt ?? null;
      if (!this.resumable) return void (this.phase = 'briefing');
      this.phase = (await this.holdOpenCall(false)) ? 'resume' : 'elsewhere';
    });
  }

  /** The saved call is open in another tab: take it over here (that tab stops writing and says so) and resume. */
  async takeOver(): Promise<void> {
    await this.guard(async () => {
      if (this.resumable) await this.holdOpenCall(true);
    });
    if (this.hold) await this.resume();
  }

  /** Leaves the call (the screen closes): another tab may now open it. */
  close(): void {
    this.letGo();
  }

  /** Continues the saved call exactly where the last stored line left it. */
  async resume(): Promise<void> {
    await this.guard(async () => {
      const open = await findResumableAttempt(appDb(), this.profileId, this.scenario.id);
      if (!open) return void (this.phase = 'briefing');
      this.resumable = open.attempt;
      if (!this.hold && !(await this.holdOpenCall(false))) return void (this.phase = 'elsewhere');
      try {
        this.session = restoreSession(this.scenario, open.attempt.snapshot, {
          engine: this.engine!,
          trainee: this.trainee ?? undefined,
        });
      } catch (e) {
        if (!(e instanceof SessionRestoreError)) throw e;
        // Not a storage failure and not damage: this save cannot go on in this version. Say so, keep its lines.
        this.transcript = transcriptFromTurns(open.turns);
        this.unresumable = e.reason;
        this.phase = 'unresumable';
        return;
      }
      this.attemptId = open.attempt.id;
      this.versions = open.attempt.versions ?? null;
      this.mode = open.attempt.mode;
      this.startedAt = open.attempt.startedAt;
      this.transcript = transcriptFromTurns(open.turns);
      this.call = this.session.state;
      this.phase = this.call.ended ? this.endedPhase() : 'call';
    });
  }

  /**
   * Gives the saved call up (the UI asks first): it is kept as abandoned with its lines and findings, for the mentor
   * and in Progress, and the briefing shows again.
   */
  async discard(): Promise<void> {
    await this.guard(async () => {
      if (this.resumable) await abandonAttempt(appDb(), this.resumable.id);
      this.letGo();
      this.resumable = null;
      this.unresumable = null;
      this.transcript = [];
      this.phase = 'briefing';
    });
  }

  /** Starts a new call in `mode`; the persona's greeting is stored before it is shown. */
  async start(mode: Mode): Promise<void> {
    await this.guard(async () => {
      this.mode = mode;
      const seed = Math.floor(Math.random() * 2 ** 31);
      this.session = createSession(this.scenario, {
        engine: this.engine!,
        seed,
        mode,
        trainee: this.trainee ?? undefined,
      });
      const versions = await shippedVersions(this.scenario);
      const attempt = await startAttempt(appDb(), {
        profileId: this.profileId,
        scenarioId: this.scenario.id,
        scenarioTitle: this.scenario.title,
        lang: this.scenario.lang,
        mode,
        seed,
        snapshot: this.snapshot(),
        versions,
        course: this.scenario.course,
      });
      this.letGo();
      this.attemptId = attempt.id;
      this.hold = await holdCall(attempt.id, { takeOver: true, onLost: () => this.lost(attempt.id) });
      this.versions = versions;
      this.startedAt = attempt.startedAt;
      this.transcript = [];
      this.drill = [];
      this.feedback = null;
      await this.storeReply();
      this.call = this.session.state;
      this.phase = 'call';
      emitAttemptEvent({ kind: 'started', attemptId: attempt.id, scenario: this.scenario, mode, at: Date.now() });
    });
  }

  /** Live hints: the findings the current draft would get, without advancing the call. */
  preview(text: string): Assessment | null {
    if (!this.session || !text.trim()) return null;
    return withCallPeople(this.session.preview(text), this.people);
  }

  /** The trainee started typing a line: typing speed is measured from here to sending. */
  typing(): void {
    this.typingSince ??= Date.now();
  }

  /** Something was pasted into the line: the drill does not claim a typing speed for it. */
  pasted(): void {
    this.linePasted = true;
  }

  say(text: string): Promise<void> {
    const node = this.scenario.nodes.find((n) => n.id === this.call?.node);
    const typingMs = Date.now() - (this.typingSince ?? Date.now());
    const pasted = this.linePasted;
    this.typingSince = null;
    this.linePasted = false;
    return this.step(() => {
      const result = this.session!.say(text);
      if (this.scenario.course === 'drill' && node?.model && result.assessment) {
        const covered = [...result.assessment.elements, ...result.assessment.moves.map((m) => m.move)];
        this.drill = [
          ...this.drill,
          scoreDrill({ text, model: node.model.text, required: node.expect, covered, typingMs, pasted }),
        ];
      }
      return result;
    }, text);
  }

  choose(index: number): Promise<void> {
    return this.step(
      () => this.session!.choose(index),
      this.scenario.nodes.find((n) => n.id === this.call?.node)?.options[index]?.text ?? '',
      index,
    );
  }

  silence(): Promise<void> {
    return this.step(() => this.session!.silence(), null);
  }

  hangUp(): Promise<void> {
    return this.step(() => this.session!.hangUp(), null);
  }

  /** Checks the record against the call, scores the attempt, and stores both. */
  async submitRecord(entry: RecordEntry): Promise<void> {
    await this.guard(async () => {
      const db = appDb();
      const outcome = this.call?.outcome ?? null;
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off date string, not state
      this.checks = checkRecord(entry, outcome, new Date(this.startedAt).toISOString().slice(0, 10));
      const policy = passPolicy(this.scenario.course);
      this.report = attemptReport({
        course: this.scenario.course,
        policy,
        turns: this.scoredTurns(),
        outcome,
        recordChecks: this.checks,
      });
      await saveRecord(db, this.attemptId!, { ...entry, checks: this.checks });
      await completeAttempt(db, this.attemptId!, {
        scores: this.report.scores,
        outcome: outcome?.code ?? null,
        passed: this.report.passed,
        blockerRule: this.report.blocker?.rule ?? null,
        policy,
        missed: this.report.missed,
        expected: this.report.expected,
      });
      this.completed();
      this.session?.stop();
      this.session = null;
      this.letGo();
      this.phase = 'report';
    });
  }

  /** Opening drills: recite again in the same call; the persona picks up afresh and earlier recitals stay. */
  async retryDrill(): Promise<void> {
    if (this.scenario.course !== 'drill' || !this.session || this.busy) return;
    await this.guard(async () => {
      this.session!.stop();
      this.session = createSession(this.scenario, {
        engine: this.engine!,
        seed: Math.floor(Math.random() * 2 ** 31),
        mode: this.mode,
      });
      this.feedback = null;
      await this.storeReply();
      this.call = this.session.state;
      this.phase = 'call';
    });
  }

  /** Opening drills: ends the drill and scores it from every recital said; there is no after-call record. */
  async finishDrill(): Promise<void> {
    if (this.scenario.course !== 'drill' || !this.attemptId || this.busy) return;
    await this.guard(async () => {
      const outcome = this.call?.outcome ?? null;
      this.checks = [];
      this.report = attemptReport({
        course: this.scenario.course,
        policy: passPolicy(this.scenario.course),
        turns: this.scoredTurns(),
        outcome,
        recordChecks: [],
      });
      await completeAttempt(appDb(), this.attemptId!, {
        scores: this.report.scores,
        outcome: outcome?.code ?? null,
        passed: this.report.passed,
        blockerRule: this.report.blocker?.rule ?? null,
      });
      this.completed();
      this.session?.stop();
      this.session = null;
      this.letGo();
      this.phase = 'report';
    });
  }

  /** Tells listeners (an LMS runtime) the attempt is scored; `report` is set. */
  private completed(): void {
    emitAttemptEvent({
      kind: 'completed',
      attemptId: this.attemptId!,
      scenario: this.scenario,
      mode: this.mode,
      report: this.report!,
      at: Date.now(),
    });
  }

  /** Back to the briefing for another attempt at the same scenario. */
  again(): void {
    this.report = null;
    this.drill = [];
    this.checks = [];
    this.transcript = [];
    this.call = null;
    this.phase = 'briefing';
  }

  /**
   * One exchange: the engine answers, then the trainee's line, the persona's reply, the snapshot and (when the call
   * is over) its end are stored in one transaction before any of it is shown. If that fails (disk full…) the call
   * rewinds to before the line and the draft stays in the box, so nothing is sent twice or kept half.
   */
  private async step(run: () => StepResult, said: string | null, picked?: number): Promise<void> {
    if (!this.session || this.busy || this.call?.ended || this.phase !== 'call') return;
    const before = this.snapshot();
    const drill = this.drill;
    await this.guard(async () => {
      const stage = this.call!.stage;
      const node = this.call!.node;
      const stepped = run();
      const result = stepped.assessment
        ? { ...stepped, assessment: withCallPeople(stepped.assessment, this.people) }
        : stepped;
      const lines: ExchangeLine[] = [];
      const shown: TranscriptEntry[] = [];
      if (said !== null && result.assessment) {
        // The node answered and the option picked go along, so the LRS sees which point of the call the line answered.
        lines.push({
          speaker: 'trainee',
          text: said,
          assessment: result.assessment,
          stage,
          personaState: null,
          node,
          ...(picked === undefined ? {} : { picked }),
        });
        shown.push({ speaker: 'trainee', text: said, nodeId: node, assessment: result.assessment });
      }
      const reply = result.reply ? this.replyLine() : null;
      if (reply) {
        lines.push(reply.line);
        shown.push(reply.shown);
      }
      // A call over without its record is kept as ended (not lost) until the record is filed; drills have none.
      const end =
        result.state.ended && this.scenario.course !== 'drill'
          ? { outcome: result.state.outcome?.code ?? null }
          : undefined;
      await recordExchange(appDb(), this.attemptId!, lines, this.snapshot(), { after: this.transcript.length, end });
      const index = this.transcript.filter((e) => e.speaker === 'trainee').length;
      this.transcript = [...this.transcript, ...shown];
      if (said !== null && result.assessment)
        emitAttemptEvent({
          kind: 'turn',
          attemptId: this.attemptId!,
          index,
          nodeId: node,
          text: said,
          choice: picked ?? null,
          assessment: result.assessment,
          at: Date.now(),
        });
      this.feedback = result.option;
      this.call = result.state;
      if (result.state.ended) this.phase = this.endedPhase();
    });
    // Another tab went on with this call (taken over before this tab heard of it): this one stops writing.
    if (this.error?.kind === 'moved_on') this.lost(this.attemptId!);
    if (this.error && this.session) {
      // Nothing of this exchange was stored: rewind the engine to the last stored state.
      this.session.stop();
      this.session = restoreSession(this.scenario, before, {
        engine: this.engine!,
        trainee: this.trainee ?? undefined,
      });
      this.drill = drill;
      this.call = this.session.state;
    }
  }

  /**
   * Holds the saved call (`resumable`) for this tab, taking it from another tab when `takeOver`; false when another
   * tab holds it.
   */
  private async holdOpenCall(takeOver: boolean): Promise<boolean> {
    const id = this.resumable!.id;
    if (this.hold && !takeOver) return true;
    this.letGo();
    this.hold = await holdCall(id, { takeOver, onLost: () => this.lost(id) });
    return this.hold !== null;
  }

  /** Another tab took call `attemptId` over: stop writing to it and say so. */
  private lost(attemptId: string): void {
    if (this.attemptId !== attemptId && this.resumable?.id !== attemptId) return;
    this.hold = null;
    this.session?.stop();
    this.session = null;
    this.phase = 'taken';
  }

  private letGo(): void {
    this.hold?.release();
    this.hold = null;
  }

  /** Where a call that is over goes: the record form, or for drills the choice to recite again or finish. */
  private endedPhase(): Phase {
    return this.scenario.course === 'drill' ? 'drill' : 'record';
  }

  /** The persona's reply the session just gave, as a line to store and as shown on screen. */
  private replyLine(): { line: ExchangeLine; shown: TranscriptEntry } | null {
    const reply = this.session!.reply;
    if (!reply) return null;
    const state = this.session!.state;
    return {
      line: {
        speaker: 'persona',
        text: reply.text,
        stage: state.stage,
        assessment: null,
        personaState: { node: reply.node, mood: reply.mood, ...state.vars },
      },
      shown: { speaker: 'persona', text: reply.text, nodeId: reply.node, assessment: null },
    };
  }

  /** Stores the persona's opening line (a new call or a new recital) before showing it. */
  private async storeReply(): Promise<void> {
    const reply = this.replyLine();
    if (!reply) return;
    await recordExchange(appDb(), this.attemptId!, [reply.line], this.snapshot(), { after: this.transcript.length });
    this.transcript = [...this.transcript, reply.shown];
  }

  private scoredTurns() {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup built and read in this call only
    const nodes = new Map(this.scenario.nodes.map((n) => [n.id, n]));
    return this.transcript
      .filter((e) => e.speaker === 'trainee' && e.assessment)
      .map((e) => ({
        text: e.text,
        nodeId: e.nodeId,
        expected: nodes.get(e.nodeId)?.expect ?? [],
        assessment: e.assessment!,
      }));
  }

  private snapshot(): SessionSnapshot {
    return this.session!.persist() as unknown as SessionSnapshot;
  }

  private async guard(op: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      // A database that failed to open (disk full at start-up…) is tried again, so freeing space needs no reload.
      await reopenIfFailed();
      await op();
      this.error = null;
    } catch (e) {
      this.error = toShownError(e);
    } finally {
      this.busy = false;
    }
  }
}
