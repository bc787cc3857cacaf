/**
 * The cmi5 AU runtime (loaded only when the page is launched with cmi5 parameters): authenticates through the
 * launch's fetch URL, reads LMS.LaunchData and the learner's language, sends the cmi5-defined statements in the order
 * cmi5-rules.ts allows, flushes the outbox before `terminated` and returns to the LMS.
 */
import Cmi5 from '@xapi/cmi5';
import { onAttemptEvent } from '../state/attempt-events.ts';
import { refusal, verdictStatements, localeFromPreference, type Cmi5Session, type Cmi5Verb } from './cmi5-rules.ts';
import type { Locale } from '../i18n/translate.ts';
import type { Agent, ContextActivities } from '../lrs/xapi.ts';
import { flushTurns, routeTurnsTo } from './outbox-port.ts';

export interface Cmi5Launch {
  launchMode: Cmi5Session['launchMode'];
  /** The learner's preferred UI language, when the LMS knows one we have. */
  locale: Locale | null;
  /** Sends what is left (outbox, `terminated`) and goes to the LMS's return URL; resolves false when there is none. */
  exit(): Promise<boolean>;
}

/** Starts the AU session (auth token, LaunchData, preferences, `initialized`); rejects when the LMS cannot be reached. */
export async function startCmi5(): Promise<Cmi5Launch> {
  const cmi5 = new Cmi5();
  await cmi5.initialize();
  const data = cmi5.getLaunchData();
  const session: Cmi5Session = { launchMode: data.launchMode, masteryScore: data.masteryScore, sent: ['initialized'] };
  const params = cmi5.getLaunchParameters();
  // The LMS's JSON as the xAPI shapes of src/lrs (the library types them more loosely than xAPI 1.0.3 does).
  routeTurnsTo({
    endpoint: params.endpoint, authorization: `Basic ${cmi5.getAuthToken()}`, actor: { ...params.actor, objectType: 'Agent' } as Agent,
    registration: params.registration, contextActivities: data.contextTemplate?.contextActivities as ContextActivities | undefined,
  });

  // Statements go out one after another, in the order the rules checked them.
  let queue: Promise<unknown> = Promise.resolve();
  const send = (verb: Cmi5Verb, run: () => Promise<unknown>) => {
    const why = refusal(session, verb);
    if (why) return void console.warn(`cmi5: not sending ${verb}: ${why}`);
    session.sent.push(verb);
    queue = queue.then(run).catch((e) => console.error(`cmi5: ${verb} not delivered`, e));
  };

  const stop = onAttemptEvent((event) => {
    if (event.kind !== 'completed') return;
    const verdict = { passed: event.report.passed, total: event.report.scores.total, blocked: event.report.blocker !== null };
    for (const s of verdictStatements(session, verdict)) {
      if (s.verb === 'completed') send('completed', () => cmi5.complete());
      else if (s.verb === 'passed') send('passed', () => cmi5.pass(s.score));
      else send('failed', () => cmi5.fail(s.score));
    }
  });

  let exited: Promise<boolean> | null = null;
  return {
    launchMode: data.launchMode,
    locale: localeFromPreference(cmi5.getLearnerPreferences()?.languagePreference),
    exit: () =>
      (exited ??= (async () => {
        stop();
        await queue;
        await flushTurns(); // every turn statement reaches the LRS before the session ends
        send('terminated', () => cmi5.terminate());
        await queue;
        if (!data.returnURL) return false;
        location.assign(data.returnURL);
        return true;
      })()),
  };
}
