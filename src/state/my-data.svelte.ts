/**
 * "My data" in Settings: export the current trainee's finished calls as a file, and import such a file. Importing is
 * all-or-nothing (storage validates the whole file first), so a bad file leaves the database as it was.
 */
import {
  MAX_IMPORT_CHARS,
  acceptToken,
  exportFileName,
  exportProfile,
  importBundle,
  toStorageError,
  type ExportBundle,
  type ImportResult,
  type ImportSignature,
  type SignedBundle,
  type StorageError,
} from '../storage/index.ts';
import { appDb } from './db.ts';
import { mentorLock } from './mentor-lock.svelte.ts';

export type DataPhase = 'idle' | 'exporting' | 'reading' | 'importing';

export interface ExportedFile {
  name: string;
  bytes: number;
  attempts: number;
}

export class MyDataState {
  phase = $state<DataPhase>('idle');
  /** Share of the chosen file read so far, 0–1, while `phase` is `reading`. */
  readProgress = $state(0);
  exported = $state.raw<ExportedFile | null>(null);
  /** Name of the file the last import result belongs to. */
  importedFile = $state('');
  result = $state.raw<ImportResult | null>(null);
  /** The browser could not read the chosen file at all (moved, permissions…). */
  unreadable = $state(false);
  error = $state.raw<StorageError | null>(null);
  // Diagnostics that refused the file: when there is any, the import changed nothing.
  refused = $derived(this.result?.diagnostics.filter((d) => d.severity === 'error') ?? []);
  // Warnings that came with a successful import (e.g. a staff number now shared by two profiles).
  warnings = $derived(this.result?.diagnostics.filter((d) => d.severity !== 'error') ?? []);
  /** A file from a device not yet accepted (or unsigned): held until a mentor, unlocked in this tab, accepts it. */
  held = $derived(
    this.result?.signature?.status === 'held'
      ? (this.result.signature as Extract<ImportSignature, { status: 'held' }>)
      : null,
  );
  private heldText = '';

  constructor(private readonly save: (file: File) => void = downloadFile) {}

  /** Exports `profileId`'s finished calls and hands the file to the browser's download. */
  async exportMine(profileId: string): Promise<void> {
    this.phase = 'exporting';
    this.error = null;
    try {
      // Signed with this PC's key, so a file edited on the way to another PC is refused there.
      const bundle = await exportProfile(appDb(), profileId, { signed: true });
      const file = bundleFile(bundle);
      this.save(file);
      this.exported = { name: file.name, bytes: file.size, attempts: bundle.attempts.length };
    } catch (e) {
      this.error = toStorageError(e);
    } finally {
      this.phase = 'idle';
    }
  }

  /** Reads `file` (reporting progress) and imports it; the result says what was added, skipped or in conflict. */
  async importFile(file: File): Promise<void> {
    this.phase = 'reading';
    this.readProgress = 0;
    this.result = null;
    this.unreadable = false;
    this.error = null;
    this.importedFile = file.name;
    try {
      this.heldText = await readText(file, (f) => (this.readProgress = f));
      await this.run(undefined);
    } catch (e) {
      if (e instanceof DOMException && this.phase === 'reading') this.unreadable = true;
      else this.error = toStorageError(e);
    } finally {
      this.phase = 'idle';
    }
  }

  /** Imports the held file, its device (or its being unsigned) accepted by the mentor unlocked in this tab. */
  async accept(): Promise<void> {
    if (!this.held || mentorLock.status !== 'unlocked') return;
    try {
      await this.run({ token: acceptToken(this.held), by: mentorLock.mentor });
    } catch (e) {
      this.error = toStorageError(e);
    } finally {
      this.phase = 'idle';
    }
  }

  private async run(accept: { token: string; by: string } | undefined): Promise<void> {
    this.phase = 'importing';
    this.error = null;
    this.result = await importBundle(appDb(), this.heldText, {
      file: this.importedFile,
      maxChars: MAX_IMPORT_CHARS,
      accept,
    });
    if (this.result.signature?.status !== 'held') this.heldText = '';
  }
}

/** The export as a pretty-printed JSON file (readable, and import errors then point at a meaningful line). */
export function bundleFile(bundle: ExportBundle | SignedBundle): File {
  return new File([JSON.stringify(bundle, null, 2)], exportFileName(bundle), { type: 'application/json' });
}

/** Offers `file` as a download through a temporary link to an in-memory object URL (nothing leaves the PC). */
export function downloadFile(file: File): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute later it is long done.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads a file as UTF-8 text, reporting the share read so far (large exports take a moment). */
export function readText(file: Blob, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    reader.onload = () => {
      onProgress(1);
      resolve(String(reader.result));
    };
    reader.onerror = () => reject(reader.error ?? new DOMException('The file could not be read.', 'NotReadableError'));
    reader.readAsText(file);
  });
}
