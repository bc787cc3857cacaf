/** The life of one practice call: start, resume, complete or abandon. The only writer of `attempts`. */
import type { Lang } from '../scoring/types.ts';
import type { MissedElement } from '../report/types.ts';
import type { OutcomeCode, PassPolicy } from '../scenarios/ir.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';
import { newId } from './ids.ts';
import { summarizeFindings } from './summary.ts';
import type { Attempt, Mode, Scores, SessionSnapshot, Turn } from './types.ts';

export interface StartAttemptInput {
  profileId: string;
  scenarioId: string;
  scenarioTitle: string;
  lang: Lang;
  mode: Mode;
  seed: number;
  /** The session engine's state before the first line. */
  snapshot: SessionSnapshot;
}

/** Reads an attempt that must still be in progress (inside the caller's transaction). */
export async function inProgress(db: CallDojoDb, attemptId: string): Promise<Attempt> {
  const attempt = await db.attempts.get(attemptId);
  if (!attempt) throw new StorageError('not_found', `attempt ${attemptId}`);
  if (attempt.status !== 'in_progress') throw new StorageError('not_found', `attempt ${attemptId} is ${attempt.status}`);
  return attempt;
}

/**
 * Starts a call. Any call the profile left unfinished is marked abandoned in the same transaction, so there is
 * never more than one call to resume (offer `findResumableAttempt` first).
 */
export function startAttempt(db: CallDojoDb, input: StartAttemptInput): Promise<Attempt> {
  return guard(() =>
    db.transaction('rw', db.profiles, db.attempts, async () => {
      const profile = await db.profiles.get(input.profileId);
      if (!profile) throw new StorageError('not_found', `profile ${input.profileId}`);
      const now = Date.now();
      await db.attempts
        .where('[profileId+status]')
        .equals([input.profileId, 'in_progress'])
        .modify({ status: 'abandoned', endedAt: now, snapshot: null });
      const attempt: Attempt = {
        id: newId(),
        ...input,
        status: 'in_progress',
        startedAt: now,
        endedAt: null,
        outcome: null,
        scores: null,
        passed: null,
        blockerRule: null,
        findings: null,
      };
      await db.attempts.add(attempt);
      await db.profiles.update(profile.id, { lastActiveAt: now });
      return attempt;
    }),
  );
}

/** One attempt, or a `not_found` StorageError. */
export function getAttempt(db: CallDojoDb, attemptId: string): Promise<Attempt> {
  return guard(async () => {
    const attempt = await db.attempts.get(attemptId);
    if (!attempt) throw new StorageError('not_found', `attempt ${attemptId}`);
    return attempt;
  });
}

/** The profile's unfinished call with its snapshot and turns so far, or null: what a reload offers to resume. */
export function findResumableAttempt(
  db: CallDojoDb,
  profileId: string,
): Promise<{ attempt: Attempt & { snapshot: SessionSnapshot }; turns: Turn[] } | null> {
  return guard(() =>
    db.transaction('r', db.attempts, db.turns, async () => {
      const open = await db.attempts.where('[profileId+status]').equals([profileId, 'in_progress']).sortBy('startedAt');
      const attempt = open.at(-1);
      if (!attempt) return null;
      if (!attempt.snapshot || typeof attempt.snapshot.version !== 'number') {
        throw new StorageError('corrupt', `attempt ${attempt.id} has no usable snapshot`);
      }
      const turns = await db.turns.where('attemptId').equals(attempt.id).sortBy('index');
      return { attempt: attempt as Attempt & { snapshot: SessionSnapshot }, turns };
    }),
  );
}

export interface CompleteAttemptInput {
  scores: Scores;
  outcome: OutcomeCode | null;
  passed: boolean;
  /** The blocking rule that failed the call, if any. */
  blockerRule: string | null;
  /** The course's pass policy the verdict applied (left out: revised by `LEGACY_POLICY`, as older calls are). */
  policy?: PassPolicy;
  /** The report's missed elements and the number expected (kept so a mentor can credit one). */
  missed?: MissedElement[];
  expected?: number;
}

/** Closes a call with its machine scores, summarising its findings and dropping the resume snapshot. */
export function completeAttempt(db: CallDojoDb, attemptId: string, result: CompleteAttemptInput): Promise<Attempt> {
  return guard(() =>
    db.transaction('rw', db.attempts, db.turns, db.profiles, async () => {
      const attempt = await inProgress(db, attemptId);
      const turns = await db.turns.where('attemptId').equals(attemptId).toArray();
      const now = Date.now();
      const done: Attempt = {
        ...attempt,
        ...result,
        status: 'completed',
        endedAt: now,
        snapshot: null,
        findings: summarizeFindings(turns),
      };
      await db.attempts.put(done);
      await db.profiles.update(attempt.profileId, { lastActiveAt: now });
      return done;
    }),
  );
}

/** Gives up a call (the trainee chose not to resume); its turns stay for the record but it is never scored. */
export function abandonAttempt(db: CallDojoDb, attemptId: string): Promise<Attempt> {
  return guard(() =>
    db.transaction('rw', db.attempts, async () => {
      const attempt = await inProgress(db, attemptId);
      const abandoned: Attempt = { ...attempt, status: 'abandoned', endedAt: Date.now(), snapshot: null };
      await db.attempts.put(abandoned);
      return abandoned;
    }),
  );
}
