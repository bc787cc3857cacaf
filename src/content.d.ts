// Types of the virtual modules made by tools/vite-plugin-content.ts from content/ at build time.
declare module 'virtual:calldojo/rules' {
  import type { MoveDef, RulePack } from './scoring/index.ts';
  const rules: { packs: RulePack[]; moves: MoveDef[] };
  export default rules;
}

declare module 'virtual:calldojo/catalog' {
  import type { Diagnostic } from './diagnostics/diagnostic.ts';
  import type { Archetype, CourseStage, Scenario } from './scenarios/ir.ts';
  import type { Jurisdiction, Lang } from './scoring/types.ts';

  export interface ScenarioSummary {
    id: string;
    title: string;
    lang: Lang;
    jurisdiction: Jurisdiction;
    difficulty: 1 | 2 | 3;
    course: CourseStage;
    archetype: Archetype;
    file: string;
    nodes: number;
    endings: number;
    load: () => Promise<Scenario>;
  }
  export const scenarios: ScenarioSummary[];
  /** Warnings and infos from compiling content (errors fail the build). */
  export const diagnostics: Diagnostic[];
}
