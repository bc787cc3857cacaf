/**
 * The LMS entry (a lazy chunk, loaded only by a packaged build or a cmi5 launch): reads the assignment, starts the
 * SCORM 1.2 or cmi5 session and locks the app to the assigned scenario and mode before the app mounts.
 */
import { locale } from '../state/locale.svelte.ts';
import { lmsLock, type LmsProblem } from '../state/lms-lock.svelte.ts';
import { MODES, type Mode } from '../storage/types.ts';
import {
  ASSIGNMENT_FILE,
  cmi5Scenario,
  hasCmi5Launch,
  launchedScenario,
  parseAssignment,
  type Assignment,
} from './assignment.ts';

/** The package's fixed assignment; a cmi5 launch of the ordinary build plays the URL's scenario in its mode. */
async function readAssignment(search: string): Promise<Assignment> {
  if (import.meta.env.MODE === 'lms') {
    const answer = await fetch(`./${ASSIGNMENT_FILE}`, { cache: 'no-store' });
    if (!answer.ok) throw new Error(`${ASSIGNMENT_FILE}: ${answer.status} ${answer.statusText}`);
    return parseAssignment(await answer.text());
  }
  const q = new URLSearchParams(search);
  const mode = q.get('mode') as Mode | null;
  return { system: 'cmi5', scenarios: [q.get('scenario') ?? ''], mode: mode && MODES.includes(mode) ? mode : 'exam' };
}

/** Sets `lmsLock.current`, or `lmsLock.problem` with what stops the launch. Never throws. */
export async function startLms(search = location.search): Promise<void> {
  try {
    await start(search);
  } catch (e) {
    // A chunk that did not load, an API that threw: the app must not open unlocked inside an LMS.
    lmsLock.problem = { kind: 'lms_unreachable', detail: (e as Error).message };
  }
}

async function start(search: string): Promise<void> {
  const fail = (problem: LmsProblem) => void (lmsLock.problem = problem);
  let assignment: Assignment;
  try {
    assignment = await readAssignment(search);
  } catch (e) {
    return fail({ kind: 'bad_assignment', detail: (e as Error).message });
  }
  if (hasCmi5Launch(search)) {
    const { startCmi5 } = await import('./cmi5.ts');
    const launch = await startCmi5(assignment.activityBase);
    if (launch.locale) locale.set(launch.locale);
    // The AU's launchParameters come from the LMS, not the address bar: an edited URL cannot swap the scenario.
    const scenarioId = cmi5Scenario(search, assignment, launch.launchParameters, import.meta.env.MODE === 'lms');
    if (!scenarioId)
      return fail({
        kind: 'not_assigned',
        scenario: launch.launchParameters ?? new URLSearchParams(search).get('scenario') ?? '',
      });
    lmsLock.current = {
      system: 'cmi5',
      scenarioId,
      mode: assignment.mode,
      reportsVerdict: launch.launchMode === 'Normal',
      exit: async () => {
        if (!(await launch.exit())) lmsLock.ended = true;
      },
    };
    return;
  }
  if (assignment.system !== 'scorm12') return fail({ kind: 'no_launch' });
  const scenarioId = launchedScenario(search, assignment);
  if (!scenarioId) return fail({ kind: 'not_assigned', scenario: new URLSearchParams(search).get('scenario') ?? '' });
  const { findScorm12Api, Scorm12Session } = await import('./scorm12.ts');
  const api = findScorm12Api();
  if (!api) return fail({ kind: 'no_api' });
  const session = new Scorm12Session(api);
  // The LMS may close the frame without warning: finishing on pagehide keeps the session time and the last commit.
  addEventListener('pagehide', () => session.finish());
  lmsLock.current = {
    system: 'scorm12',
    scenarioId,
    mode: assignment.mode,
    reportsVerdict: session.reportsVerdict,
    exit: async () => {
      session.finish();
      lmsLock.ended = true;
    },
  };
}
