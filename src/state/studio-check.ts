/**
 * One Studio check of a draft — compile and lint, the playthrough, the model call over 20 seeds and every good
 * option at its node — as plain data, so it can run in the Studio's worker (src/state/studio.worker.ts) or, where
 * there is none, on the page. A checker failure becomes the draft's `script_crashed` error.
 */
import { codeFrame, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { OptionRehearsal } from '../machines/rehearse-options.ts';
import type { RehearsalSummary } from '../machines/rehearse.ts';
import type { Coverage } from '../scenarios/playthrough.ts';
import { loadEngine } from './engine.ts';
import { checkerCrashed } from '../scenarios/messages.ts';
import type { CheckStep } from './studio-steps.ts';

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

export type { CheckStep } from './studio-steps.ts';

/** A message from the worker: a step of check `id`, or its result. */
export interface WorkerAnswer {
  id: number;
  step?: CheckStep;
  result?: CheckResult;
}

export async function runCheck(
  source: string,
  file: string,
  onStep: (step: CheckStep) => void = () => {},
): Promise<CheckResult> {
  try {
    onStep('loading');
    const [
      { compile },
      { repliesFor },
      { default: repertoire },
      { playthrough },
      { rehearseAcrossSeeds },
      { mishandledOptions, rehearseOptions },
      engine,
    ] = await Promise.all([
      import('../scenarios/compile.ts'),
      import('../scenarios/load-replies.ts'),
      import('virtual:calldojo/replies'),
      import('../scenarios/playthrough.ts'),
      import('../machines/rehearse.ts'),
      import('../machines/rehearse-options.ts'),
      loadEngine(),
    ]);
    onStep('compiling');
    const compiled = compile(source, { file, engine });
    // Rehearsed as the app will play it: with the persona's reply repertoire.
    const scenario = compiled.scenario && { ...compiled.scenario, replies: repliesFor(repertoire, compiled.scenario) };
    onStep('playthrough');
    const coverage = scenario ? playthrough(scenario, { engine }) : null;
    onStep('rehearsal');
    const rehearsal =
      scenario && coverage?.modelPath ? rehearseAcrossSeeds(scenario, engine, coverage.modelPath.outcome) : null;
    onStep('options');
    const options = scenario ? rehearseOptions(scenario, engine) : null;
    // The options' warnings join the compiler's, so the list and its "go to" buttons cover them too.
    const diagnostics = options
      ? [...compiled.diagnostics, ...mishandledOptions(options, file, source)]
      : compiled.diagnostics;
    return {
      diagnostics: diagnostics.map((d) => ({ ...d, frame: codeFrame(source, d) })),
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      title: scenario?.title ?? null,
      lang: scenario?.lang ?? null,
      coverage,
      rehearsal,
      options,
    };
  } catch (e) {
    // A checker bug on some input is shown as this draft's error, never as a Studio that silently stops answering.
    const crashed = checkerCrashed(file, e);
    return {
      diagnostics: [{ ...crashed, frame: '' }],
      errors: 1,
      title: null,
      lang: null,
      coverage: null,
      rehearsal: null,
      options: null,
    };
  }
}
