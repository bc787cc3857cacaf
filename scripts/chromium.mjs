// Finds the Debian chromium the browser tests drive: $CHROMIUM_PATH, then the usual Debian paths.
import { existsSync } from 'node:fs';

/** Path of a chromium binary, or undefined when none is installed. */
export function findChromium() {
  /** @type {string[]} */
  const candidates = [process.env.CHROMIUM_PATH ?? '', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p) => p !== '' && existsSync(p));
}
