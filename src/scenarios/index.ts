/** Public API of the scenario compiler (build time and CLI); the runtime imports `ir.ts` types only. */
export { compile, type CompileOptions, type CompileResult } from './compile.ts';
export { nodeContext } from './context.ts';
export { lintLibrary } from './library.ts';
export type { ScenarioEngine } from './engine.ts';
export { MESSAGES, checkerCrashed, type DiagnosticCode } from './messages.ts';
export * from './ir.ts';
export { playthrough, type Coverage, type PlaythroughOptions } from './playthrough.ts';
export * from './semantics/index.ts';
