#!/usr/bin/env node
// The real LRS the browser tests talk to: Learning Locker's statement service (`@learninglocker/xapi-statements`,
// pinned with its lockfile in scripts/lrs/), installed from the npm registry into .cache/lrs/ (gitignored; skipped when
// the installed lockfile matches) and started on 127.0.0.1 only, with in-memory models, a throwaway storage folder and
// AUTH_REPO=test (any Basic credentials are accepted). Nothing of it ships in the app.
//   node scripts/lrs.mjs             install if needed, then serve on $LRS_PORT (default 8090) until killed
//   node scripts/lrs.mjs --install   install only (CI can warm the cache)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Module, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const pinned = join(root, 'scripts/lrs');
const cache = join(root, '.cache/lrs');
const pkgDir = join(cache, 'node_modules/@learninglocker/xapi-statements');
const HOST = '127.0.0.1';

/** True when .cache/lrs holds exactly what scripts/lrs/package-lock.json pins. */
function installed() {
  const lock = join(cache, 'package-lock.json');
  return (
    existsSync(join(pkgDir, 'dist/server.js')) &&
    existsSync(lock) &&
    readFileSync(lock, 'utf8') === readFileSync(join(pinned, 'package-lock.json'), 'utf8')
  );
}

function install() {
  if (installed()) return;
  console.error(`[lrs] installing @learninglocker/xapi-statements into ${cache} (first run only)`);
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(pinned, f), join(cache, f));
  // `npm ci` against the committed lockfile: the same tree on every machine. Its engine warnings are harmless here.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', cache], {
    cwd: cache,
    stdio: 'inherit',
  });
  if (r.status !== 0) {
    rmSync(join(cache, 'package-lock.json'), { force: true });
    console.error('[lrs] npm ci failed: the browser tests that need an LRS cannot run');
    process.exit(r.status ?? 1);
  }
}

/**
 * Starts the statement service in this process, bound to loopback (its own server.js listens on every interface).
 * @param {number} port
 */
function serve(port) {
  const storage = mkdtempSync(join(tmpdir(), 'calldojo-lrs-'));
  Object.assign(process.env, {
    EXPRESS_PORT: String(port),
    AUTH_REPO: 'test',
    MODELS_REPO: 'memory',
    STORAGE_REPO: 'local',
    EVENTS_REPO: 'test', // no Redis: new statements are announced to nobody
    FS_LOCAL_STORAGE_DIR: storage,
    WINSTON_CONSOLE_LEVEL: process.env.WINSTON_CONSOLE_LEVEL ?? 'warn',
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  });
  const requireLrs = createRequire(join(pkgDir, 'dist/server.js'));
  // server.js calls `app.listen(port)`; give the express it loads a listen that binds to 127.0.0.1 alone.
  const express = requireLrs('express');
  /** @type {(this: import('node:http').RequestListener, p: number, callback?: () => void) => import('node:http').Server} */
  express.application.listen = function listen(p, callback) {
    const server = createServer(this);
    server.listen(p, HOST, callback);
    return server;
  };
  // Its repository factory connects to MongoDB at start even with in-memory models, and logs a failure each second
  // while it retries; the memory models never use the connection, so it gets one that is refused at once, quietly.
  const mongo = requireLrs.resolve('./repo/utils/connectToMongoDb');
  const stub = new Module(mongo);
  stub.loaded = true;
  stub.exports = { default: () => () => Promise.reject(new Error('the test LRS keeps its models in memory')) };
  requireLrs.cache[mongo] = stub;
  process.on('exit', () => rmSync(storage, { recursive: true, force: true }));
  requireLrs('./server.js');
  console.log(`[lrs] xAPI endpoint http://${HOST}:${port}/xAPI/ (in memory, any Basic credentials)`);
}

install();
if (!process.argv.includes('--install')) serve(Number(process.env.LRS_PORT ?? 8090));
