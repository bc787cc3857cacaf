/** The life of one practice call: start, resume, complete or abandon. The only writer of `attempts`. */
import type { Lang } from '../scoring/types.ts';
import type { JudgedBy, MissedElement } from '../report/types.ts';
import type { CourseStage, OutcomeCode, PassPolicy } from '../scenarios/ir.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard, guardWrite } from './errors.ts';
import { newId } from './ids.ts';
import { summarizeFindings } from './summary.ts';
import { attemptedStatement, completionStatements } from '../lrs/statements.ts';
import { outboxEnv, queueStatements } from './outbox.ts';
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
  /** The app, rule-pack and scenario versions judging the call. */
  versions?: JudgedBy;
  /** The scenario's course (the LRS groups the call's statements under it). */
  course?: CourseStage;
}

/** Reads an attempt that must still be in progress (inside the caller's transaction). */
export async function inProgress(db: CallDojoDb, attemptId: string): Promise<Attempt> {
  const attempt = await db.attempts.get(attemptId);
  if (!attempt) throw new StorageError('not_found', `attempt ${attemptId}`);
  if (attempt.status !== 'in_progress')
    throw new StorageError('not_found', `attempt ${attemptId} is ${attempt.status}`);
  return attempt;
}

/**
 * Starts a call. Any call the profile left unfinished is marked abandoned in the same transaction (its lines and
 * findings kept), so there is never more than one call to resume (offer `findResumableAttempt` first). A call that
 * ended without its record stays `ended`: its record can still be filed.
 */
export function startAttempt(db: CallDojoDb, input: StartAttemptInput): Promise<Attempt> {
  return guardWrite(db, [db.profiles, db.attempts, db.turns, db.settings, db.outbox], async () => {
    const profile = await db.profiles.get(input.profileId);
    if (!profile) throw new StorageError('not_found', `profile ${input.profileId}`);
    const now = Date.now();
    const open = await db.attempts.where('[profileId+status]').equals([input.profileId, 'in_progress']).toArray();
    for (const a of open) await db.attempts.put(await abandoned(db, a, now));
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
    const out = await outboxEnv(db, profile.id);
    if (out) await queueStatements(db, out.to, [attemptedStatement(out.env, attempt)]);
    return attempt;
  });
}

/** One attempt, or a `not_found` StorageError. */
export function getAttempt(db: CallDojoDb, attemptId: string): Promise<Attempt> {
  return guard(async () => {
    const attempt = await db.attempts.get(attemptId);
    if (!attempt) throw new StorageError('not_found', `attempt ${attemptId}`);
    return attempt;
  });
}

/**
 * The profile's call to go back to, with its snapshot and turns so far, or null: a call in progress (what a reload
 * offers to resume) before a call that ended without its record (newest first). `scenarioId` narrows to one scenario.
 */
export function findResumableAttempt(
  db: CallDojoDb,
  profileId: string,
  scenarioId?: string,
): Promise<{ attempt: Attempt & { snapshot: SessionSnapshot }; turns: Turn[] } | null> {
  return guard(() =>
    db.transaction('r', db.attempts, db.turns, async () => {
      // An ended call imported from another PC has no snapshot: it cannot be filed here, only listed.
      const latest = async (status: 'in_progress' | 'ended') =>
        (await db.attempts.where('[profileId+status]').equals([profileId, status]).sortBy('startedAt'))
          .filter(
            (a) =>
              (scenarioId === undefined || a.scenarioId === scenarioId) && (status === 'in_progress' || a.snapshot),
          )
          .at(-1);
      const attempt = (await latest('in_progress')) ?? (await latest('ended'));
      if (!attempt) return null;
      if (!attempt.snapshot || typeof attempt.snapshot.version !== 'number') {
        throw new StorageError('corrupt', `attempt ${attempt.id} has no usable snapshot`);
      }
      const turns = await db.turns.where('attemptId').equals(attempt.id).sortBy('index');
      return { attempt: attempt as Attempt & { snapshot: SessionSnapshot }, turns };
    }),
  );
}

/**
 * The call is over (the persona or the trainee hung up, or it reached its ending) but its record is not filed yet:
 * it keeps `snapshot` (the session as it ended) so the record form can come back, and counts its findings so
 * mentors see them.
 */
export function endAttempt(
  db: CallDojoDb,
  attemptId: string,
  outcome: OutcomeCode | null,
  snapshot: SessionSnapshot,
): Promise<Attempt> {
  return guardWrite(db, [db.attempts, db.turns], async () => {
    const attempt = await inProgress(db, attemptId);
    const turns = await db.turns.where('attemptId').equals(attemptId).toArray();
    const ended: Attempt = {
      ...attempt,
      status: 'ended',
      outcome,
      endedAt: Date.now(),
      snapshot,
      findings: summarizeFindings(turns),
    };
    await db.attempts.put(ended);
    return ended;
  });
}

/** Reads an attempt whose call is in progress or ended without its record (inside the caller's transaction). */
async function notClosed(db: CallDojoDb, attemptId: string): Promise<Attempt> {
  const attempt = await db.attempts.get(attemptId);
  if (!attempt) throw new StorageError('not_found', `attempt ${attemptId}`);
  if (attempt.status !== 'in_progress' && attempt.status !== 'ended') {
    throw new StorageError('not_found', `attempt ${attemptId} is ${attempt.status}`);
  }
  return attempt;
}

/** The abandoned form of an open attempt: no snapshot, never scored, its findings counted for the mentor. */
async function abandoned(db: CallDojoDb, attempt: Attempt, now: number): Promise<Attempt> {
  const turns = await db.turns.where('attemptId').equals(attempt.id).toArray();
  return {
    ...attempt,
    status: 'abandoned',
    endedAt: attempt.endedAt ?? now,
    snapshot: null,
    findings: summarizeFindings(turns),
  };
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

/**
 * Closes a call (in progress, or ended and now with its record) with its machine scores, summarising its findings
 * and dropping the resume snapshot. A call that had ended keeps the time it ended. With an LRS configured, its
 * `completed` and `passed`/`failed` statements are queued in the same transaction (file the record first).
 */
export function completeAttempt(db: CallDojoDb, attemptId: string, result: CompleteAttemptInput): Promise<Attempt> {
  return guardWrite(db, [db.attempts, db.turns, db.profiles, db.records, db.settings, db.outbox], async () => {
    const attempt = await notClosed(db, attemptId);
    const turns = await db.turns.where('attemptId').equals(attemptId).toArray();
    const now = Date.now();
    const done: Attempt = {
      ...attempt,
      ...result,
      status: 'completed',
      endedAt: attempt.endedAt ?? now,
      snapshot: null,
      findings: summarizeFindings(turns),
    };
    await db.attempts.put(done);
    await db.profiles.update(attempt.profileId, { lastActiveAt: now });
    const out = await outboxEnv(db, attempt.profileId);
    if (out)
      await queueStatements(
        db,
        out.to,
        completionStatements(out.env, done, (await db.records.get(attemptId)) ?? null, now),
      );
    return done;
  });
}

/**
 * Gives up a call in progress or ended without its record (the trainee chose to start again): it is never scored
 * and never a pass, and its lines and findings stay for the mentor.
 */
export function abandonAttempt(db: CallDojoDb, attemptId: string): Promise<Attempt> {
  return guardWrite(db, [db.attempts, db.turns], async () => {
    const row = await abandoned(db, await notClosed(db, attemptId), Date.now());
    await db.attempts.put(row);
    return row;
  });
}
