/**
 * `npm run --silent package:scorm -- <scenario id…>` and `npm run --silent package:cmi5 [-- <scenario id…>]`: build
 * the app for an LMS (`vite build --mode lms`: no service worker, the assignment in lms.json) and zip it with
 * imsmanifest.xml or cmi5.xml at its root. Prints only the zip's path; any mistake exits 1 before anything is written.
 *
 * Options: --mode guided|practice|exam (default exam), --base <activity IRI base> (cmi5 ids), --out <folder>.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { compileContent } from '../../tools/vite-plugin-content.ts';
import { didYouMean, formatDiagnostic } from '../diagnostics/diagnostic.ts';
import { DEFAULT_ACTIVITY_BASE } from '../lrs/settings.ts';
import { ASSIGNMENT_FILE, LMS_SYSTEMS, type Assignment, type LmsSystem } from '../lms/assignment.ts';
import { cmi5CourseXml, scormManifest, type PackageSpec } from '../lms/package-files.ts';
import { MODES, type Mode } from '../storage/types.ts';

const root = resolve(import.meta.dirname, '../..');

class UsageError extends Error {}

interface Options {
  system: LmsSystem;
  ids: string[];
  mode: Mode;
  base: string;
  out: string;
}

/** Reads the command line; throws UsageError with what to type instead. */
export function parseArgs(argv: string[]): Options {
  const [system, ...rest] = argv;
  if (!LMS_SYSTEMS.includes(system as LmsSystem))
    throw new UsageError(`first argument must be ${LMS_SYSTEMS.join(' or ')}`);
  const o: Options = {
    system: system as LmsSystem,
    ids: [],
    mode: 'exam',
    base: DEFAULT_ACTIVITY_BASE,
    out: join(root, 'dist-lms'),
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--mode') {
      const m = value();
      if (!MODES.includes(m as Mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}, not "${m}"`);
      o.mode = m as Mode;
    } else if (a === '--base') o.base = value();
    else if (a === '--out') o.out = resolve(value());
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a} (options: --mode, --base, --out)`);
    else o.ids.push(a);
  }
  if (o.system === 'scorm12' && o.ids.length === 0)
    throw new UsageError('name at least one scenario id: npm run --silent package:scorm -- <scenario id…>');
  return o;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

function main(argv: string[]): string {
  const o = parseArgs(argv);
  const content = compileContent(root);
  const errors = content.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !content.courses)
    throw new UsageError(`content has errors:\n${errors.map(formatDiagnostic).join('\n')}`);
  const known = new Map(content.scenarios.map(({ scenario }) => [scenario.id, scenario]));
  const ids = o.ids.length ? [...new Set(o.ids)] : [...known.keys()];
  for (const id of ids) {
    if (known.has(id)) continue;
    const near = didYouMean(id, known.keys());
    throw new UsageError(
      `unknown scenario id "${id}"${near ? ` (did you mean "${near}"?)` : ''}; the ids are in content/scripts/*.md (id: …)`,
    );
  }
  const courses = content.courses;
  const scenarios = ids.map((id) => {
    const s = known.get(id)!;
    return { id, title: s.title, lang: s.lang, passMark: courses[s.course].pass_mark };
  });

  const build = mkdtempSync(join(tmpdir(), 'calldojo-lms-'));
  try {
    // The build's own output goes to stderr: stdout carries only the zip's path.
    const vite = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--mode',
        'lms',
        '--outDir',
        build,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: root, stdio: ['ignore', 2, 2] },
    );
    if (vite.status !== 0) throw new UsageError(`the build failed (vite exit ${vite.status})`);
    const assignment: Assignment = {
      system: o.system,
      scenarios: ids,
      mode: o.mode,
      ...(o.system === 'cmi5' ? { activityBase: o.base } : {}),
    };
    writeFileSync(join(build, ASSIGNMENT_FILE), `${JSON.stringify(assignment, null, 2)}\n`);
    const files = listFiles(build);
    const name = ids.length === 1 ? ids[0] : `${ids.length}-scenarios`;
    const spec: PackageSpec = {
      id: `${o.system}-${name}`,
      title:
        ids.length === 1
          ? `CallDojo 话术道场 · ${scenarios[0].title}`
          : `CallDojo 话术道场 · ${ids.length} 个场景 scenarios`,
      scenarios,
      files,
    };
    const entries: Record<string, Uint8Array> = {};
    for (const f of files) entries[f] = readFileSync(join(build, f));
    const [descriptor, text] =
      o.system === 'scorm12' ? ['imsmanifest.xml', scormManifest(spec)] : ['cmi5.xml', cmi5CourseXml(spec, o.base)];
    entries[descriptor] = new TextEncoder().encode(text);
    mkdirSync(o.out, { recursive: true });
    const zip = join(o.out, `calldojo-${spec.id}.zip`);
    writeFileSync(zip, zipSync(entries, { level: 6 }));
    return zip;
  } finally {
    rmSync(build, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  try {
    process.stdout.write(`${main(process.argv.slice(2))}\n`);
  } catch (e) {
    process.stderr.write(`package: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
