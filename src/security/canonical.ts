/** Canonical JSON: one text per value whatever order its fields were written in, so it can be compared and signed. */

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth and no whitespace. Values that JSON cannot hold
 * (undefined, functions) are dropped as JSON.stringify drops them; numbers print as JSON.stringify prints them.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  });
}
