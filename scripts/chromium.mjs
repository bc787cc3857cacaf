// Finds the Debian chromium the browser tests drive: $CHROMIUM_PATH when set (and only it), else the Debian paths.
import { existsSync } from 'node:fs';

/** Path of a chromium binary, or undefined when none is installed (or $CHROMIUM_PATH names a missing file). */
export function findChromium() {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) return existsSync(chosen) ? chosen : undefined;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}
