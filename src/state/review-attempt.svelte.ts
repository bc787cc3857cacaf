/**
 * One call under mentor review: follows the attempt, its lines, record, corrections and review live (so the
 * trainee's acknowledgement or dispute appears without a reload), and sends the mentor's corrections to storage.
 */
import type { Category, Finding, RuleDef, Severity } from '../scoring/types.ts';
import type { SigningKey } from '../security/signature.ts';
import {
  addFinding,
  commentReview,
  creditElement,
  ensureReview,
  narrowFinding,
  overruleFinding,
  toStorageError,
  type StorageError,
} from '../storage/index.ts';
import { appDb } from './db.ts';
import { loadEngine } from './engine.ts';
import {
  buildAttemptReview,
  buildUnscoredCall,
  type AttemptReviewView,
  type UnscoredCallView,
} from './mentor-review.ts';
import { mentorLock } from './mentor-lock.svelte.ts';
import { follow, loadReview, reviewTrigger } from './mentor-source.ts';

export type ReviewStatus = 'loading' | 'ready' | 'missing' | 'error';

export class ReviewAttemptState {
  status = $state<ReviewStatus>('loading');
  value = $state.raw<AttemptReviewView | null>(null);
  /** A call ended without its record or abandoned: shown read-only (there are no scores to correct). */
  unscored = $state.raw<UnscoredCallView | null>(null);
  error = $state.raw<StorageError | null>(null);
  /** Rules the engine knows, for the "add a finding" form; empty until the engine chunk has loaded. */
  rules = $state.raw<readonly RuleDef[]>([]);
  busy = $state(false);
  private stop: (() => void) | undefined;

  constructor(
    private readonly mentor: () => string,
    /** The unlocked mentor key every correction is signed with. */
    private readonly signer: () => SigningKey | null = () => mentorLock.signer,
  ) {}

  /** Starts following `attemptId`; returns the function that stops. */
  open(attemptId: string): () => void {
    this.stop?.();
    this.status = 'loading';
    this.stop = follow(
      () => reviewTrigger(appDb(), attemptId),
      () => loadReview(appDb(), attemptId),
      (data) => {
        this.value = data?.kind === 'scored' ? buildAttemptReview(data) : null;
        this.unscored = data?.kind === 'unscored' ? buildUnscoredCall(data) : null;
        this.status = data ? 'ready' : 'missing';
      },
      (e) => {
        this.error = e;
        this.status = 'error';
      },
    );
    void loadEngine()
      .then((engine) => (this.rules = engine.rules))
      .catch(() => (this.rules = []));
    return () => this.stop?.();
  }

  /** Overrules every finding of `rule` on the scored trainee line `turnIndex`; the reason is required. */
  overrule(turnIndex: number, rule: string, reason: string): Promise<boolean> {
    return this.write((attemptId, by) =>
      overruleFinding(appDb(), {
        attemptId,
        turnIndex,
        rule,
        reason,
        by,
        byStaffNo: mentorLock.staffNo,
        signer: this.signer(),
      }),
    );
  }

  /** Adds a finding the engine missed on the scored trainee line `turnIndex`. */
  add(
    turnIndex: number,
    finding: { rule: string; category: Category; severity: Severity; reason: string },
  ): Promise<boolean> {
    return this.write((attemptId, by) =>
      addFinding(appDb(), {
        attemptId,
        turnIndex,
        by,
        byStaffNo: mentorLock.staffNo,
        ...finding,
        signer: this.signer(),
      }),
    );
  }

  /** Narrows `rule`'s finding on the line: a new severity, and only `quote`'s words when given; the reason is required. */
  narrow(
    turnIndex: number,
    rule: string,
    change: { severity: Severity; quote: string; reason: string },
  ): Promise<boolean> {
    return this.write((attemptId, by) =>
      narrowFinding(appDb(), {
        attemptId,
        turnIndex,
        rule,
        by,
        byStaffNo: mentorLock.staffNo,
        ...change,
        signer: this.signer(),
      }),
    );
  }

  /** Credits `element`, which the report listed as missed on the line, as said. */
  credit(turnIndex: number, element: string, reason: string): Promise<boolean> {
    return this.write((attemptId, by) =>
      creditElement(appDb(), {
        attemptId,
        turnIndex,
        rule: element,
        reason,
        by,
        byStaffNo: mentorLock.staffNo,
        signer: this.signer(),
      }),
    );
  }

  /**
   * Confirms a model finding awaiting review: stored as an add of its rule, category and severity on its line, so it
   * counts exactly like a mentor-added finding and the reason joins the audit trail.
   */
  confirm(
    turnIndex: number,
    finding: Pick<Finding, 'rule' | 'category' | 'severity'>,
    reason: string,
  ): Promise<boolean> {
    return this.add(turnIndex, { rule: finding.rule, category: finding.category, severity: finding.severity, reason });
  }

  /** Dismisses a model finding awaiting review: stored as an overrule of its rule on its line. */
  dismiss(turnIndex: number, rule: string, reason: string): Promise<boolean> {
    return this.overrule(turnIndex, rule, reason);
  }

  /** Saves the mentor's overall comment on the call (creating the review if this is the first word on it). */
  comment(text: string): Promise<boolean> {
    return this.write(async (attemptId, by) => {
      const review = await ensureReview(appDb(), attemptId, by);
      await commentReview(appDb(), review.id, text);
    });
  }

  private async write(fn: (attemptId: string, by: string) => Promise<unknown>): Promise<boolean> {
    const attemptId = this.value?.attempt.id;
    if (!attemptId) return false;
    this.busy = true;
    this.error = null;
    try {
      await fn(attemptId, this.mentor());
      return true;
    } catch (e) {
      this.error = toStorageError(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
