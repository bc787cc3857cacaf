import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
/** The real LRS of test/e2e/lrs.spec.ts (scripts/lrs.mjs); test/e2e/lrs.ts reads the same variable. */
const lrsPort = Number(process.env.LRS_PORT ?? 8090);

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI === 'true' ? 1 : 0,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1100, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Flags verified on these machines: no sandbox as root, and no background networking (the network is closed).
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `node node_modules/vite/bin/vite.js preview --host 127.0.0.1 --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // Installs the LRS into .cache/lrs/ on a fresh machine (about a minute, once), then starts it on 127.0.0.1.
      command: 'node scripts/lrs.mjs',
      url: `http://127.0.0.1:${lrsPort}/xAPI/about`,
      env: { LRS_PORT: String(lrsPort) },
      reuseExistingServer: false,
      timeout: 300_000,
    },
  ],
});
