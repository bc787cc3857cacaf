/**
 * A small xAPI client on `fetch` (xAPI 1.0.3 Part Three, Data Processing, Validation and Security): POST a batch of
 * statements and read statements back page by page. Every answer is classified into what the outbox does next, so
 * callers never look at status codes.
 */
import { XAPI_VERSION, type Statement } from './xapi.ts';

/** Where statements go and how the LRS knows us: `authorization` is the full header value ("Basic …"). */
export interface XapiConnection {
  /** The LRS's xAPI base, e.g. `https://lrs.bank.cn/xAPI/` (with or without the trailing slash). */
  endpoint: string;
  authorization: string;
}

/**
 * What an LRS said to a batch: `ok` stored (200/204); `conflict` (409) an id already holds a different statement,
 * keep it and flag it; `rejected` (400) the LRS refuses the batch and says why, park it for a mentor; `unauthorised`
 * (401/403) stop and ask for credentials; `retry` (5xx, 429, no network, timeout) try again later.
 */
export type LrsAnswer =
  | { kind: 'ok' }
  | { kind: 'conflict'; reason: string }
  | { kind: 'rejected'; reason: string }
  | { kind: 'unauthorised'; status: number; reason: string }
  | { kind: 'retry'; reason: string };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The URL of an xAPI resource under the endpoint. */
export function resourceUrl(endpoint: string, resource: string): string {
  return endpoint.replace(/\/+$/, '') + '/' + resource.replace(/^\/+/, '');
}

/** Headers every xAPI request carries. */
export function xapiHeaders(conn: XapiConnection, json = false): Record<string, string> {
  return {
    'X-Experience-API-Version': XAPI_VERSION,
    Authorization: conn.authorization,
    ...(json ? { 'Content-Type': 'application/json' } : {}),
  };
}

/** `Basic` authorization for an LRS key and secret (the usual LRS client credentials). */
export function basicAuth(key: string, secret: string): string {
  const bytes = new TextEncoder().encode(`${key}:${secret}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

/** The LRS's own words about a refusal (its JSON `message`/`warnings`, else the body), kept short for a person. */
async function reasonOf(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { message?: unknown; warnings?: unknown };
    const parts = [body.message, ...(Array.isArray(body.warnings) ? body.warnings : [])].filter(
      (p) => typeof p === 'string',
    );
    if (parts.length) return `${res.status}: ${parts.join('; ')}`.slice(0, 2000);
  } catch {
    // not JSON: the text itself
  }
  return `${res.status}${text ? `: ${text.slice(0, 2000)}` : ''}`;
}

/** Classifies a response to a statements POST. */
export async function answerOf(res: Response): Promise<LrsAnswer> {
  if (res.ok) return { kind: 'ok' };
  const reason = await reasonOf(res);
  if (res.status === 409) return { kind: 'conflict', reason };
  if (res.status === 401 || res.status === 403) return { kind: 'unauthorised', status: res.status, reason };
  if (res.status === 429 || res.status >= 500) return { kind: 'retry', reason };
  return { kind: 'rejected', reason };
}

/** Sends a batch of statements; never throws (no network and timeouts are `retry`). */
export async function postStatements(
  conn: XapiConnection,
  statements: Statement[],
  options: { fetch?: FetchLike; timeoutMs?: number; keepalive?: boolean } = {},
): Promise<LrsAnswer> {
  const f = options.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    const res = await f(resourceUrl(conn.endpoint, 'statements'), {
      method: 'POST',
      headers: xapiHeaders(conn, true),
      body: JSON.stringify(statements),
      keepalive: options.keepalive,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    return await answerOf(res);
  } catch (e) {
    return { kind: 'retry', reason: e instanceof Error ? e.message : String(e) };
  }
}

/** Filters of a statements GET (xAPI 1.0.3 §2.1.3 GET Statements); all optional. */
export interface StatementQuery {
  agent?: { account: { homePage: string; name: string } };
  verb?: string;
  activity?: string;
  registration?: string;
  related_activities?: boolean;
  since?: string;
  until?: string;
  limit?: number;
  ascending?: boolean;
}

/** The query string of a statements GET. */
export function queryString(q: StatementQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    p.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export class LrsReadError extends Error {
  override readonly name = 'LrsReadError';
  constructor(
    readonly answer: Exclude<LrsAnswer, { kind: 'ok' }>,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Every statement matching `query`, following the LRS's `more` links page by page (at most `maxPages`, so a huge
 * store cannot hang the page). `onPage` reports progress. Throws LrsReadError with the classified answer.
 */
export async function getStatements(
  conn: XapiConnection,
  query: StatementQuery,
  options: { fetch?: FetchLike; maxPages?: number; onPage?: (count: number) => void } = {},
): Promise<Statement[]> {
  const f = options.fetch ?? globalThis.fetch.bind(globalThis);
  const out: Statement[] = [];
  let url = resourceUrl(conn.endpoint, 'statements') + queryString(query);
  for (let page = 0; page < (options.maxPages ?? 200); page++) {
    let res: Response;
    try {
      res = await f(url, { headers: xapiHeaders(conn), signal: AbortSignal.timeout(30_000) });
    } catch (e) {
      throw new LrsReadError({ kind: 'retry', reason: e instanceof Error ? e.message : String(e) }, 'LRS unreachable');
    }
    if (!res.ok) {
      const answer = await answerOf(res);
      if (answer.kind === 'ok') break;
      throw new LrsReadError(answer, `LRS answered ${res.status}`);
    }
    const body = (await res.json()) as { statements?: Statement[]; more?: string };
    out.push(...(body.statements ?? []));
    options.onPage?.(out.length);
    if (!body.more) return out;
    // `more` is relative to the LRS's host (xAPI 1.0.3 §2.1.3): resolve it against the endpoint.
    url = new URL(body.more, conn.endpoint).toString();
  }
  return out;
}
