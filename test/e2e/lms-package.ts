/** What the LMS journeys share: building a package with the real npm script and serving its files on 127.0.0.1. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { unzipSync } from 'fflate';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};

/** Runs `npm run --silent package:<kind> -- <args>`; returns the zip's files (stdout must be the zip's path alone). */
export function buildPackage(
  kind: 'scorm' | 'cmi5',
  args: string[],
): { path: string; files: Record<string, Uint8Array> } {
  const run = spawnSync('npm', ['run', '--silent', `package:${kind}`, '--', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`package:${kind} failed (${run.status}):\n${run.stderr}`);
  const lines = run.stdout.split('\n').filter(Boolean);
  if (lines.length !== 1 || !lines[0].endsWith('.zip'))
    throw new Error(`package:${kind} printed more than the zip's path:\n${run.stdout}`);
  return { path: lines[0], files: unzipSync(readFileSync(lines[0])) };
}

export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => boolean | Promise<boolean>;

/** Serves the package's files under `/pkg/` plus whatever `route` answers, on 127.0.0.1:`port` (0: any free port). */
export async function serve(
  files: Record<string, Uint8Array>,
  port: number,
  route: Route = () => false,
): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (await route(req, res, body)) return;
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.startsWith('/pkg/') ? files[path.slice('/pkg/'.length)] : undefined;
    if (!file) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(file);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { server, origin: `http://127.0.0.1:${actual}` };
}

/**
 * A call that passes on zh-first-contact-tight-money (test/machines/plans, "tight-plain": a promise to pay on every
 * seed), and the after-call record that matches it: the minimum payment, three days from the call day.
 */
export const PASSING_CALL = [
  '您好，这里是华信银行信用卡中心账务管理部，我姓王，工号3021，请问是张伟先生吗？',
  '张先生，您尾号6688的卡逾期35天了，现在要还12860.5元，最低还1286元，今天打电话就是想看看您这边什么情况。',
  '我理解，最近是碰到什么困难了吗？',
  '厂里停工确实挺难的。不过逾期每天都有利息，还会上征信。这个月能不能先把最低还款1286元还了？',
  '那您看周五之前能还上1286元吗？',
  '好的，那我确认一下，本周五前您通过手机银行还1286元，对吧？',
];
export const PASSING_RECORD = {
  code: 'ptp',
  amount: '1286',
  date: () => new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
};
