/** The idempotent merge step of an import: add what is new, skip what is identical, report what differs. */
import { canonicalJson } from '../security/canonical.ts';

export interface ImportCounts {
  profiles: number;
  attempts: number;
  turns: number;
  records: number;
  reviews: number;
  overrides: number;
}

export interface ImportConflict {
  table: keyof ImportCounts;
  /** Key of the local row that was kept. */
  key: string;
  reason: string;
}

/** What a merge reports into; `tick` advances the import's progress by a number of rows. */
export interface MergeSink {
  added: ImportCounts;
  skipped: ImportCounts;
  conflicts: ImportConflict[];
  tick(rows: number): void;
}

export const zeroCounts = (): ImportCounts => ({
  profiles: 0,
  attempts: 0,
  turns: 0,
  records: 0,
  reviews: 0,
  overrides: 0,
});

/** The two table operations a merge uses (any Dexie table or EntityTable fits). */
interface MergeTable<T, K> {
  bulkGet(keys: K[]): PromiseLike<(T | undefined)[]>;
  bulkAdd(items: readonly T[]): PromiseLike<unknown>;
}

/** Large tables are written in chunks so progress can be reported between them (all inside one transaction). */
const CHUNK = 5000;

/**
 * Merges `rows` into `table` by primary key. `same` compares a local row with an imported one (canonical JSON of both
 * by default); `reason` explains a conflict. Returns the rows now present as in the file (added or identical).
 */
export async function mergeRows<T, K>(
  table: MergeTable<T, K>,
  rows: readonly T[],
  options: {
    name: keyof ImportCounts;
    key: (row: T) => K;
    label: (row: T) => string;
    reason: (mine: T, theirs: T) => string;
    same?: (mine: T, theirs: T) => boolean;
    prepare?: (row: T) => T;
  },
  sink: MergeSink,
): Promise<T[]> {
  const same = options.same ?? ((a: T, b: T) => canonicalJson(a) === canonicalJson(b));
  const accepted: T[] = [];
  for (let at = 0; at < rows.length; at += CHUNK) {
    const chunk = rows.slice(at, at + CHUNK);
    const local = await table.bulkGet(chunk.map(options.key));
    const fresh: T[] = [];
    chunk.forEach((row, i) => {
      const mine = local[i];
      if (!mine) {
        fresh.push(options.prepare ? options.prepare(row) : row);
        accepted.push(row);
        sink.added[options.name]++;
      } else if (same(mine, row)) {
        accepted.push(row);
        sink.skipped[options.name]++;
      } else sink.conflicts.push({ table: options.name, key: options.label(row), reason: options.reason(mine, row) });
    });
    await table.bulkAdd(fresh);
    sink.tick(chunk.length);
  }
  return accepted;
}
