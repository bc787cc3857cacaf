/**
 * The mentor's exports and imports: CSV sheets for Excel, and signed bundles that carry trainees, calls and reviews
 * from one PC to another. A bundle that fails its signature or schema check is refused whole and changes nothing.
 */
import { MAX_IMPORT_CHARS, exportAll, importBundle, toStorageError, type ImportResult, type StorageError } from '../storage/index.ts';
import { appDb } from './db.ts';
import { buildCsv, csvFileName, type CsvKind } from './mentor-exports.ts';
import { bundleFile, downloadFile, readText } from './my-data.svelte.ts';

export type DataPhase = 'idle' | 'exporting' | 'reading' | 'importing';

export class ReviewDataState {
  phase = $state<DataPhase>('idle');
  /** Share of the current step done, 0–1 (reading the file, then merging its rows). */
  progress = $state(0);
  /** What the last export produced: the file name and, for bundles, how many calls it holds. */
  exported = $state.raw<{ name: string; attempts: number | null } | null>(null);
  importedFile = $state('');
  result = $state.raw<ImportResult | null>(null);
  error = $state.raw<StorageError | null>(null);
  // Errors in the result mean the file was refused as a whole and nothing changed.
  refused = $derived(this.result?.diagnostics.filter((d) => d.severity === 'error') ?? []);
  // A signature that did not verify: the file was changed after export (or damaged).
  tampered = $derived(this.result?.signature?.status === 'rejected');

  constructor(private readonly save: (file: File) => void = downloadFile) {}

  /** Builds one CSV sheet and hands it to the browser's download. */
  exportCsv(kind: CsvKind, lang: 'zh' | 'en'): Promise<void> {
    return this.exporting(async () => {
      const text = await buildCsv(appDb(), kind, lang);
      const file = new File([text], csvFileName(kind), { type: 'text/csv;charset=utf-8' });
      this.save(file);
      return { name: file.name, attempts: null };
    });
  }

  /** Exports every trainee's finished calls and reviews, signed with this PC's key. */
  exportBundle(): Promise<void> {
    return this.exporting(async () => {
      const bundle = await exportAll(appDb());
      const file = bundleFile(bundle);
      this.save(file);
      return { name: file.name, attempts: bundle.attempts.length };
    });
  }

  /** Reads and imports a bundle, reporting progress; the result says what was added, skipped, in conflict or refused. */
  async importFile(file: File): Promise<void> {
    this.phase = 'reading';
    this.progress = 0;
    this.result = null;
    this.error = null;
    this.importedFile = file.name;
    try {
      const text = await readText(file, (f) => (this.progress = f));
      this.phase = 'importing';
      this.progress = 0;
      this.result = await importBundle(appDb(), text, {
        file: file.name, maxChars: MAX_IMPORT_CHARS, onProgress: (done, total) => (this.progress = total ? done / total : 1),
      });
    } catch (e) {
      this.error = toStorageError(e);
    } finally {
      this.phase = 'idle';
    }
  }

  private async exporting(fn: () => Promise<{ name: string; attempts: number | null }>): Promise<void> {
    this.phase = 'exporting';
    this.error = null;
    try {
      this.exported = await fn();
    } catch (e) {
      this.error = toStorageError(e);
    } finally {
      this.phase = 'idle';
    }
  }
}
