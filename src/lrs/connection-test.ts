/**
 * "Test connection" in Settings: one authenticated read that stores nothing (GET statements?limit=1), classified into
 * what a trainer can act on: it works, the key or secret is wrong, or the LRS cannot be reached at that address.
 */
import { resourceUrl, xapiHeaders, type FetchLike, type XapiConnection } from './client.ts';

export type ConnectionVerdict =
  | { kind: 'ok' }
  | { kind: 'credentials'; status: number }
  | { kind: 'unreachable'; reason: string }
  /** The address answers, but not as an xAPI statements resource (a wrong path, a proxy page…). */
  | { kind: 'not_lrs'; status: number };

/** Asks the LRS for one statement with the saved credentials; never throws. */
export async function testConnection(
  conn: XapiConnection,
  fetch: FetchLike = globalThis.fetch.bind(globalThis),
): Promise<ConnectionVerdict> {
  let res: Response;
  try {
    res = await fetch(resourceUrl(conn.endpoint, 'statements?limit=1'), {
      headers: xapiHeaders(conn),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    return { kind: 'unreachable', reason: e instanceof Error ? e.message : String(e) };
  }
  if (res.status === 401 || res.status === 403) return { kind: 'credentials', status: res.status };
  if (res.status >= 500) return { kind: 'unreachable', reason: `HTTP ${res.status}` };
  if (!res.ok) return { kind: 'not_lrs', status: res.status };
  const body = (await res.json().catch(() => null)) as { statements?: unknown } | null;
  return body && Array.isArray(body.statements) ? { kind: 'ok' } : { kind: 'not_lrs', status: res.status };
}
