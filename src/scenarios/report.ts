/** Collects positioned diagnostics for one compile, filling message, hint and severity from the catalogue. */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { MESSAGES, type Args, type DiagnosticCode } from './messages.ts';

export interface Span {
  start: number;
  end: number;
}

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly file: string) {}

  /** Records diagnostic `code` at `span` with catalogue arguments `args`. */
  report(code: DiagnosticCode, span: Span, args: Args = {}): void {
    const entry = MESSAGES[code];
    this.diagnostics.push({
      code,
      severity: entry.severity,
      message: entry.message(args),
      hint: entry.hint(args),
      args: Object.fromEntries(Object.entries(args).filter((e): e is [string, string | number] => e[1] !== undefined)),
      file: this.file,
      start: span.start,
      end: Math.max(span.end, span.start),
    });
  }

  get hasErrors(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
}
