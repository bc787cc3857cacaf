/**
 * `npm run --silent lint:scripts [paths…] [--json] [--frame]` — compiles scenario scripts with the scoring engine
 * and prints `file:line:column severity code message (hint)` per diagnostic (or a JSON array with `--json`; add the
 * source lines with `--frame`). Default: every `*.md` under content/scripts except README.md. Exits 1 on any error.
 * A script that compiles is also rehearsed on the live persona machine: a warning (`model_call_unsteady`) when its
 * model answers do not reach the playthrough's ending on every one of 20 seeds, and one (`option_mishandled`) per
 * `[good]` or `[ok]` option that, typed at its node on one of those seeds, ends the call in a hang-up, complaint or refusal.
 * The courses' pass policies (content/courses/courses.yaml) are checked too.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { codeFrame, formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { mishandledOptions, rehearseAcrossSeeds, rehearseOptions, unsteadyModelCall } from '../machines/index.ts';
import { checkerCrashed, compile, lintLibrary, playthrough } from '../scenarios/index.ts';
import { createEngine, loadRulePacks } from '../scoring/index.ts';
import { readRuleFiles } from './rule-files.ts';
import { readModels } from './engine-node.ts';
import { readRepliesForNode, withReplies } from './replies-node.ts';
import { checkReplyTargets } from '../scenarios/load-replies.ts';
import { readCoursesForNode } from './courses-node.ts';

const root = join(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const frame = args.includes('--frame');
const paths = args.filter((a) => !a.startsWith('--'));

const rules = loadRulePacks(readRuleFiles(relative(process.cwd(), join(root, 'content/rules')) || '.'));
// The engine the app ships, trained models included: no model answer may be flagged by either.
const engine = createEngine({ ...rules, models: readModels(join(root, 'content/models')) });
const replies = readRepliesForNode();
const files = (paths.length ? paths : [join(root, 'content/scripts')]).flatMap(expand);
const sources = new Map<string, string>();
const diagnostics: Diagnostic[] = rules.diagnostics.filter((d) => d.severity === 'error');
const compiled = files.map((path) => {
  const file = relative(process.cwd(), path) || path;
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch {
    diagnostics.push({
      code: 'file_unreadable',
      severity: 'error',
      message: `Cannot read ${file}.`,
      hint: 'Check the path.',
      file,
      start: 0,
      end: 0,
      line: 0,
      column: 0,
    });
    return { file, scenario: null };
  }
  sources.set(file, source);
  // One file's failure is that file's diagnostic: every other file is still checked, and `--json` stays JSON.
  try {
    const result = compile(source, { file, engine });
    diagnostics.push(...result.diagnostics);
    // Rehearsed as the app plays it: with the persona's reply repertoire.
    if (result.scenario) result.scenario = withReplies(result.scenario, replies.repertoire);
    // A clean script is also rehearsed: its model answers on the live persona, over 20 seeds.
    const golden = result.scenario && playthrough(result.scenario, { engine }).modelPath;
    if (result.scenario && golden?.outcome) {
      const warning = unsteadyModelCall(
        result.scenario,
        rehearseAcrossSeeds(result.scenario, engine, golden.outcome),
        golden,
        file,
        source,
      );
      if (warning) diagnostics.push(warning);
    }
    // And every good or acceptable option, typed at its node on the same seeds.
    if (result.scenario) diagnostics.push(...mishandledOptions(rehearseOptions(result.scenario, engine), file, source));
    return { file, scenario: result.scenario };
  } catch (e) {
    diagnostics.push(checkerCrashed(file, e));
    return { file, scenario: null };
  }
});
diagnostics.push(...lintLibrary(compiled));
// The reply repertoires: their own mistakes, and overrides naming a scenario or node that does not exist.
diagnostics.push(
  ...replies.diagnostics,
  ...checkReplyTargets(
    replies.repertoire,
    compiled.flatMap((c) => (c.scenario ? [c.scenario] : [])),
    paths.length > 0,
  ),
);
// The courses' pass policies, which every call of the scripts above is judged by.
const courses = readCoursesForNode();
diagnostics.push(...courses.diagnostics);

if (json) console.log(JSON.stringify(diagnostics, null, 2));
else {
  for (const d of diagnostics) {
    console.log(formatDiagnostic(d));
    const source = sources.get(d.file);
    if (frame && source !== undefined) console.log(codeFrame(source, d) + '\n');
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  console.error(`${files.length} scripts, ${errors} errors, ${diagnostics.length - errors} warnings`);
}
process.exitCode = diagnostics.some((d) => d.severity === 'error') ? 1 : 0;

/** A file stays as given; a directory yields its `*.md` files (recursively) except README.md. */
function expand(path: string): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return [path];
  }
  if (!isDir) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && !/(^|\/)README\.md$/i.test(f))
    .sort()
    .map((f) => join(path, f));
}
