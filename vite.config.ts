/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentPlugin } from './tools/vite-plugin-content.ts';
import pkg from './package.json' with { type: 'json' };

export default defineConfig(({ mode }) => ({
  // Relative base: the built app works from any sub-path an LMS or intranet serves it under.
  base: './',
  // The app version each attempt records and the About page shows (src/state/app-version.ts).
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // The Studio's checker runs in a module worker that imports the bundled content like the page does.
  worker: { format: 'es', plugins: () => [contentPlugin()] },
  plugins: [
    contentPlugin(),
    svelte(),
    svelteTesting(),
    VitePWA({
      // An LMS package (`--mode lms`, src/cli/package-lms.ts) has no service worker: the LMS serves and versions it.
      disable: mode === 'lms',
      // A deployed build waits for the trainee's "reload" (src/state/app-update.svelte.ts registers the worker), then
      // takes over at once: no old build served for several loads, no page swapped under a call in progress.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'robots.txt'],
      manifest: {
        name: 'CallDojo 话术道场',
        short_name: 'CallDojo',
        description: '信用卡催收与客服通话练习 · Call practice for credit-card collections and service',
        lang: 'zh-CN',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        // PNGs for launchers that take no SVG, rendered from favicon.svg by scripts/icons.mjs.
        icons: [
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,json}'],
        navigateFallback: 'index.html',
      },
    }),
  ],
  // The PWA plugin's precache step dominates build callbacks by design; its timing report is noise in `npm start`.
  // The trained models are one data chunk (≈ 600 kB of JSON, 185 kB gzip), loaded lazily with the rules; the
  // warning limit sits above it so a real code-size regression still shows.
  // `license`: the licences of every bundled package, as JSON for the About page (Vite's own collector).
  build: {
    license: { fileName: 'licenses.json' },
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  // Vitest runs jsdom tests in Vite's client environment: "browser" picks svelte's client runtime.
  resolve: mode === 'test' ? { conditions: ['module', 'browser', 'development|production'] } : {},
  test: {
    setupFiles: ['./test/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/ui/**', 'test/e2e/**'],
        },
      },
      {
        extends: true,
        test: { name: 'component', environment: 'jsdom', include: ['test/ui/**/*.test.ts'] },
      },
    ],
  },
}));
