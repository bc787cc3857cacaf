/**
 * The offset bookkeeping every normalisation pass shares. A pass reads a `Mapped` text (for each UTF-16 unit, the
 * original span it came from) and emits new units, each naming the span of *its input* it replaces; the builder
 * composes that with the input's own map, so after any number of passes each unit still points at the trainee's
 * original characters.
 *
 * Cost matters (every line a trainee types passes through four of these), so the maps are plain arrays while the
 * passes run, a pass that changes nothing hands back its input untouched, and the typed arrays of `Normalized` are
 * made once at the end: allocating an Int32Array costs about a microsecond, as much as a whole pass over a line.
 */
export interface Normalized {
  text: string;
  /** For each UTF-16 index i of `text`, the original index it came from. */
  from: Int32Array;
  /** For each i, the original end (exclusive) of the char it came from. */
  to: Int32Array;
}

/** A pass's input and output: maps as plain arrays, or null for the identity (the original line itself). */
export interface Mapped {
  text: string;
  from: number[] | null;
  to: number[] | null;
}

export class Builder {
  private out = '';
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  /** Until the first change the output is the input's prefix [0, clean), kept unwritten. */
  private dirty = false;
  private clean = 0;

  constructor(private readonly input: Mapped) {}

  /** Copies input units [start, end) unchanged, keeping each unit's own span. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    if (!this.dirty && start === this.clean) {
      this.clean = end;
      return;
    }
    this.startDirty();
    this.write(start, end);
  }

  /** Emits `s`, every unit of which replaces input units [start, end). Empty spans are ignored. */
  emit(s: string, start: number, end: number): void {
    if (s.length === 0 || end <= start) return;
    this.startDirty();
    const f = this.fromOf(start);
    const t = this.toOf(end - 1);
    for (let k = 0; k < s.length; k++) {
      this.from.push(f);
      this.to.push(t);
    }
    this.out += s;
  }

  /** The original end of the last unit emitted or copied, or -1 before the first. */
  lastEnd(): number {
    if (!this.dirty) return this.clean > 0 ? this.toOf(this.clean - 1) : -1;
    return this.to.length > 0 ? this.to[this.to.length - 1] : -1;
  }

  /** Widens the last unit to also cover input units up to `end` (a mark that belongs to its character). */
  extendLast(end: number): void {
    this.startDirty();
    if (this.to.length > 0) this.to[this.to.length - 1] = this.toOf(end - 1);
  }

  done(): Mapped {
    if (!this.dirty && this.clean === this.input.text.length) return this.input;
    this.startDirty();
    return { text: this.out, from: this.from, to: this.to };
  }

  private fromOf(k: number): number {
    return this.input.from ? this.input.from[k] : k;
  }

  private toOf(k: number): number {
    return this.input.to ? this.input.to[k] : k + 1;
  }

  private startDirty(): void {
    if (this.dirty) return;
    this.dirty = true;
    this.write(0, this.clean);
  }

  private write(start: number, end: number): void {
    if (end <= start) return;
    const { from, to } = this.input;
    if (from && to) {
      for (let k = start; k < end; k++) {
        this.from.push(from[k]);
        this.to.push(to[k]);
      }
    } else {
      for (let k = start; k < end; k++) {
        this.from.push(k);
        this.to.push(k + 1);
      }
    }
    this.out += this.input.text.slice(start, end);
  }
}

/** The line itself, before any pass. */
export const original = (text: string): Mapped => ({ text, from: null, to: null });

/** The public form of a pass's result: both maps in one buffer. */
export function freeze(m: Mapped): Normalized {
  const n = m.text.length;
  const buf = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    buf[i] = m.from ? m.from[i] : i;
    buf[n + i] = m.to ? m.to[i] : i + 1;
  }
  return { text: m.text, from: buf.subarray(0, n), to: buf.subarray(n) };
}
