/** Checks across scenario files that one file cannot see: every scenario id in the library must be unique. */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Scenario } from './ir.ts';

/** `duplicate_scenario_id` errors for every scenario whose id an earlier file already uses. */
export function lintLibrary(compiled: { file: string; scenario: Scenario | null }[]): Diagnostic[] {
  const seen = new Map<string, string>();
  const out: Diagnostic[] = [];
  for (const { file, scenario } of compiled) {
    if (!scenario) continue;
    const first = seen.get(scenario.id);
    if (first === undefined) seen.set(scenario.id, file);
    else {
      out.push({
        code: 'duplicate_scenario_id',
        severity: 'error',
        message: `Scenario id \`${scenario.id}\` is already used by ${first}.`,
        hint: 'Give each scenario file its own `id:`; the library and saved attempts key on it.',
        args: { id: scenario.id, first },
        file,
        start: 0,
        end: 0,
        line: 1,
        column: 1,
      });
    }
  }
  return out;
}
