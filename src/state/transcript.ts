/** Rebuilds the call transcript from stored turns (for resume and for reports of past attempts). */
import type { Turn } from '../storage/types.ts';
import type { TranscriptEntry } from './practice-types.ts';

/** Persona turns carry their node in `personaState.node`; a trainee line answers the node the persona spoke last. */
export function transcriptFromTurns(turns: readonly Turn[]): TranscriptEntry[] {
  let node = '';
  return turns.map((t) => {
    if (t.speaker === 'persona') {
      node = typeof t.personaState?.node === 'string' ? t.personaState.node : node;
      return { speaker: 'persona', text: t.text, nodeId: node, assessment: null };
    }
    return { speaker: 'trainee', text: t.text, nodeId: node, assessment: t.assessment };
  });
}
