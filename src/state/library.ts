/** Library filtering and grouping: plain TS over scenario summaries, so it is testable without a DOM. */
export interface LibraryFilters {
  course: string;
  archetype: string;
  difficulty: string;
  lang: string;
}

export const NO_FILTERS: LibraryFilters = { course: '', archetype: '', difficulty: '', lang: '' };

interface Filterable {
  course: string;
  archetype: string;
  difficulty: number;
  lang: string;
  file: string;
}

/** Scenarios matching every non-empty filter, in the trainer's file order (number prefixes order the course). */
export function filterScenarios<T extends Filterable>(all: readonly T[], f: LibraryFilters): T[] {
  return all
    .filter(
      (s) =>
        (!f.course || s.course === f.course) &&
        (!f.archetype || s.archetype === f.archetype) &&
        (!f.difficulty || String(s.difficulty) === f.difficulty) &&
        (!f.lang || s.lang === f.lang),
    )
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The distinct values present for one field, so filters never offer an option that yields nothing. */
export function presentValues<T extends Filterable>(all: readonly T[], field: keyof LibraryFilters): string[] {
  return [...new Set(all.map((s) => String(s[field])))].sort();
}
