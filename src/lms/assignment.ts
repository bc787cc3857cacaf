/**
 * The fixed assignment a packaged app carries (`lms.json` beside index.html) and what a launch URL says. Pure: the
 * package script writes what this reads, and both sides are unit-tested against each other.
 */
import { MODES, type Mode } from '../storage/types.ts';

export const ASSIGNMENT_FILE = 'lms.json';
export const LMS_SYSTEMS = ['scorm12', 'cmi5'] as const;
export type LmsSystem = (typeof LMS_SYSTEMS)[number];

export interface Assignment {
  system: LmsSystem;
  /** The scenarios the package may play; the launch URL's `scenario` picks one of them. */
  scenarios: string[];
  mode: Mode;
  /** cmi5: the base IRI the package's AU ids were made under, so per-turn statements name activities under it too. */
  activityBase?: string;
}

/** The cmi5 launch parameters (cmi5 spec 8.1), every one required. */
export const CMI5_PARAMS = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'] as const;

/** True when the URL's query carries every cmi5 launch parameter. */
export function hasCmi5Launch(search: string): boolean {
  const q = new URLSearchParams(search);
  return CMI5_PARAMS.every((p) => q.get(p));
}

/** Reads `lms.json`; throws an error naming the field and what to do, never returns half an assignment. */
export function parseAssignment(text: string): Assignment {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `${ASSIGNMENT_FILE} is not JSON (${(e as Error).message}); rebuild the package with npm run package:scorm or package:cmi5.`,
      { cause: e },
    );
  }
  const o = (raw ?? {}) as Record<string, unknown>;
  if (!LMS_SYSTEMS.includes(o.system as LmsSystem))
    throw new Error(`${ASSIGNMENT_FILE}: "system" must be one of ${LMS_SYSTEMS.join(', ')}.`);
  if (!Array.isArray(o.scenarios) || o.scenarios.length === 0 || !o.scenarios.every((s) => typeof s === 'string' && s))
    throw new Error(`${ASSIGNMENT_FILE}: "scenarios" must list at least one scenario id.`);
  if (!MODES.includes(o.mode as Mode))
    throw new Error(`${ASSIGNMENT_FILE}: "mode" must be one of ${MODES.join(', ')}.`);
  if (o.activityBase !== undefined && typeof o.activityBase !== 'string')
    throw new Error(`${ASSIGNMENT_FILE}: "activityBase" must be an IRI.`);
  const out: Assignment = { system: o.system as LmsSystem, scenarios: o.scenarios as string[], mode: o.mode as Mode };
  return typeof o.activityBase === 'string' ? { ...out, activityBase: o.activityBase } : out;
}

/**
 * The scenario a launch plays: the URL's `scenario` (each SCORM item and cmi5 AU names its own), or the package's
 * only scenario when the URL names none. Null when the URL names a scenario the package was not built for.
 */
export function launchedScenario(search: string, assignment: Assignment): string | null {
  const wanted = new URLSearchParams(search).get('scenario');
  if (wanted === null) return assignment.scenarios.length === 1 ? assignment.scenarios[0] : null;
  return assignment.scenarios.includes(wanted) ? wanted : null;
}

/**
 * The scenario a cmi5 AU's `launchParameters` (from LMS.LaunchData, which the learner cannot edit) names; null when
 * they name none, so the URL's applies.
 */
export function scenarioFromLaunchParameters(launchParameters: string | undefined): string | null {
  if (!launchParameters) return null;
  try {
    const scenario = (JSON.parse(launchParameters) as { scenario?: unknown }).scenario;
    return typeof scenario === 'string' && scenario ? scenario : null;
  } catch {
    return null;
  }
}

/**
 * The scenario a cmi5 launch plays: the one the AU's launchParameters name (the LMS's word), else the URL's; null
 * when a package (`packaged`) was not built for it. The ordinary build plays whatever the LMS names.
 */
export function cmi5Scenario(
  search: string,
  assignment: Assignment,
  launchParameters: string | undefined,
  packaged: boolean,
): string | null {
  const assigned = scenarioFromLaunchParameters(launchParameters);
  if (assigned === null) return launchedScenario(search, assignment);
  return !packaged || assignment.scenarios.includes(assigned) ? assigned : null;
}

/** The launch URL (relative to the package's index.html) of one scenario, as the manifest and cmi5.xml name it. */
export function launchUrl(scenarioId: string): string {
  return `index.html?scenario=${encodeURIComponent(scenarioId)}`;
}
