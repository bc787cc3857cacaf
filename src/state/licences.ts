/**
 * The licences of the libraries bundled into the built app: Vite collects them at build time (`build.license` in
 * vite.config.ts) into `licenses.json` beside index.html; the About page lists them.
 */

export interface BundledLicence {
  name: string;
  version: string;
  /** SPDX identifier from the package's package.json, when it states one. */
  identifier?: string;
  /** The package's LICENSE file, when it ships one. */
  text?: string;
}

/** The file's entries, or undefined when it is not the list Vite writes (nothing half-read is shown). */
export function readLicences(json: unknown): BundledLicence[] | undefined {
  if (!Array.isArray(json)) return undefined;
  const out: BundledLicence[] = [];
  for (const e of json as unknown[]) {
    if (typeof e !== 'object' || e === null) return undefined;
    const { name, version, identifier, text } = e as Record<string, unknown>;
    if (typeof name !== 'string' || typeof version !== 'string') return undefined;
    if (identifier !== undefined && typeof identifier !== 'string') return undefined;
    if (text !== undefined && typeof text !== 'string') return undefined;
    out.push({ name, version, ...(identifier ? { identifier } : {}), ...(text ? { text } : {}) });
  }
  return out;
}

/** Fetches `licenses.json` next to the page; undefined when the build has none (the dev server) or it is unreadable. */
export async function loadLicences(fetcher: typeof fetch = fetch): Promise<BundledLicence[] | undefined> {
  try {
    const res = await fetcher('./licenses.json');
    return res.ok ? readLicences(await res.json()) : undefined;
  } catch {
    return undefined;
  }
}
