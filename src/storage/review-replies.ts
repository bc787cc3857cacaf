/** The conversation around a review: the mentor's overall comment, the trainee's acknowledgement or dispute, and lists. */
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';
import type { Review } from './types.ts';

async function update(db: CallDojoDb, reviewId: string, change: (r: Review) => Partial<Review>): Promise<Review> {
  return guard(() =>
    db.transaction('rw', db.reviews, async () => {
      const review = await db.reviews.get(reviewId);
      if (!review) throw new StorageError('not_found', `review ${reviewId}`);
      const next: Review = { ...review, ...change(review), updatedAt: Math.max(Date.now(), review.updatedAt + 1) };
      await db.reviews.put(next);
      return next;
    }),
  );
}

function text(value: string, what: string): string {
  if (!value.trim()) throw new StorageError('invalid', `${what} must not be empty`);
  return value.trim();
}

/**
 * The mentor's overall comment on the call (replaces the previous one; the corrections keep their own reasons). It is
 * a reply the trainee has not read yet, so a review the trainee acknowledged or disputed opens again for them.
 */
export function commentReview(db: CallDojoDb, reviewId: string, comment: string): Promise<Review> {
  return update(db, reviewId, () => ({ comment: text(comment, 'the comment'), status: 'open' }));
}

/** The trainee has read the review and accepts it. */
export function acknowledgeReview(db: CallDojoDb, reviewId: string): Promise<Review> {
  return update(db, reviewId, () => ({ status: 'acknowledged' }));
}

/** The trainee disagrees, saying why; the mentor sees the comment next to the corrections. */
export function disputeReview(db: CallDojoDb, reviewId: string, comment: string): Promise<Review> {
  return guard(async () => {
    const why = text(comment, 'the dispute comment');
    return update(db, reviewId, () => ({ status: 'disputed', traineeComment: why }));
  });
}

/** Reviews, most recently changed first: of one trainee's calls with `profileId`, else every review on this PC. */
export function reviewsFor(db: CallDojoDb, filter: { profileId?: string } = {}): Promise<Review[]> {
  return guard(() =>
    db.transaction('r', db.attempts, db.reviews, async () => {
      let reviews: Review[];
      if (filter.profileId === undefined) reviews = await db.reviews.toArray();
      else {
        const ids = await db.attempts.where('profileId').equals(filter.profileId).primaryKeys();
        reviews = await db.reviews.where('attemptId').anyOf(ids).toArray();
      }
      return reviews.sort((a, b) => b.updatedAt - a.updatedAt);
    }),
  );
}
