/**
 * One diagnostic shape for every authored input (scripts, rule packs, imports), modelled on a compiler's:
 * a stable snake_case code, a severity, the file and UTF-16 offsets; line/column and the code frame are
 * computed only when a diagnostic is presented.
 */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable snake_case code, e.g. `unknown_branch_target`; tests and docs key on it. */
  code: string;
  severity: DiagnosticSeverity;
  /** What is wrong, in one sentence. */
  message: string;
  /** What to do about it ("Did you mean `verify`?"). */
  hint?: string;
  /** The values the message was built from, by name, so a UI can say it again in its own language. */
  args?: Record<string, string | number>;
  file: string;
  /** UTF-16 offsets into the source, `end` exclusive. */
  start: number;
  end: number;
  /** 1-based, filled by `locate`. */
  line?: number;
  column?: number;
}

/** Index of line starts, so many offsets can be located without rescanning the text. */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Converts a UTF-16 offset to a 1-based line and column (column counts UTF-16 units, as editors do). */
export function lineColumn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** Returns copies of the diagnostics with `line` and `column` filled in from `source`. */
export function locate(source: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const starts = lineStarts(source);
  return diagnostics.map((d) => ({ ...d, ...lineColumn(starts, Math.max(0, Math.min(d.start, source.length))) }));
}

/** A few lines of source around the diagnostic with a caret under the offending span. */
export function codeFrame(source: string, d: Pick<Diagnostic, 'start' | 'end'>, context = 1): string {
  const starts = lineStarts(source);
  const { line, column } = lineColumn(starts, d.start);
  const lines = source.split('\n');
  const from = Math.max(1, line - context);
  const to = Math.min(lines.length, line + context);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const text = lines[n - 1].replace(/\r$/, '');
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${text}`);
    if (n === line) {
      const span = Math.max(1, Math.min(d.end, starts[n - 1] + text.length) - d.start);
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(column - 1)}${'^'.repeat(span)}`);
    }
  }
  return out.join('\n');
}

/** `file:line:column severity code message` — the one-line form printed by the CLIs. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line ?? 0}:${d.column ?? 0}`;
  return `${where} ${d.severity} ${d.code} ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

/** Closest candidate by edit distance, for "did you mean" hints; undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
