/** Reads the corpus folder (every `*.jsonl` batch and `splits.json`) in Node; build-time and CLI only. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { readCorpusFile, SPLITS, type CorpusLine, type Split } from '../corpus/corpus.ts';

export interface LoadedCorpus {
  bySplit: Record<Split, CorpusLine[]>;
  diagnostics: Diagnostic[];
  /** File source text by path, for locating diagnostics. */
  sources: Map<string, string>;
}

export function loadCorpus(dir: string, moveIds: ReadonlySet<string>): LoadedCorpus {
  const splitsFile = join(dir, 'splits.json');
  const splits = JSON.parse(readFileSync(splitsFile, 'utf8')) as Record<string, string>;
  const bySplit = { train: [], dev: [], test: [] } as Record<Split, CorpusLine[]>;
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const file = join(dir, name);
    const batch = basename(name, '.jsonl');
    const split = splits[batch] as Split | undefined;
    const source = readFileSync(file, 'utf8');
    sources.set(file, source);
    if (!split || !SPLITS.includes(split)) {
      diagnostics.push({
        code: 'corpus_no_split',
        severity: 'error',
        message: `batch ${batch} is not assigned to a split`,
        hint: `add "${batch}": "train" | "dev" | "test" to ${splitsFile}`,
        file,
        start: 0,
        end: 0,
      });
      continue;
    }
    const read = readCorpusFile(file, source, moveIds);
    diagnostics.push(...read.diagnostics);
    bySplit[split].push(...read.lines);
  }
  return { bySplit, diagnostics, sources };
}
