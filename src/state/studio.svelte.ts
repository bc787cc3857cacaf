/**
 * The Studio's script workbench: a trainer edits a scenario in the browser and checks it with the same compiler,
 * linter and playthrough as `npm run lint:scripts`. Authoring only: this module (and the compiler it loads) lives in
 * the Studio's lazy chunk; the practice runtime never imports it.
 */
import { codeFrame, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { OptionRehearsal } from '../machines/rehearse-options.ts';
import type { RehearsalSummary } from '../machines/rehearse.ts';
import type { Coverage } from '../scenarios/playthrough.ts';
import { loadEngine } from './engine.ts';

const KEY = 'calldojo.studio.draft';
/** The name of the file the draft was opened from, kept beside it so a download after a reload is still named so. */
const FILE_KEY = 'calldojo.studio.file';

export interface CheckResult {
  diagnostics: (Diagnostic & { frame: string })[];
  errors: number;
  title: string | null;
  /** The script's language (for `lang` on its lines), when it compiled. */
  lang: string | null;
  coverage: Coverage | null;
  /** The model answers said on the live persona machine over several seeds (a clean script with a model path only). */
  rehearsal: RehearsalSummary | null;
  /** Every `[good]`/`[ok]` option said at its node over the same seeds (a clean script only). */
  options: OptionRehearsal | null;
}

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
  readonly files = Object.keys(sources).map((p) => p.split('/').pop()!).sort();

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

  /** Compiles and lints the draft, then plays it through; every diagnostic comes with its code frame. */
  async check(file = this.downloadName): Promise<void> {
    this.busy = true;
    try {
      const [{ compile }, { repliesFor }, { default: repertoire }, { playthrough }, { rehearseAcrossSeeds }, { mishandledOptions, rehearseOptions }, engine] = await Promise.all([
        import('../scenarios/compile.ts'),
        import('../scenarios/load-replies.ts'),
        import('virtual:calldojo/replies'),
        import('../scenarios/playthrough.ts'),
        import('../machines/rehearse.ts'),
        import('../machines/rehearse-options.ts'),
        loadEngine(),
      ]);
      const source = this.source;
      const compiled = compile(source, { file, engine });
      // Rehearsed as the app will play it: with the persona's reply repertoire.
      const scenario = compiled.scenario && { ...compiled.scenario, replies: repliesFor(repertoire, compiled.scenario) };
      const coverage = scenario ? playthrough(scenario, { engine }) : null;
      const options = scenario ? rehearseOptions(scenario, engine) : null;
      // The options' warnings join the compiler's, so the list and its "go to" buttons cover them too.
      const diagnostics = options ? [...compiled.diagnostics, ...mishandledOptions(options, file, source)] : compiled.diagnostics;
      this.result = {
        diagnostics: diagnostics.map((d) => ({ ...d, frame: codeFrame(source, d) })),
        errors: diagnostics.filter((d) => d.severity === 'error').length,
        title: scenario?.title ?? null,
        lang: scenario?.lang ?? null,
        coverage,
        rehearsal: scenario && coverage?.modelPath ? rehearseAcrossSeeds(scenario, engine, coverage.modelPath.outcome) : null,
        options,
      };
    } catch (e) {
      // A checker bug on some input is shown as this draft's error, never as a Studio that silently stops answering.
      const detail = e instanceof Error ? e.message : String(e);
      const crashed: Diagnostic = {
        code: 'script_crashed', severity: 'error', message: `The checker failed on this file: ${detail}`,
        hint: 'Simplify the part of the file you changed last, and report the file to the CallDojo maintainers.',
        args: { detail }, file, start: 0, end: 0, line: 1, column: 1,
      };
      this.result = { diagnostics: [{ ...crashed, frame: '' }], errors: 1, title: null, lang: null, coverage: null, rehearsal: null, options: null };
    } finally {
      this.busy = false;
    }
  }
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
