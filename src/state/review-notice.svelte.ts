/**
 * The trainee's side of a review: on their own call's report they see what the mentor changed and why, the score that
 * now counts, and can acknowledge the review or dispute it with a comment.
 */
import { acknowledgeReview, disputeReview, toStorageError, type StorageError } from '../storage/index.ts';
import { appDb } from './db.ts';
import { follow, loadNotice, reviewTrigger, type ReviewNotice } from './mentor-source.ts';

export class ReviewNoticeState {
  /** undefined while loading; null when no mentor has reviewed this call. */
  value = $state.raw<ReviewNotice | null | undefined>(undefined);
  error = $state.raw<StorageError | null>(null);
  busy = $state(false);

  /** Follows the review of `attemptId` (a call of `profileId`); returns the function that stops. */
  follow(attemptId: string, profileId: string): () => void {
    return follow(
      () => reviewTrigger(appDb(), attemptId),
      () => loadNotice(appDb(), attemptId, profileId),
      (v) => (this.value = v),
      (e) => (this.error = e),
    );
  }

  /** The trainee accepts the review. */
  acknowledge(): Promise<boolean> {
    return this.reply((id) => acknowledgeReview(appDb(), id));
  }

  /** The trainee disagrees, saying why (required). */
  dispute(comment: string): Promise<boolean> {
    return this.reply((id) => disputeReview(appDb(), id, comment));
  }

  private async reply(fn: (reviewId: string) => Promise<unknown>): Promise<boolean> {
    const id = this.value?.review.id;
    if (!id) return false;
    this.busy = true;
    this.error = null;
    try {
      await fn(id);
      return true;
    } catch (e) {
      this.error = toStorageError(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
