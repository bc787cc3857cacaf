import { parseHash, type Route } from './route.ts';

/** The current hash route; follows back/forward and deep links, survives reloads because it lives in the URL. */
export class RouterState {
  route = $state.raw<Route>(parseHash(globalThis.location?.hash ?? ''));

  constructor() {
    globalThis.addEventListener?.('hashchange', () => {
      this.route = parseHash(location.hash);
    });
  }
}

export const router = new RouterState();
