/**
 * Values read from a script, kept by their text so a text written again is read once and its value shared
 * (hash-consing): the mechanism behind `ConditionCache` and `EffectCache`. Callers keep only values that may be
 * shared (ones whose diagnostics would not differ by position). A script that does not repeat itself would only pay
 * for the map, so after `GIVE_UP_AFTER` distinct texts with no repeat the store stops (the seed scripts have at most
 * 29 conditions and 23 effect lists, so it never stops for a hand-written script).
 */
export const GIVE_UP_AFTER = 64;

export class Interned<T extends object> {
  private readonly values = new Map<string, T>();
  private off = false;
  /** Values handed out more than once: only their later work (resolution) is worth keeping. */
  readonly reused = new Set<T>();

  /** False once the script has shown it does not repeat itself: then callers read every text afresh. */
  get active(): boolean {
    return !this.off;
  }

  /** The value kept for `text` (now counted as reused), if any. */
  find(text: string): T | undefined {
    const known = this.values.get(text);
    if (known) this.reused.add(known);
    return known;
  }

  /** Keeps `value` for `text` when it may be shared; stops the store when nothing has repeated yet. */
  keep(text: string, value: T | null, shareable: boolean): void {
    if (value && shareable) this.values.set(text, value);
    this.off = this.values.size >= GIVE_UP_AFTER && this.reused.size === 0;
  }
}
