/**
 * Deterministic statement ids: the same attempt and part always give the same UUID (v5, RFC 9562 §5.5), so a retry
 * after a lost response sends the same statement again and the LRS keeps one (xAPI 1.0.3: a statement with a known id
 * and the same content is accepted without a copy).
 */
import { v5 as uuidv5 } from 'uuid';

/** CallDojo's namespace for statement ids (a fixed random UUID; never change it, or old ids stop matching). */
export const STATEMENT_NAMESPACE = '5a4f3c59-8d3e-4c1b-9f0e-6b1d2f7c8a90';

/**
 * The id of one statement about an attempt. `part` names which: `turn/3`, `attempted`, `completed`, `result`
 * (passed or failed), `override/<override id>`.
 */
export function statementId(attemptId: string, part: string): string {
  return uuidv5(`${attemptId}/${part}`, STATEMENT_NAMESPACE);
}

/** An attempt id as an xAPI registration (attempt ids are UUIDs already; others are mapped deterministically). */
export function registrationOf(attemptId: string): string {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(attemptId)
    ? attemptId.toLowerCase()
    : uuidv5(`registration/${attemptId}`, STATEMENT_NAMESPACE);
}
