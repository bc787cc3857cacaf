/**
 * Lines of a call: the only writer of `turns`. Lines are stored together with the session snapshot taken after
 * them, in one transaction, so a reload resumes exactly at the last stored line. The practice screen stores each
 * exchange (the trainee's line and the persona's reply) with `recordExchange` before showing either.
 */
import Dexie from 'dexie';
import type { Assessment } from '../scoring/types.ts';
import type { CallStage, OutcomeCode } from '../scenarios/ir.ts';
import { endAttempt, inProgress } from './attempts.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard, guardWrite } from './errors.ts';
import { exchangeStatements } from '../lrs/statements.ts';
import { outboxEnv, queueStatements } from './outbox.ts';
import type { PersonaState, SessionSnapshot, Turn } from './types.ts';

function checkSnapshot(snapshot: SessionSnapshot): void {
  if (!snapshot || typeof snapshot !== 'object' || typeof snapshot.version !== 'number') {
    throw new StorageError('invalid', 'session snapshot must be an object with a numeric version');
  }
}

/** One line of an exchange, as the practice screen hands it over (index and time are added here). */
export type ExchangeLine = Omit<Turn, 'attemptId' | 'index' | 'at'>;

/**
 * Stores one exchange of a call: what the trainee said (if anything), the persona's reply (if any) and the session
 * snapshot taken after both, in one transaction, so a closed tab or a failed write never keeps a line without its
 * reply. Lines get the next free indexes in order; `end` also marks the call ended (see `endAttempt`) when the
 * exchange finished it. `after` is how many lines the writer has seen: if the call has more (another tab went on
 * with it), nothing is stored and a `moved_on` StorageError says so, so two conversations never interleave. With an
 * LRS configured, each scored trainee line's statement is queued in the same transaction (see outbox.ts).
 */
export async function recordExchange(
  db: CallDojoDb,
  attemptId: string,
  lines: ExchangeLine[],
  snapshot: SessionSnapshot,
  options: { after?: number; end?: { outcome: OutcomeCode | null } } = {},
): Promise<Turn[]> {
  checkSnapshot(snapshot);
  const { after, end } = options;
  return guardWrite(db, [db.attempts, db.turns, db.profiles, db.settings, db.outbox], async () => {
    const attempt = await inProgress(db, attemptId);
    const last = await db.turns
      .where('[attemptId+index]')
      .between([attemptId, Dexie.minKey], [attemptId, Dexie.maxKey])
      .last();
    const next = last ? last.index + 1 : 0;
    if (after !== undefined && after !== next)
      throw new StorageError('moved_on', `attempt ${attemptId} has ${next} lines, this tab saw ${after}`);
    const at = Date.now();
    const turns = lines.map((line, i): Turn => ({ attemptId, index: next + i, ...line, at }));
    await db.attempts.update(attemptId, { snapshot });
    await db.turns.bulkAdd(turns);
    const out = await outboxEnv(db, attempt.profileId);
    if (out) await queueStatements(db, out.to, exchangeStatements(out.env, attempt, turns));
    if (end) await endAttempt(db, attemptId, end.outcome, snapshot);
    return turns;
  });
}

/** Stores what the trainee said and its assessment, with the snapshot taken after the engine consumed the line. */
export function recordTraineeTurn(
  db: CallDojoDb,
  attemptId: string,
  line: { text: string; assessment: Assessment; stage: CallStage },
  snapshot: SessionSnapshot,
): Promise<Turn> {
  return recordExchange(db, attemptId, [{ speaker: 'trainee', personaState: null, ...line }], snapshot).then(
    ([turn]) => turn!,
  );
}

/** Stores what the persona said and its state, with the snapshot taken after the reply; show the reply after this. */
export function recordPersonaTurn(
  db: CallDojoDb,
  attemptId: string,
  line: { text: string; personaState: PersonaState; stage: CallStage },
  snapshot: SessionSnapshot,
): Promise<Turn> {
  return recordExchange(db, attemptId, [{ speaker: 'persona', assessment: null, ...line }], snapshot).then(
    ([turn]) => turn!,
  );
}

/** The lines of a call in order. */
export function listTurns(db: CallDojoDb, attemptId: string): Promise<Turn[]> {
  return guard(() =>
    db.turns.where('[attemptId+index]').between([attemptId, Dexie.minKey], [attemptId, Dexie.maxKey]).toArray(),
  );
}
