/**
 * Compiles `content/` at build time so the browser gets plain JSON: rule packs (validated) and scenario IR (compiled
 * and linted with the scoring engine). Any error fails the build with `file:line:column` diagnostics; the runtime
 * never ships the YAML parser or the compiler.
 *
 * Virtual modules:
 * - `virtual:calldojo/rules`        default export `{ packs, moves, concepts, prefilters }` for `createEngine`
 * - `virtual:calldojo/models`       default export the trained classifiers `{ zh, en }` (content/models), a separate chunk
 * - `virtual:calldojo/replies`      default export the persona reply repertoires (content/replies), for Studio drafts
 * - `virtual:calldojo/courses`      default export every course's pass policy (content/courses/courses.yaml)
 * - `virtual:calldojo/catalog`      `scenarios` (summaries + `load()` of the full IR) and `diagnostics` (warnings)
 * - `virtual:calldojo/scenario/ID`  default export: one scenario's IR, a separate chunk
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { formatDiagnostic, locate, type Diagnostic } from '../src/diagnostics/diagnostic.ts';
import { compile } from '../src/scenarios/index.ts';
import type { CoursePolicies, Scenario } from '../src/scenarios/ir.ts';
import { createEngine, loadRulePacks, type Models } from '../src/scoring/index.ts';
import { readCoursesForNode } from '../src/cli/courses-node.ts';
import { readModels } from '../src/cli/engine-node.ts';
import { readRepliesForNode, withReplies } from '../src/cli/replies-node.ts';
import { checkReplyTargets, type Repertoire } from '../src/scenarios/load-replies.ts';

const PREFIX = 'virtual:calldojo/';
const RESOLVED = '\0' + PREFIX;

interface Compiled {
  rules: ReturnType<typeof loadRulePacks>;
  models: Models;
  /** Prefilter anchors by pattern source, computed here once so the page skips that analysis. */
  prefilters: Record<string, string[] | null>;
  scenarios: { scenario: Scenario; file: string }[];
  /** The persona reply repertoires (content/replies), for drafts the Studio compiles in the browser. */
  replies: Repertoire;
  /** Every course's pass policy; null when content/courses/courses.yaml has errors (they are in `diagnostics`). */
  courses: CoursePolicies | null;
  diagnostics: Diagnostic[];
}

function listFiles(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p, ext));
    else if (ext.test(entry.name)) out.push(p);
  }
  return out.sort();
}

/** A short content version: the first 12 hex digits of the text's SHA-256. */
function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Reads and compiles everything under `content/`; pure apart from reading the files. */
export function compileContent(root: string): Compiled {
  const rel = (p: string) => relative(root, p);
  const ruleFiles = listFiles(join(root, 'content/rules'), /\.ya?ml$/).map((p) => ({
    file: rel(p),
    text: readFileSync(p, 'utf8'),
  }));
  const loaded = loadRulePacks(ruleFiles);
  // Each pack and script carries a hash of its file: an attempt records the versions that judged it.
  const rules = {
    ...loaded,
    packs: loaded.packs.map((p) => ({
      ...p,
      version: contentHash(ruleFiles.find((f) => f.file === p.file)?.text ?? ''),
    })),
  };
  const models = readModels(join(root, 'content/models'));
  // Scripts are linted by the engine the app ships, models included: no model answer may be flagged by either.
  const engine = createEngine({ packs: rules.packs, moves: rules.moves, concepts: rules.concepts, models });
  const diagnostics = [...rules.diagnostics];
  const scenarios: Compiled['scenarios'] = [];
  // The persona reply repertoires (content/replies): resolved into each scenario's IR, so the runtime reads no YAML.
  const replies = readRepliesForNode(join(root, 'content/replies'), root);
  diagnostics.push(...replies.diagnostics);
  for (const p of listFiles(join(root, 'content/scripts'), /\.md$/)) {
    if (/(^|\/)README\.md$/i.test(p)) continue;
    const source = readFileSync(p, 'utf8');
    const result = compile(source, { file: rel(p), engine });
    diagnostics.push(...locate(source, result.diagnostics));
    if (result.scenario)
      scenarios.push({
        scenario: { ...withReplies(result.scenario, replies.repertoire), version: contentHash(source) },
        file: rel(p),
      });
  }
  diagnostics.push(
    ...checkReplyTargets(
      replies.repertoire,
      scenarios.map((s) => s.scenario),
    ),
  );
  const courses = readCoursesForNode(join(root, 'content/courses/courses.yaml'), root);
  diagnostics.push(...courses.diagnostics);
  return {
    rules,
    models,
    scenarios,
    replies: replies.repertoire,
    courses: courses.policies,
    diagnostics,
    prefilters: createEngine(rules).prefilters(),
  };
}

/** Vite plugin serving the compiled content as virtual modules. */
export function contentPlugin(): Plugin {
  let root = process.cwd();
  let cache: Compiled | undefined;
  const compiled = () => (cache ??= compileContent(root));

  return {
    name: 'calldojo-content',
    configResolved(config) {
      root = config.root;
    },
    configureServer(server) {
      server.watcher.add(join(root, 'content'));
    },
    resolveId(id) {
      return id.startsWith(PREFIX) ? '\0' + id : undefined;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return undefined;
      const c = compiled();
      const what = id.slice(RESOLVED.length);
      // Rules stand alone (the engine needs no scripts); scenarios need every file to be free of errors.
      const relevant =
        what === 'replies' || what === 'courses'
          ? c.diagnostics.filter((d) => d.file.startsWith(`content/${what}`))
          : what === 'rules' || what === 'models'
            ? c.diagnostics.filter((d) => !d.file.startsWith('content/scripts'))
            : c.diagnostics;
      const errors = relevant.filter((d) => d.severity === 'error');
      if (errors.length)
        this.error(`content has ${errors.length} error(s):\n${errors.map(formatDiagnostic).join('\n')}`);
      if (what === 'rules')
        return `export default ${JSON.stringify({ packs: c.rules.packs, moves: c.rules.moves, concepts: c.rules.concepts, prefilters: c.prefilters })};`;
      if (what === 'models') return `export default ${JSON.stringify(c.models)};`;
      if (what === 'replies') return `export default ${JSON.stringify(c.replies)};`;
      if (what === 'courses') return `export default ${JSON.stringify(c.courses)};`;
      if (what === 'catalog') return catalogModule(c);
      if (what.startsWith('scenario/')) {
        const wanted = decodeURIComponent(what.slice('scenario/'.length));
        const found = c.scenarios.find((s) => s.scenario.id === wanted);
        if (!found) this.error(`no scenario with id ${wanted}`);
        return `export default ${JSON.stringify(found!.scenario)};`;
      }
      this.error(`unknown content module ${id.slice(1)}`);
    },
    handleHotUpdate(ctx) {
      if (ctx.file.startsWith(join(root, 'content'))) {
        cache = undefined;
        ctx.server.ws.send({ type: 'full-reload' });
        return [];
      }
      return undefined;
    },
  };
}

function catalogModule(c: Compiled): string {
  const entries = c.scenarios.map(({ scenario: s, file }) => {
    const summary = {
      id: s.id,
      title: s.title,
      lang: s.lang,
      jurisdiction: s.jurisdiction,
      difficulty: s.difficulty,
      course: s.course,
      archetype: s.persona.archetype,
      file,
      nodes: s.nodes.length,
      endings: s.nodes.filter((n) => n.end).length,
    };
    const spec = JSON.stringify(`${PREFIX}scenario/${encodeURIComponent(s.id)}`);
    return `{ ...${JSON.stringify(summary)}, load: () => import(${spec}).then((m) => m.default) }`;
  });
  const warnings = c.diagnostics.filter((d) => d.severity !== 'error');
  return `export const scenarios = [\n${entries.join(',\n')}\n];\nexport const diagnostics = ${JSON.stringify(warnings)};\n`;
}
