/** The after-call record (催收记录): the only writer of `records`. */
import { OUTCOME_CODES } from '../scenarios/ir.ts';
import type { CallDojoDb } from './db.ts';
import { StorageError, guard } from './errors.ts';
import type { CallRecord } from './types.ts';

export type RecordInput = Omit<CallRecord, 'attemptId' | 'savedAt'>;

function check(input: RecordInput): void {
  if (!(OUTCOME_CODES as readonly string[]).includes(input.resultCode)) {
    throw new StorageError('invalid', `unknown result code ${input.resultCode}`);
  }
  if (input.promiseAmount !== null && !(Number.isFinite(input.promiseAmount) && input.promiseAmount >= 0)) {
    throw new StorageError('invalid', 'promise amount must be a non-negative number');
  }
  if (input.promiseDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(input.promiseDate)) {
    throw new StorageError('invalid', 'promise date must be YYYY-MM-DD');
  }
}

/**
 * Saves the record of a call that was not abandoned; submitting again (while the report is not yet final, or after
 * a correction) replaces the earlier record of the same attempt.
 */
export function saveRecord(db: CallDojoDb, attemptId: string, input: RecordInput): Promise<CallRecord> {
  return guard(() =>
    db.transaction('rw', db.attempts, db.records, async () => {
      check(input);
      const attempt = await db.attempts.get(attemptId);
      if (!attempt || attempt.status === 'abandoned') {
        throw new StorageError('not_found', `attempt ${attemptId} ${attempt ? 'was abandoned' : 'does not exist'}`);
      }
      const record: CallRecord = { ...input, attemptId, savedAt: Date.now() };
      await db.records.put(record);
      return record;
    }),
  );
}

/** The record of an attempt, or null when none was submitted. */
export function getRecord(db: CallDojoDb, attemptId: string): Promise<CallRecord | null> {
  return guard(async () => (await db.records.get(attemptId)) ?? null);
}
