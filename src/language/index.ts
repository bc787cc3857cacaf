/** The language layer: offset-preserving normalisation, word tokens and English stems. */
export { normalize, originalSpan, type Normalized } from './normalize.ts';
export { stem, tokens, type Token } from './segment.ts';
