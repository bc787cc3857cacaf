/**
 * One tab per call: a Web Lock named after the call is held by the tab that has it open, so a second tab is told
 * the call is open elsewhere instead of writing a second conversation into the same transcript. Taking over steals
 * the lock; the tab that loses it hears so through `onLost` and stops writing. Locks end with their tab, so a
 * closed or crashed tab never keeps a call from being resumed.
 */

/** A call this tab holds; `release` when it leaves the call. */
export interface CallHold {
  release(): void;
}

/**
 * Holds the call `attemptId` for this tab: null when another tab holds it (unless `takeOver`, which takes it from
 * that tab). Browsers without Web Locks have nothing to coordinate and always get the call.
 */
export function holdCall(
  attemptId: string,
  options: { takeOver: boolean; onLost: () => void },
): Promise<CallHold | null> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return Promise.resolve({ release() {} });
  return new Promise((resolve) => {
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const request = options.takeOver ? { steal: true } : { ifAvailable: true };
    locks
      .request(`calldojo-call:${attemptId}`, request, async (lock) => {
        if (!lock) return resolve(null);
        resolve({ release });
        await held;
      })
      // A stolen lock rejects its request with AbortError: another tab took the call over.
      .catch((e: unknown) => {
        if (e instanceof DOMException && e.name === 'AbortError') options.onLost();
      });
  });
}
