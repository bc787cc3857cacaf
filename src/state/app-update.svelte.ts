/**
 * Updates that arrive: the service worker is registered in "prompt" mode (src/main.ts), so a deployed build waits
 * until the trainee agrees, then takes over at once (skipWaiting via message) and the page reloads on the new build.
 */

/** A new service worker waiting to take over, and the reload that activates it. */
export class AppUpdate {
  /** A new version is installed and waiting. */
  waiting = $state(false);
  /** The trainee chose to reload; the new worker is being activated. */
  reloading = $state(false);
  private activate: (() => Promise<void>) | undefined;

  /** Called when a new worker waits: `activate` tells it to take over and reloads once it controls the page. */
  offer(activate: () => Promise<void>): void {
    this.activate = activate;
    this.waiting = true;
  }

  /** "Later": the prompt goes away; the waiting worker is offered again on the next load. */
  dismiss(): void {
    this.waiting = false;
  }

  /** Activates the waiting worker; the page reloads once it controls it. Should that fail, a plain reload still helps. */
  async reload(): Promise<void> {
    if (!this.activate) return;
    this.reloading = true;
    try {
      await this.activate();
    } catch {
      location.reload();
    }
  }
}

export const appUpdate = new AppUpdate();
