/**
 * Import directions between the layers of src/ (see shared STYLE.md): compiler ← machines ← state ← UI, scoring is
 * pure, storage alone knows Dexie, and the runtime never imports the script compiler.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

interface Layer {
  /** Folder under src/. */
  dir: string;
  /** Build-time modules this layer must not pull into the browser bundle even though their folder is allowed. */
  forbid?: string[];
  /** src/ folders (or single files) this layer may import. */
  mayImport: string[];
  /** npm packages this layer may import (prefix match, so `svelte` covers `svelte/reactivity`). */
  packages: string[];
}

/** Modules that run at build time or in Node only (YAML parsing, the compiler's index). */
const BUILD_TIME = ['scoring/index.ts', 'scoring/load-packs.ts', 'scoring/read-rule.ts', 'scoring/yaml-reader.ts'];

const layers: Layer[] = [
  { dir: 'diagnostics', mayImport: ['diagnostics'], packages: [] },
  // WebCrypto helpers (PIN hashing, bundle signatures): pure, the platform's crypto only.
  { dir: 'security', mayImport: ['security'], packages: [] },
  // The language layer (normalisation, segmentation, the classifiers) sits under scoring and knows nothing of it.
  { dir: 'language', mayImport: ['language'], packages: ['stemmer'] },
  // The pack loader parses YAML at build time; the engine itself needs no package.
  { dir: 'scoring', mayImport: ['scoring', 'diagnostics', 'language'], packages: ['yaml'] },
  // The labelled corpus and its evaluation: data shapes, metrics and noise, pure (src/cli reads the files).
  { dir: 'corpus', mayImport: ['corpus', 'scoring', 'diagnostics', 'machines/rng.ts'], packages: [] },
  { dir: 'scenarios', mayImport: ['scenarios', 'scoring', 'diagnostics'], packages: ['yaml', 'marked'] },
  {
    dir: 'machines',
    // The IR and its one meaning (conditions, effects, starting state, archetypes), never the compiler.
    mayImport: ['machines', 'scoring', 'diagnostics', 'scenarios/ir.ts', 'scenarios/semantics'],
    packages: ['xstate'],
  },
  {
    dir: 'storage',
    // The LRS outbox is written in the transactions of the rows it reports: storage builds statements (pure) there.
    mayImport: [
      'storage',
      'scoring',
      'diagnostics',
      'scenarios/ir.ts',
      'machines',
      'report',
      'security',
      'lrs/statements.ts',
      'lrs/xapi.ts',
      'lrs/ids.ts',
      'lrs/target.ts',
      'lrs/settings.ts',
      'lrs/setting-key.ts',
    ],
    packages: ['dexie'],
  },
  // xAPI statements, the LRS client and its settings: plain TypeScript on fetch, storage for the outbox and settings.
  { dir: 'lrs', mayImport: ['lrs', 'storage', 'scoring', 'report', 'scenarios/ir.ts'], packages: ['uuid'] },
  { dir: 'report', mayImport: ['report', 'scoring', 'scenarios/ir.ts'], packages: [] },
  { dir: 'i18n', mayImport: ['i18n'], packages: [] },
  {
    dir: 'state',
    mayImport: [
      'state',
      'i18n',
      'storage',
      'machines',
      'report',
      'scoring',
      'diagnostics',
      'scenarios/ir.ts',
      'content',
      'security',
      'lrs',
    ],
    forbid: BUILD_TIME,
    packages: ['svelte', 'xstate', 'virtual:calldojo'],
  },
  {
    dir: 'ui',
    mayImport: ['ui', 'state', 'i18n', 'report', 'scoring', 'diagnostics', 'scenarios/ir.ts', 'machines'],
    forbid: BUILD_TIME,
    packages: ['svelte', 'marked', 'dompurify', 'virtual:calldojo'],
  },
  // LMS runtimes (SCORM 1.2, cmi5) and package files: lazy chunks over the state's attempt events; nothing imports
  // them but the entry (main.ts) and the package CLI.
  {
    dir: 'lms',
    mayImport: ['lms', 'state', 'i18n', 'lrs', 'report', 'scoring', 'scenarios/ir.ts', 'storage/types.ts'],
    forbid: BUILD_TIME,
    packages: ['@xapi/cmi5'],
  },
];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|svelte)$/.test(entry.name)) yield p;
  }
}

/** Import specifiers of a file: static imports, re-exports and dynamic import() calls. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g,
  )) {
    found.add(m[1] ?? m[2] ?? m[3]);
  }
  return [...found];
}

/** Entries of src/ that are not layers: Node entry points (the CLIs), the app's entry file and the content typings. */
const ENTRY_POINTS = ['cli', 'main.ts', 'content.d.ts'];

function layerOf(file: string): Layer | undefined {
  const rel = relative(src, file).split('/')[0];
  return layers.find((l) => l.dir === rel);
}

/** Top-level entries of src/ that are neither a layer nor an entry point: a new folder must say where it sits. */
function unknownTopLevel(names: string[]): string[] {
  return names.filter((name) => !ENTRY_POINTS.includes(name) && !layers.some((l) => l.dir === name));
}

/**
 * Static imports of `entry` and everything they import in turn (relative specifiers only; dynamic `import()` is a
 * separate chunk loaded on demand, so it is not followed).
 */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(
      /(?:import|export)\s(?![^'"]*\btype\b\s*\{[^}]*\}\s*from)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\s+['"](\.[^'"]+)['"]/g,
    )) {
      if (/^import\s+type\s/.test(m[0]) || /^export\s+type\s/.test(m[0])) continue;
      const target = resolve(dirname(file), m[1] ?? m[2]);
      if (/\.(ts|svelte)$/.test(target)) stack.push(target);
    }
  }
  return seen;
}

/**
 * Files allowed one more folder than their layer: the Studio workbench compiles drafts in the browser. It is an
 * authoring tool in its own lazy chunk; no practice code imports it (checked below).
 */
const EXCEPTIONS: Record<string, string[]> = { 'src/state/studio-check.ts': ['scenarios'] };

/** What is wrong with one file's imports, given its path and import specifiers. */
function check(file: string, specs: string[]): string[] {
  const base = layerOf(file);
  const extra = EXCEPTIONS[relative(root, file)];
  // An exception widens what a file may import; it never lifts its layer's ban on build-time modules.
  const layer = base && extra ? { ...base, mayImport: [...base.mayImport, ...extra] } : base;
  const rel = relative(root, file);
  if (!layer) return []; // src/cli and the entry file are Node/app entry points with no restriction
  const out: string[] = [];
  for (const spec of specs) {
    if (spec.startsWith('.')) {
      const target = relative(src, resolve(dirname(file), spec));
      if (target.startsWith('..')) out.push(`${rel} imports ${spec}, outside src/`);
      else if (
        !layer.mayImport.some((allowed) => target === allowed || target.startsWith(`${allowed}/`)) ||
        layer.forbid?.includes(target)
      )
        out.push(`${rel} (${layer.dir}) must not import ${target}`);
    } else if (!layer.packages.some((p) => spec === p || spec.startsWith(`${p}/`) || spec.startsWith(`${p}:`))) {
      out.push(`${rel} (${layer.dir}) must not import package ${spec}`);
    }
  }
  return out;
}

function violations(): string[] {
  return [...sourceFiles(src)].flatMap((file) => check(file, importsOf(file)));
}

describe('architecture', () => {
  it('keeps every import inside the directions the layers allow', () => {
    expect(violations()).toEqual([]);
  });

  it('reports forbidden imports (the checker itself works)', () => {
    expect(check(join(src, 'scoring', 'x.ts'), ['dexie', '../ui/App.svelte', './types.ts'])).toEqual([
      'src/scoring/x.ts (scoring) must not import package dexie',
      'src/scoring/x.ts (scoring) must not import ui/App.svelte',
    ]);
    expect(
      check(join(src, 'machines', 'm.ts'), [
        '../scenarios/compile.ts',
        '../scenarios/ir.ts',
        '../scenarios/semantics/index.ts',
      ]),
    ).toEqual(['src/machines/m.ts (machines) must not import scenarios/compile.ts']);
    expect(check(join(src, 'state', 's.ts'), ['../scoring/index.ts', '../scoring/engine.ts'])).toEqual([
      'src/state/s.ts (state) must not import scoring/index.ts',
    ]);
    expect(importsOf(join(src, 'ui', 'App.svelte'))).toContain('../state/locale.svelte.ts');
  });

  it('knows every top-level entry of src/: a new folder must be given its place among the layers', () => {
    expect(unknownTopLevel(readdirSync(src))).toEqual([]);
    expect(unknownTopLevel(['scoring', 'cli', 'helpers'])).toEqual(['helpers']);
  });

  it('keeps the build-time ban for a file with an exception', () => {
    expect(
      check(join(root, 'src/state/studio-check.ts'), ['../scoring/load-packs.ts', '../scenarios/compile.ts']),
    ).toEqual(['src/state/studio-check.ts (state) must not import scoring/load-packs.ts']);
  });

  it('keeps the first page free of build-time modules and the authoring compiler (static imports from main.ts)', () => {
    const closure = [...staticClosure(join(src, 'main.ts'))].map((f) => relative(src, f));
    expect(closure).toContain('ui/App.svelte');
    const heavy = closure.filter(
      (f) =>
        BUILD_TIME.includes(f) ||
        f.startsWith('scenarios/compile') ||
        f.startsWith('scenarios/parse/') ||
        f === 'state/studio.svelte.ts' ||
        f === 'state/studio-check.ts',
    );
    expect(heavy).toEqual([]);
  });

  it('keeps the LMS runtimes out of the first page: main.ts statically reaches only the launch check', () => {
    const closure = [...staticClosure(join(src, 'main.ts'))].map((f) => relative(src, f));
    expect(closure.filter((f) => f.startsWith('lms/'))).toEqual(['lms/assignment.ts']);
  });

  it('keeps the scenario semantics free of the compiler: it imports only the IR, itself and scoring types', () => {
    const dir = join(src, 'scenarios', 'semantics');
    const offenders = [...sourceFiles(dir)].flatMap((file) =>
      importsOf(file)
        .map((spec) => relative(src, resolve(dirname(file), spec)))
        .filter(
          (target) =>
            !(
              target === 'scenarios/ir.ts' ||
              target.startsWith('scenarios/semantics/') ||
              target === 'scoring/types.ts'
            ),
        )
        .map((target) => `${relative(root, file)} imports ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the in-browser compiler out of everything but the Studio page', () => {
    const importers = [...sourceFiles(src)]
      .filter((f) => importsOf(f).some((spec) => spec.endsWith('studio.svelte.ts')))
      .map((f) => relative(root, f));
    expect(importers).toEqual(['src/ui/studio/Workbench.svelte']);
    const checkers = [...sourceFiles(src)]
      .filter((f) => importsOf(f).some((spec) => spec.endsWith('studio-check.ts')))
      .map((f) => relative(root, f))
      .sort();
    expect(checkers).toEqual(['src/state/studio.svelte.ts', 'src/state/studio.worker.ts']);
  });

  it('lets only src/storage read or write a table', () => {
    const tables =
      /\b(?:db|appDb\(\))\.(?:profiles|attempts|turns|records|reviews|overrides|deviceKeys|settings|outbox)\b|\.table\(/;
    const offenders = [...sourceFiles(src)]
      .filter((f) => relative(src, f).split('/')[0] !== 'storage' && tables.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
    expect(tables.test('await appDb().attempts.get(id)')).toBe(true);
  });

  it('lets only src/storage import Dexie and only src/cli use Node built-ins', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(src)) {
      const layer = relative(src, file).split('/')[0];
      for (const spec of importsOf(file)) {
        if ((spec === 'dexie' || spec.startsWith('dexie/')) && layer !== 'storage')
          offenders.push(relative(root, file));
        if (spec.startsWith('node:') && layer !== 'cli') offenders.push(relative(root, file));
      }
    }
    expect(offenders).toEqual([]);
  });
});
