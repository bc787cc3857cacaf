/**
 * `npm run --silent corpus:check [files…]`: validates corpus JSONL files (default: every file in content/corpus) and
 * prints `file:line:column severity code message` per problem plus counts per label; exit 1 on errors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, locate } from '../diagnostics/diagnostic.ts';
import { readCorpusFile, type CorpusLine } from '../corpus/corpus.ts';
import { loadRulePacks } from '../scoring/index.ts';
import { readRuleFiles } from './rule-files.ts';

const dir = 'content/corpus';
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => join(dir, f));
const moveIds = new Set(
  loadRulePacks(readRuleFiles())
    .moves.filter((m) => m.kind === 'move')
    .map((m) => m.id),
);
let errors = 0;
const all: CorpusLine[] = [];
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const { lines, diagnostics } = readCorpusFile(file, source, moveIds);
  for (const d of locate(source, diagnostics)) process.stdout.write(`${formatDiagnostic(d)}\n`);
  errors += diagnostics.length;
  all.push(...lines);
}
const count = (keys: string[]) =>
  keys.reduce<Record<string, number>>((acc, k) => ((acc[k] = (acc[k] ?? 0) + 1), acc), {});
process.stdout.write(`${all.length} lines, ${errors} errors\n`);
process.stdout.write(`lang ${JSON.stringify(count(all.map((l) => l.lang)))}\n`);
process.stdout.write(`clean ${all.filter((l) => l.violations.length === 0).length}\n`);
process.stdout.write(`violations ${JSON.stringify(count(all.flatMap((l) => l.violations)))}\n`);
process.stdout.write(`tone ${JSON.stringify(count(all.map((l) => l.tone)))}\n`);
process.stdout.write(`moves ${JSON.stringify(count(all.flatMap((l) => l.moves)))}\n`);
process.exitCode = errors ? 1 : 0;
