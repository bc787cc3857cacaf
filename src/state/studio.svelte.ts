/**
 * The Studio's script workbench: a trainer edits a scenario in the browser and checks it with the same compiler,
 * linter and playthrough as `npm run lint:scripts`. Authoring only: this module (and the compiler it loads) lives in
 * the Studio's lazy chunk; the practice runtime never imports it.
 */
import type { CheckResult, CheckStep, WorkerAnswer } from './studio-check.ts';

export type { CheckResult, CheckStep } from './studio-check.ts';

const KEY = 'calldojo.studio.draft';
/** The name of the file the draft was opened from, kept beside it so a download after a reload is still named so. */
const FILE_KEY = 'calldojo.studio.file';

/** Raw sources of the bundled scripts, fetched one at a time when a trainer opens one. */
const sources = import.meta.glob('../../content/scripts/*.md', { query: '?raw', import: 'default' }) as Record<
  string,
  () => Promise<string>
>;

export class StudioDraft {
  source = $state(readDraft(KEY) ?? '');
  /** The bundled file the draft was opened from; null for the README example or a draft typed from scratch. */
  file = $state<string | null>(readDraft(FILE_KEY));
  result = $state.raw<CheckResult | null>(null);
  busy = $state(false);

  /** File names the trainer can start from (the README's annotated example is one of them). */
  readonly files = Object.keys(sources)
    .map((p) => p.split('/').pop()!)
    .sort();

  /** Replaces the draft with a bundled script's source. */
  async open(file: string): Promise<void> {
    const entry = Object.entries(sources).find(([p]) => p.endsWith(`/${file}`));
    if (!entry) return;
    const text = await entry[1]();
    this.edit(file === 'README.md' ? exampleFrom(text) : text);
    this.file = file === 'README.md' ? null : file;
    store(FILE_KEY, this.file);
    this.result = null;
  }

  /** What a download is called: the file it was opened from, else the scenario's `id:` (the README's example). */
  get downloadName(): string {
    if (this.file) return this.file;
    const id = /^id:\s*['"]?([\w-]+)/m.exec(this.source)?.[1];
    return `${id ?? 'scenario'}.md`;
  }

  /** Keeps the draft across reloads: a trainer's unsaved work is never lost to a closed tab. */
  edit(text: string): void {
    this.source = text;
    store(KEY, text);
  }

  /** What the running check is doing, for the progress line (null when idle). */
  step = $state<CheckStep | null>(null);

  /**
   * Compiles and lints the draft, then plays it through; every diagnostic comes with its code frame. The work runs in
   * a Web Worker where the browser has one, so a large draft never freezes the editor; `step` says where it is.
   */
  async check(file = this.downloadName): Promise<void> {
    this.busy = true;
    this.step = 'loading';
    try {
      this.result = await checkOffThread(this.source, file, (step) => (this.step = step));
    } finally {
      this.busy = false;
      this.step = null;
    }
  }
}

let worker: Worker | null | undefined;
let calls = 0;

/** The check in the Studio's worker, or on this thread where workers are unavailable (tests, old browsers). */
function checkOffThread(source: string, file: string, onStep: (step: CheckStep) => void): Promise<CheckResult> {
  if (worker === undefined) {
    try {
      worker =
        typeof Worker === 'function'
          ? new Worker(new URL('./studio.worker.ts', import.meta.url), { type: 'module' })
          : null;
    } catch {
      worker = null;
    }
  }
  const w = worker;
  if (!w) return import('./studio-check.ts').then(({ runCheck }) => runCheck(source, file, onStep));
  const id = ++calls;
  return new Promise((resolve) => {
    const listen = (e: MessageEvent<WorkerAnswer>) => {
      if (e.data.id !== id) return;
      if (e.data.step) return onStep(e.data.step);
      w.removeEventListener('message', listen);
      resolve(e.data.result!);
    };
    w.addEventListener('message', listen);
    w.postMessage({ id, source, file });
  });
}

/** The complete annotated example inside content/scripts/README.md (its ````markdown block). */
export function exampleFrom(readme: string): string {
  const m = /````markdown\n([\s\S]*?)\n````/.exec(readme);
  return m ? m[1] + '\n' : readme;
}

function readDraft(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage full or disabled: the draft still lives in this tab
  }
}
