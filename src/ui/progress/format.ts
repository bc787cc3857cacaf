/** Display formatting shared by the progress components (dates in the UI language, file sizes). */

/** A call's date and time as the trainee's language writes it, e.g. `2026年11月22日 14:05`. */
export function formatWhen(ms: number, locale: string): string {
  return new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A file size in KB or MB with one decimal. */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}
