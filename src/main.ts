/// <reference types="vite-plugin-pwa/vanillajs" />
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { appUpdate } from './state/app-update.svelte.ts';
import { hasCmi5Launch } from './lms/assignment.ts';
import { lmsLock } from './state/lms-lock.svelte.ts';
import { appDb } from './state/db.ts';
import { LRS_SETTING_KEY } from './lrs/setting-key.ts';
import { getSetting } from './storage/settings.ts';
import './ui/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html must contain #app');
const el = target;

// An LMS package (`vite build --mode lms`) or a cmi5 launch locks the app to its assignment before it mounts; the
// LMS code is a lazy chunk, so the ordinary first page neither loads it nor makes any request for it.
const lms = import.meta.env.MODE === 'lms' || hasCmi5Launch(location.search);
if (lms)
  void import('./lms/start.ts')
    .then((m) => m.startLms())
    // The LMS chunk itself did not load: say so rather than open the app unlocked inside an LMS.
    .catch((e: Error) => void (lmsLock.problem = { kind: 'lms_unreachable', detail: e.message }))
    .finally(() => mount(App, { target: el }));
else mount(App, { target: el });

// The built app's service worker (dev and tests have none; LMS packages have none either, the LMS serves them).
// Its registration code loads after the first page, so it costs that page nothing; a new build that installs is
// offered by the prompt (UpdatePrompt.svelte).
if (import.meta.env.PROD && !lms && 'serviceWorker' in navigator)
  void import('virtual:pwa-register').then(({ registerSW }) => {
    const updateSW = registerSW({ onNeedRefresh: () => appUpdate.offer(() => updateSW(true)) });
  });

// With an LRS configured in Settings, the outbox's flusher loads after the first page and sends what waits; without
// one nothing loads and nothing is sent (a launch from an LMS starts it itself).
void getSetting(appDb(), LRS_SETTING_KEY)
  .then((lrs) => lrs && import('./lrs/flusher.ts').then(({ startOutbox }) => startOutbox(appDb())))
  .catch(() => {
    // Storage that cannot be read is reported by the app shell; nothing to send from it.
  });
