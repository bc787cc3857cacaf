/** Public API of the scoring engine: load packs (build time), create an engine (runtime), score helpers. */
export { loadRulePacks, type LoadedRules } from './load-packs.ts';
export { createEngine } from './engine.ts';
export { scoreOf, isViolation, type Score } from './score.ts';
export { resolveContext, defaultJurisdiction, insideWindow } from './context.ts';
export { checkPattern, MAX_PATTERN_LENGTH, type PatternProblem } from './safe-regex.ts';
export { POLITE_FROM, RUDE_BELOW } from './tone.ts';
export * from './types.ts';
