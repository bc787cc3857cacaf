/**
 * Bundle size from a real production build: the JS a trainee downloads before the first page shows (the entry chunk
 * and its static imports), against a minimal Svelte 5 app built in the same run as the baseline.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build, type Manifest } from 'vite';
import type { BenchResult } from './harness.ts';

const root = join(import.meta.dirname, '..');
const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Sum of gzip sizes of the entry chunk and everything it imports statically (what blocks the first paint). */
function initialBytes(outDir: string): { initial: number; total: number } {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)!;
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) walk(dep);
  };
  walk(entry);
  const initial = [...seen].reduce((sum, k) => sum + gz(join(outDir, manifest[k].file)), 0);
  const total = Object.values(manifest)
    .filter((c) => c.file.endsWith('.js'))
    .reduce((sum, c) => sum + gz(join(outDir, c.file)), 0);
  return { initial, total };
}

async function buildApp(outDir: string): Promise<void> {
  await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
}

/** A minimal Svelte 5 app (one component with one rune): the floor any Svelte page pays. */
async function buildBaseline(dir: string): Promise<void> {
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><div id="app"></div><script type="module" src="/main.ts"></script>',
  );
  writeFileSync(
    join(dir, 'main.ts'),
    "import { mount } from 'svelte';\nimport App from './App.svelte';\nmount(App, { target: document.getElementById('app')! });\n",
  );
  writeFileSync(join(dir, 'App.svelte'), '<script>let n = $state(0);</script><button onclick={() => n++}>{n}</button>');
  await build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    plugins: [svelte()],
    build: { outDir: join(dir, 'dist'), emptyOutDir: true, manifest: true },
  });
}

export default async function bundle(): Promise<BenchResult[]> {
  const appOut = mkdtempSync(join(tmpdir(), 'calldojo-bundle-'));
  // Inside the project so the baseline resolves svelte from the same node_modules (bench/out is git-ignored).
  mkdirSync(join(root, 'bench/out'), { recursive: true });
  const baseDir = mkdtempSync(join(root, 'bench/out/baseline-'));
  try {
    await buildApp(appOut);
    await buildBaseline(baseDir);
    const app = initialBytes(appOut);
    const base = initialBytes(join(baseDir, 'dist'));
    return [
      { name: 'bundle: initial JS (gzip)', value: app.initial / 1000, unit: 'KB', target: { op: '<=', value: 100 } },
      { name: 'bundle: all JS chunks (gzip)', value: app.total / 1000, unit: 'KB' },
      { name: 'bundle: initial share of all JS', value: app.initial / app.total, unit: 'ratio' },
      { name: 'bundle: minimal Svelte app baseline (gzip)', value: base.initial / 1000, unit: 'KB' },
      { name: 'bundle: initial JS / minimal Svelte app', value: app.initial / base.initial, unit: 'x' },
    ];
  } finally {
    rmSync(appOut, { recursive: true, force: true });
    rmSync(baseDir, { recursive: true, force: true });
  }
}
