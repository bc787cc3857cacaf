/** Hash routes of the app shell: `#/library`, `#/practice/<scenario-id>`, … Plain TS so it is testable anywhere. */
export const PAGES = ['library', 'practice', 'progress', 'review', 'studio', 'settings', 'about'] as const;
export type Page = (typeof PAGES)[number];
/** The pages in the main navigation; `about` (version and licences) is linked from the footer. */
export const NAV_PAGES = PAGES.filter((p): p is Exclude<Page, 'about'> => p !== 'about');

export interface Route {
  page: Page | 'not_found';
  /** Path segments after the page, e.g. the scenario id. */
  params: string[];
  path: string;
}

/** Parses a location hash into a route; an empty hash is the library. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/library';
  const [first, ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  const page = (PAGES as readonly string[]).includes(first ?? 'library') ? ((first ?? 'library') as Page) : 'not_found';
  return { page, params: rest, path };
}

/** Builds the href for a page, e.g. `href('practice', 'cn-first-contact')` → `#/practice/cn-first-contact`. */
export function href(page: Page, ...params: string[]): string {
  return `#/${[page, ...params].map(encodeURIComponent).join('/')}`;
}
