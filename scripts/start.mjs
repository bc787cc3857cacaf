#!/usr/bin/env node
// `npm start`: builds the app when dist/ is missing or older than the sources, then serves it on 127.0.0.1.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const port = process.env.PORT ?? '4173';

/** @param {string} dir @returns {number} newest modification time below dir */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

const built = join(root, 'dist', 'index.html');
const sources = ['src', 'content', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(root, p));
const sourceTime = Math.max(
  ...sources.filter(existsSync).map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs)),
);
if (!existsSync(built) || statSync(built).mtimeMs < sourceTime) {
  console.log('Building CallDojo…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const server = spawn(
  process.execPath,
  [join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort'],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
let announced = false;
server.stdout.on('data', (chunk) => {
  if (!announced && /127\.0\.0\.1/.test(String(chunk))) {
    announced = true;
    console.log(`\nCallDojo 话术道场 is running at http://127.0.0.1:${port}/  (Ctrl+C to stop)\n`);
  }
});
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
