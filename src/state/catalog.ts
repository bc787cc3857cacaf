/** The compiled scenario catalogue (summaries; full IR loads per scenario) and the content warnings. */
export { scenarios, diagnostics as contentDiagnostics } from 'virtual:calldojo/catalog';
export type { ScenarioSummary } from 'virtual:calldojo/catalog';
