/** The persona reply repertoires (content/replies/*.yaml) read in Node, as the build reads them for the app. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadReplies, repliesFor, type Repertoire } from '../scenarios/load-replies.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Scenario } from '../scenarios/ir.ts';

const root = join(import.meta.dirname, '../..');

/** Every `*.yaml` under `dir` (default content/replies), parsed, with its diagnostics (files named relative to `base`). */
export function readRepliesForNode(
  dir = join(root, 'content/replies'),
  base = process.cwd(),
): { repertoire: Repertoire; diagnostics: Diagnostic[] } {
  if (!existsSync(dir)) return { repertoire: {}, diagnostics: [] };
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ file: relative(base, join(dir, f)) || f, text: readFileSync(join(dir, f), 'utf8') }));
  return loadReplies(files);
}

let cached: Repertoire | undefined;
/** `scenario` with its persona replies from content/replies (read once per process). */
export function withReplies(
  scenario: Scenario,
  repertoire: Repertoire = (cached ??= readRepliesForNode().repertoire),
): Scenario {
  return { ...scenario, replies: repliesFor(repertoire, scenario) };
}
