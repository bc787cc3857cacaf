// Types of the virtual modules made by tools/vite-plugin-content.ts from content/ at build time.
declare module 'virtual:calldojo/rules' {
  import type { ConceptForms, MoveDef, RulePack } from './scoring/index.ts';
  const rules: {
    packs: RulePack[];
    moves: MoveDef[];
    concepts: ConceptForms;
    prefilters: Record<string, string[] | null>;
  };
  export default rules;
}

declare module 'virtual:calldojo/models' {
  import type { Models } from './scoring/index.ts';
  const models: Models;
  export default models;
}

declare module 'virtual:calldojo/replies' {
  import type { Repertoire } from './scenarios/load-replies.ts';
  /** The persona reply repertoires (content/replies); bundled scenarios already carry theirs, Studio drafts do not. */
  const repertoire: Repertoire;
  export default repertoire;
}

declare module 'virtual:calldojo/courses' {
  import type { CoursePolicies } from './scenarios/ir.ts';
  /** Every course's pass policy (content/courses/courses.yaml). */
  const courses: CoursePolicies;
  export default courses;
}

declare module 'virtual:calldojo/catalog' {
  import type { Diagnostic } from './diagnostics/diagnostic.ts';
  import type { Archetype, Scenario } from './scenarios/ir.ts';

  /** What the library needs of a scenario; the full IR (hidden facts included) loads only when it is played. */
  export type ScenarioSummary = Pick<Scenario, 'id' | 'title' | 'lang' | 'jurisdiction' | 'difficulty' | 'course'> & {
    archetype: Archetype;
    file: string;
    nodes: number;
    endings: number;
    load: () => Promise<Scenario>;
  };
  export const scenarios: ScenarioSummary[];
  /** Warnings and infos from compiling content (errors fail the build). */
  export const diagnostics: Diagnostic[];
}
