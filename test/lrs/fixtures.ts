/** Shared fixtures for the LRS tests: a configured connection and a fake LRS answering as the test says. */
import type { FetchLike } from '../../src/lrs/client.ts';
import { saveLrsSettings, type LrsSettings } from '../../src/lrs/settings.ts';
import type { Statement } from '../../src/lrs/xapi.ts';
import type { CallDojoDb } from '../../src/storage/db.ts';

export const SETTINGS: LrsSettings = {
  endpoint: 'http://lrs.test/xAPI/',
  key: 'calldojo',
  secret: 's3cret',
  homePage: 'https://staff.bank.example',
  activityBase: 'https://bank.example/calldojo/',
};

/** Saves the test connection (nothing is queued without one). */
export async function configure(db: CallDojoDb, s: Partial<LrsSettings> = {}): Promise<void> {
  const problems = await saveLrsSettings(db, { ...SETTINGS, ...s });
  if (problems.length) throw new Error(`test settings refused: ${JSON.stringify(problems)}`);
}

/** How the fake LRS answers one POST: a status, or `network` for a failed fetch. */
export type FakeAnswer = number | 'network';

/**
 * An in-process LRS: stores what it accepts (by id, refusing a batch with any statement `bad` says is bad, as a real
 * LRS refuses a batch as a whole), and answers `next()` when set (503, 401, 409, network…) instead.
 */
export function fakeLrs(options: { bad?: (s: Statement) => string | null } = {}) {
  const stored = new Map<string, Statement>();
  const posts: { statements: Statement[]; keepalive?: boolean; authorization?: string }[] = [];
  let answers: FakeAnswer[] = [];
  const fetch: FetchLike = async (url, init) => {
    const statements = JSON.parse(String(init?.body ?? '[]')) as Statement[];
    posts.push({
      statements,
      keepalive: init?.keepalive,
      authorization: (init?.headers as Record<string, string>)?.Authorization,
    });
    const forced = answers.shift();
    if (forced === 'network') throw new TypeError('Failed to fetch');
    if (forced !== undefined && forced !== 200)
      return new Response(JSON.stringify({ message: `forced ${forced}` }), { status: forced });
    if (!url.endsWith('/statements')) return new Response('not found', { status: 404 });
    for (const s of statements) {
      const why = options.bad?.(s);
      if (why) return new Response(JSON.stringify({ warnings: [why] }), { status: 400 });
      const had = stored.get(s.id);
      if (had && JSON.stringify(had) !== JSON.stringify(s))
        return new Response(JSON.stringify({ message: `conflict on ${s.id}` }), { status: 409 });
    }
    for (const s of statements) stored.set(s.id, s);
    return new Response(JSON.stringify(statements.map((s) => s.id)), { status: 200 });
  };
  return {
    fetch,
    stored,
    posts,
    /** The next POSTs answer these, in order (then the LRS behaves normally again). */
    answerNext(...next: FakeAnswer[]) {
      answers = next;
    },
    /** Every statement id the LRS received, with repeats (to prove nothing went twice). */
    received: () => posts.flatMap((p) => p.statements.map((s) => s.id)),
  };
}
