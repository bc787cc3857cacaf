/**
 * The flat reads the live views follow (see `follow` in src/state/mentor-source.ts): table reads with no `await`
 * between them, so Dexie's live query sees every read it depends on; the view then loads with ordinary async code
 * (which may use WebCrypto, as checking corrections' signatures does). Read-only; here because only storage touches
 * tables.
 */
import type { CallDojoDb } from './db.ts';
import type { Attempt, Override, Profile, Review, Turn } from './types.ts';

/** The rows whose change alters one call's review: the attempt, its corrections and its review. */
export function reviewTrigger(db: CallDojoDb, attemptId: string): Promise<unknown> {
  return Promise.all([
    db.attempts.get(attemptId),
    db.overrides.where('attemptId').equals(attemptId).toArray(),
    db.reviews.where('attemptId').equals(attemptId).toArray(),
  ]);
}

/** Every row the cohort view depends on: profiles, finished calls, corrections, reviews, unscored calls. */
export function cohortTables(db: CallDojoDb): Promise<[Profile[], Attempt[], Override[], Review[], Attempt[]]> {
  return Promise.all([
    db.profiles.toArray(),
    db.attempts.where('status').equals('completed').toArray(),
    db.overrides.toArray(),
    db.reviews.toArray(),
    db.attempts.where('status').anyOf('ended', 'abandoned').toArray(),
  ]);
}

/**
 * The rows a trainee's progress and library cards depend on: their calls, every correction and review (a mentor's
 * verdict changes theirs), and this PC's mentor key (which decides which corrections count).
 */
export function progressTrigger(db: CallDojoDb, profileId: string): Promise<unknown> {
  return Promise.all([
    db.attempts.where('profileId').equals(profileId).toArray(),
    db.overrides.toArray(),
    db.reviews.toArray(),
    db.settings.toArray(),
  ]);
}

/** Every stored line of every call (the findings CSV reads them all at once). */
export function allTurns(db: CallDojoDb): Promise<Turn[]> {
  return db.turns.toArray();
}
