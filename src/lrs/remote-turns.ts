/**
 * One remote call line by line, read on demand by its registration: the trainee's lines (`responded`/`answered`) with
 * their findings, tone and the persona's reply, and mentors' comments (`commented`) on them from any PC.
 */
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../scoring/types.ts';
import { getStatements, type FetchLike, type XapiConnection } from './client.ts';
import { EXT, VERBS, type Statement } from './xapi.ts';

export interface RemoteFinding {
  rule: string;
  category: Category;
  severity: Severity;
  quote: string;
}

export interface RemoteComment {
  /** The mentor's account name under the staff home page (as the commenting PC sent it). */
  by: string;
  reason: string;
  /** What the correction did (`overrule`, `add`, …) and to which rule, when the comment says so. */
  action: string | null;
  rule: string | null;
  at: number;
}

export interface RemoteLine {
  statementId: string;
  /** The line's place in the call (the stored turn index). */
  index: number;
  /** `answered` when a guided option was picked, `responded` when typed. */
  kind: 'responded' | 'answered';
  text: string;
  success: boolean | null;
  findings: RemoteFinding[];
  tone: { label: string; score: number } | null;
  personaReply: string | null;
  comments: RemoteComment[];
}

/** Every statement of one attempt (its lines, results and comments share the registration). */
export function readAttemptStatements(
  conn: XapiConnection,
  registration: string,
  options: { fetch?: FetchLike } = {},
): Promise<Statement[]> {
  return getStatements(conn, { registration, ascending: true }, { fetch: options.fetch });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function findingsOf(v: unknown): RemoteFinding[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((f) =>
    isObject(f) &&
    typeof f.rule === 'string' &&
    CATEGORIES.includes(f.category as Category) &&
    SEVERITIES.includes(f.severity as Severity)
      ? [
          {
            rule: f.rule,
            category: f.category as Category,
            severity: f.severity as Severity,
            quote: typeof f.quote === 'string' ? f.quote : '',
          },
        ]
      : [],
  );
}

function commentOf(s: Statement): RemoteComment {
  const c = s.result?.extensions?.[EXT.correction];
  const correction = isObject(c) ? c : {};
  return {
    by: s.actor.account.name,
    reason: s.result?.response ?? (typeof correction.reason === 'string' ? correction.reason : ''),
    action: typeof correction.action === 'string' ? correction.action : null,
    rule: typeof correction.rule === 'string' ? correction.rule : null,
    at: Date.parse(s.timestamp),
  };
}

/** The trainee's lines in call order, each with the comments that point at it; other statements are ignored. */
export function linesFromStatements(statements: readonly Statement[]): RemoteLine[] {
  const lines = new Map<string, RemoteLine>();
  for (const s of statements) {
    const kind = s.verb?.id === VERBS.responded.id ? 'responded' : s.verb?.id === VERBS.answered.id ? 'answered' : null;
    if (!kind || typeof s.result?.response !== 'string') continue;
    const ext = s.result.extensions ?? {};
    const tone = ext[EXT.tone];
    const index = ext[EXT.turnIndex];
    lines.set(s.id, {
      statementId: s.id,
      index: typeof index === 'number' ? index : Number.MAX_SAFE_INTEGER,
      kind,
      text: s.result.response,
      success: typeof s.result.success === 'boolean' ? s.result.success : null,
      findings: findingsOf(ext[EXT.findings]),
      tone:
        isObject(tone) && typeof tone.label === 'string' && typeof tone.score === 'number'
          ? { label: tone.label, score: tone.score }
          : null,
      personaReply: typeof ext[EXT.personaReply] === 'string' ? (ext[EXT.personaReply] as string) : null,
      comments: [],
    });
  }
  for (const s of statements) {
    if (s.verb?.id !== VERBS.commented.id || s.object?.objectType !== 'StatementRef') continue;
    lines.get(s.object.id)?.comments.push(commentOf(s));
  }
  for (const line of lines.values()) line.comments.sort((a, b) => a.at - b.at);
  return [...lines.values()].sort((a, b) => a.index - b.index);
}
