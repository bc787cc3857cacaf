/** What the LMS journeys share: building a package with the real npm script and serving its files on 127.0.0.1. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { unzipSync } from 'fflate';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml', '.txt': 'text/plain',
};

/** Runs `npm run --silent package:<kind> -- <args>`; returns the zip's files (stdout must be the zip's path alone). */
export function buildPackage(kind: 'scorm' | 'cmi5', args: string[]): { path: string; files: Record<string, Uint8Array> } {
  const run = spawnSync('npm', ['run', '--silent', `package:${kind}`, '--', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`package:${kind} failed (${run.status}):\n${run.stderr}`);
  const lines = run.stdout.split('\n').filter(Boolean);
  if (lines.length !== 1 || !lines[0].endsWith('.zip')) throw new Error(`package:${kind} printed more than the zip's path:\n${run.stdout}`);
  return { path: lines[0], files: unzipSync(readFileSync(lines[0])) };
}

export type Route = (req: IncomingMessage, res: ServerResponse, body: string) => boolean | Promise<boolean>;

/** Serves the package's files under `/pkg/` plus whatever `route` answers, on 127.0.0.1:`port` (0: any free port). */
export async function serve(files: Record<string, Uint8Array>, port: number, route: Route = () => false): Promise<{ server: Server; origin: string }> {
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
