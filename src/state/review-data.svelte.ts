/**
 * The mentor's exports and imports: CSV sheets for Excel, and signed bundles that carry trainees, calls and reviews
 * from one PC to another. A bundle that fails its signature or schema check is refused whole and changes nothing.
 */
import {
  MAX_IMPORT_CHARS,
  acceptToken,
  exportAll,
  importBundle,
  toStorageError,
  type ImportResult,
  type ImportSignature,
  type StorageError,
} from '../storage/index.ts';
import { appDb } from './db.ts';
import { buildCsv, csvFileName, type CsvKind } from './mentor-exports.ts';
import { rescoreImported, type RescoreSummary } from './rescore-import.ts';
import { bundleFile, downloadFile, readText } from './my-data.svelte.ts';

export type DataPhase = 'idle' | 'exporting' | 'reading' | 'importing';
/** A file held at import until a mentor accepts its device (or, unsigned, its source). */
export type HeldFile = Extract<ImportSignature, { status: 'held' }>;
export { displayFingerprint } from '../security/signature.ts';

export class ReviewDataState {
  phase = $state<DataPhase>('idle');
  /** Share of the current step done, 0–1 (reading the file, then merging its rows). */
  progress = $state(0);
  /** What the last export produced: the file name and, for bundles, how many calls it holds. */
  exported = $state.raw<{ name: string; attempts: number | null } | null>(null);
  importedFile = $state('');
  result = $state.raw<ImportResult | null>(null);
  /** The imported calls re-scored on this PC; calls whose stored verdict differs are flagged. */
  rescore = $state.raw<RescoreSummary | null>(null);
  error = $state.raw<StorageError | null>(null);
  // Errors in the result mean the file was refused as a whole and nothing changed.
  refused = $derived(this.result?.diagnostics.filter((d) => d.severity === 'error') ?? []);
  // A signature that did not verify: the file was changed after export (or damaged).
  tampered = $derived(this.result?.signature?.status === 'rejected');
  /** A file from a device not yet accepted (or unsigned): nothing imported until the mentor accepts it. */
  held = $derived(this.result?.signature?.status === 'held' ? (this.result.signature as HeldFile) : null);
  /** The text of the held file, imported again when the mentor accepts its device. */
  private heldText = '';

  constructor(
    private readonly save: (file: File) => void = downloadFile,
    /** The mentor accepting a device (recorded with it). */
    private readonly mentor: () => string = () => '',
  ) {}

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
    this.rescore = null;
    this.error = null;
    this.importedFile = file.name;
    try {
      this.heldText = await readText(file, (f) => (this.progress = f));
      await this.run(undefined);
    } catch (e) {
      this.error = toStorageError(e);
    } finally {
      this.phase = 'idle';
    }
  }

  /** Accepts the held file's device (or the unsigned file) and imports it. */
  async accept(): Promise<void> {
    const held = this.held;
    if (!held) return;
    try {
      await this.run({ token: acceptToken(held), by: this.mentor() });
    } catch (e) {
      this.error = toStorageError(e);
    } finally {
      this.phase = 'idle';
    }
  }

  private async run(accept: { token: string; by: string } | undefined): Promise<void> {
    this.phase = 'importing';
    this.progress = 0;
    this.error = null;
    this.result = await importBundle(appDb(), this.heldText, {
      file: this.importedFile,
      maxChars: MAX_IMPORT_CHARS,
      accept,
      onProgress: (done, total) => (this.progress = total ? done / total : 1),
    });
    if (this.result.signature?.status !== 'held') this.heldText = '';
    if (this.result.attemptIds.length) this.rescore = await rescoreImported(appDb(), this.result.attemptIds);
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
