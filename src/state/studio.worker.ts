/// <reference lib="webworker" />
/**
 * The Studio's checker off the page's thread: a draft of any size is compiled, played through and rehearsed here,
 * and the editor stays responsive; each step is posted back for the progress line.
 */
import { runCheck, type WorkerAnswer } from './studio-check.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<{ id: number; source: string; file: string }>) => {
  const { id, source, file } = e.data;
  const post = (answer: WorkerAnswer) => scope.postMessage(answer);
  const result = await runCheck(source, file, (step) => post({ id, step }));
  post({ id, result });
};
