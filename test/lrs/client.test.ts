import { describe, expect, it } from 'vitest';
import {
  basicAuth,
  getStatements,
  postStatements,
  queryString,
  resourceUrl,
  type FetchLike,
} from '../../src/lrs/client.ts';
import { registrationOf, statementId } from '../../src/lrs/ids.ts';
import { checkLrsSettings, DEFAULT_ACTIVITY_BASE } from '../../src/lrs/settings.ts';
import { nodeActivityId, VERBS, type Statement } from '../../src/lrs/xapi.ts';

const conn = { endpoint: 'http://127.0.0.1:9/xAPI/', authorization: basicAuth('k', 's') };
const statement = (id: string): Statement => ({
  id,
  actor: { objectType: 'Agent', account: { homePage: 'https://bank.example', name: 'T001' } },
  verb: VERBS.attempted,
  object: { objectType: 'Activity', id: 'https://x/s/1' },
  timestamp: '2026-12-07T00:00:00.000Z',
});

/** An in-process LRS stand-in answering with `status` and `body`, recording what it was sent. */
function answering(status: number, body: unknown = '') {
  const seen: { url: string; init?: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    seen.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
  return { fetch, seen };
}

describe('statement ids', () => {
  it('are the same for the same attempt and part, and differ otherwise', () => {
    expect(statementId('a1', 'turn/0')).toBe(statementId('a1', 'turn/0'));
    expect(statementId('a1', 'turn/0')).not.toBe(statementId('a1', 'turn/1'));
    expect(statementId('a1', 'turn/0')).not.toBe(statementId('a2', 'turn/0'));
    expect(statementId('a1', 'turn/0')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
  it('keep a UUID attempt id as the registration and map other ids to a stable UUID', () => {
    const uuid = '0b6f4c1e-2d3a-4e5f-8a9b-1c2d3e4f5a6b';
    expect(registrationOf(uuid)).toBe(uuid);
    expect(registrationOf('legacy-7')).toBe(registrationOf('legacy-7'));
    expect(registrationOf('legacy-7')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('postStatements', () => {
  it('sends the batch as JSON with the xAPI version and credentials', async () => {
    const lrs = answering(200, ['x']);
    expect(await postStatements(conn, [statement('s1')], { fetch: lrs.fetch })).toEqual({ kind: 'ok' });
    const { url, init } = lrs.seen[0]!;
    expect(url).toBe('http://127.0.0.1:9/xAPI/statements');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['X-Experience-API-Version']).toBe('1.0.3');
    expect((init?.headers as Record<string, string>).Authorization).toBe(`Basic ${btoa('k:s')}`);
    expect(JSON.parse(String(init?.body))[0].id).toBe('s1');
  });
  it.each([
    [409, 'conflict'],
    [400, 'rejected'],
    [401, 'unauthorised'],
    [403, 'unauthorised'],
    [503, 'retry'],
    [429, 'retry'],
  ] as const)('classifies %i as %s', async (status, kind) => {
    const answer = await postStatements(conn, [statement('s1')], {
      fetch: answering(status, { message: 'why' }).fetch,
    });
    expect(answer.kind).toBe(kind);
    if (answer.kind !== 'ok') expect(answer.reason).toContain('why');
  });
  it('keeps the LRS warnings of a refusal as the reason a mentor reads', async () => {
    const lrs = answering(400, { warnings: ["Missing required value in 'statements.0.verb'"] });
    const answer = await postStatements(conn, [statement('s1')], { fetch: lrs.fetch });
    expect(answer).toEqual({ kind: 'rejected', reason: "400: Missing required value in 'statements.0.verb'" });
  });
  it('treats no network as retry, never as an error thrown at the caller', async () => {
    const answer = await postStatements(conn, [statement('s1')], {
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    expect(answer).toEqual({ kind: 'retry', reason: 'Failed to fetch' });
  });
});

describe('getStatements', () => {
  it('follows `more` links until the last page', async () => {
    const pages: Record<string, unknown> = {
      'http://127.0.0.1:9/xAPI/statements?verb=v': { statements: [statement('a')], more: '/xAPI/statements?page=2' },
      'http://127.0.0.1:9/xAPI/statements?page=2': { statements: [statement('b')], more: '' },
    };
    const fetch: FetchLike = async (url) =>
      new Response(JSON.stringify(pages[url]), { status: pages[url] ? 200 : 404 });
    const got = await getStatements(conn, { verb: 'v' }, { fetch });
    expect(got.map((s) => s.id)).toEqual(['a', 'b']);
  });
  it('says the LRS refused the reader, with its answer', async () => {
    await expect(
      getStatements(conn, {}, { fetch: answering(401, { message: 'bad key' }).fetch }),
    ).rejects.toMatchObject({
      answer: { kind: 'unauthorised', status: 401 },
    });
  });
});

describe('queries, resources and settings', () => {
  it('encodes an agent filter as JSON and joins resources with one slash', () => {
    expect(queryString({ agent: { account: { homePage: 'h', name: 'n' } }, limit: 5 })).toBe(
      '?agent=%7B%22account%22%3A%7B%22homePage%22%3A%22h%22%2C%22name%22%3A%22n%22%7D%7D&limit=5',
    );
    expect(resourceUrl('https://lrs/xAPI', '/statements')).toBe('https://lrs/xAPI/statements');
  });
  it('names a scenario node under the configured base', () => {
    expect(nodeActivityId('https://bank.cn/calldojo', '010-first contact', 'open')).toBe(
      'https://bank.cn/calldojo/scenarios/010-first%20contact/nodes/open',
    );
  });
  it('reports each unusable field of a connection by name', () => {
    const problems = checkLrsSettings({
      endpoint: 'ftp://x',
      key: ' ',
      secret: '',
      homePage: 'nope',
      activityBase: DEFAULT_ACTIVITY_BASE,
    });
    expect(problems).toEqual([
      { field: 'endpoint', code: 'not_http' },
      { field: 'key', code: 'required' },
      { field: 'secret', code: 'required' },
      { field: 'homePage', code: 'not_url' },
    ]);
  });
});
