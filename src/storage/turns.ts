/**
 * Lines of a call: the only writer of `turns`. Each line is stored together with the session snapshot taken after
 * it, in one transaction, so a reload resumes exactly at the last stored line. Await `recordTraineeTurn` before
 * showing the persona's reply, then `recordPersonaTurn` before rendering that reply.
 */
import Dexie from 'dexie';
import type { Assessment } from '../scoring/types.ts';
import type { CallStage } from '../scenarios/ir.ts';
import { inProgress } from './attempts.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';
import type { PersonaState, SessionSnapshot, Turn } from './types.ts';

function checkSnapshot(snapshot: SessionSnapshot): void {
  if (!snapshot || typeof snapshot !== 'object' || typeof snapshot.version !== 'number') {
    throw new StorageError('invalid', 'session snapshot must be an object with a numeric version');
  }
}

/** Appends one line with the next free index and saves `snapshot` on the attempt, atomically. */
async function appendTurn(
  db: CallDojoDb,
  attemptId: string,
  line: Omit<Turn, 'attemptId' | 'index' | 'at'>,
  snapshot: SessionSnapshot,
): Promise<Turn> {
  checkSnapshot(snapshot);
  return guard(() =>
    db.transaction('rw', db.attempts, db.turns, async () => {
      await inProgress(db, attemptId);
      const last = await db.turns
        .where('[attemptId+index]')
        .between([attemptId, Dexie.minKey], [attemptId, Dexie.maxKey])
        .last();
      const turn: Turn = { attemptId, index: last ? last.index + 1 : 0, ...line, at: Date.now() };
      await db.attempts.update(attemptId, { snapshot });
      await db.turns.add(turn);
      return turn;
    }),
  );
}

/** Stores what the trainee said and its assessment, with the snapshot taken after the engine consumed the line. */
export function recordTraineeTurn(
  db: CallDojoDb,
  attemptId: string,
  line: { text: string; assessment: Assessment; stage: CallStage },
  snapshot: SessionSnapshot,
): Promise<Turn> {
  return appendTurn(db, attemptId, { speaker: 'trainee', personaState: null, ...line }, snapshot);
}

/** Stores what the persona said and its state, with the snapshot taken after the reply; show the reply after this. */
export function recordPersonaTurn(
  db: CallDojoDb,
  attemptId: string,
  line: { text: string; personaState: PersonaState; stage: CallStage },
  snapshot: SessionSnapshot,
): Promise<Turn> {
  return appendTurn(db, attemptId, { speaker: 'persona', assessment: null, ...line }, snapshot);
}

/** The lines of a call in order. */
export function listTurns(db: CallDojoDb, attemptId: string): Promise<Turn[]> {
  return guard(() =>
    db.turns
      .where('[attemptId+index]')
      .between([attemptId, Dexie.minKey], [attemptId, Dexie.maxKey])
      .toArray(),
  );
}
