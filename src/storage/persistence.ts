/** Asks the browser to keep CallDojo's data when disk space runs low. */

/** Requests persistent storage; true when granted (or already persisted), false when refused or unsupported. */
export async function requestPersistence(): Promise<boolean> {
  const storage = (globalThis as { navigator?: { storage?: Partial<StorageManager> } }).navigator?.storage;
  if (!storage || typeof storage.persist !== 'function') return false;
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    // Some embedded browsers expose the API but reject outside a user gesture; that is a "no", not a failure.
    return false;
  }
}
