/**
 * The cmi5 AU runtime (loaded only when the page is launched with cmi5 parameters): authenticates through the
 * launch's fetch URL, reads LMS.LaunchData and the learner's language, sends the cmi5-defined statements in the order
 * cmi5-rules.ts allows, flushes the outbox before `terminated` and returns to the LMS.
 */
import Cmi5 from '@xapi/cmi5';
import { onAttemptEvent } from '../state/attempt-events.ts';
import { refusal, verdictStatements, localeFromPreference, type Cmi5Session, type Cmi5Verb } from './cmi5-rules.ts';
import { asAllowedStatements, statementsUrl, terminatedStatement } from './cmi5-statements.ts';
import type { Locale } from '../i18n/translate.ts';
import { XAPI_VERSION, type Agent, type Context, type ContextActivities } from '../lrs/xapi.ts';
import { flushTurns, routeTurnsTo } from './outbox-port.ts';

export interface Cmi5Launch {
  launchMode: Cmi5Session['launchMode'];
  /** The learner's preferred UI language, when the LMS knows one we have. */
  locale: Locale | null;
  /** LMS.LaunchData `launchParameters` as the course structure gave them (cmi5.xml). */
  launchParameters: string | undefined;
  /**
   * Sends what is left (results not yet delivered, the outbox, `terminated`) and goes to the LMS's return URL;
   * resolves false when the LMS gave none. Rejects, sending no `terminated`, while a result cannot be delivered:
   * the trainee can try again rather than leave the LMS without the result.
   */
  exit(): Promise<boolean>;
}

/** Starts the AU session (auth token, LaunchData, preferences, `initialized`); rejects when the LMS cannot be reached. */
export async function startCmi5(activityBase?: string): Promise<Cmi5Launch> {
  const cmi5 = new Cmi5();
  await cmi5.initialize();
  const data = cmi5.getLaunchData();
  const session: Cmi5Session = { launchMode: data.launchMode, masteryScore: data.masteryScore, sent: ['initialized'] };
  const params = cmi5.getLaunchParameters();
  const authorization = `Basic ${cmi5.getAuthToken()}`;
  // The LMS's JSON as the xAPI shapes of src/lrs (the library types them more loosely than xAPI 1.0.3 does).
  const actor = { ...params.actor, objectType: 'Agent' } as Agent;
  routeTurnsTo({
    endpoint: params.endpoint,
    authorization,
    actor,
    registration: params.registration,
    contextActivities: data.contextTemplate?.contextActivities as ContextActivities | undefined,
    ...(activityBase ? { activityBase } : {}),
    adapt: (statements) => asAllowedStatements(statements, data.contextTemplate as Context | undefined),
  });

  // Statements go out one after another, in the order the rules checked them; one the LMS did not take waits for
  // the exit, which tries it again before anything else.
  let queue: Promise<void> = Promise.resolve();
  let undelivered: { verb: Cmi5Verb; run: () => Promise<unknown> }[] = [];
  const attempt = async (s: { verb: Cmi5Verb; run: () => Promise<unknown> }) => {
    try {
      await s.run();
    } catch (e) {
      console.error(`cmi5: ${s.verb} not delivered`, e);
      undelivered.push(s);
    }
  };
  const send = (verb: Cmi5Verb, run: () => Promise<unknown>) => {
    const why = refusal(session, verb);
    if (why) return void console.warn(`cmi5: not sending ${verb}: ${why}`);
    session.sent.push(verb);
    queue = queue.then(() => attempt({ verb, run }));
  };

  const stop = onAttemptEvent((event) => {
    if (event.kind !== 'completed') return;
    const verdict = {
      passed: event.report.passed,
      total: event.report.scores.total,
      blocked: event.report.blocker !== null,
    };
    for (const s of verdictStatements(session, verdict)) {
      if (s.verb === 'completed') send('completed', () => cmi5.complete());
      else if (s.verb === 'passed') send('passed', () => cmi5.pass(s.score));
      else send('failed', () => cmi5.fail(s.score));
    }
  });

  // Closing the window without Finish: `terminated` still goes, by a request the browser lets outlive the page.
  let exiting = false;
  const onPageHide = () => {
    if (exiting || refusal(session, 'terminated')) return;
    session.sent.push('terminated');
    const statement = terminatedStatement({
      id: crypto.randomUUID(),
      actor,
      activityId: params.activityId,
      registration: params.registration,
      contextTemplate: data.contextTemplate as Context | undefined,
      initializedAt: cmi5.getInitializedDate(),
      now: new Date(),
    });
    void fetch(statementsUrl(params.endpoint), {
      method: 'POST',
      keepalive: true,
      body: JSON.stringify(statement),
      headers: {
        Authorization: authorization,
        'X-Experience-API-Version': XAPI_VERSION,
        'Content-Type': 'application/json',
      },
    }).catch(() => undefined);
  };
  addEventListener('pagehide', onPageHide);

  return {
    launchMode: data.launchMode,
    locale: localeFromPreference(cmi5.getLearnerPreferences()?.languagePreference),
    launchParameters: data.launchParameters,
    exit: async () => {
      await queue;
      const retry = undelivered;
      undelivered = [];
      for (const s of retry) await attempt(s);
      if (undelivered.length) throw new Error(`the LMS has not received: ${undelivered.map((s) => s.verb).join(', ')}`);
      exiting = true;
      stop();
      removeEventListener('pagehide', onPageHide);
      await flushTurns(); // every turn statement reaches the LRS before the session ends
      send('terminated', () => cmi5.terminate());
      await queue;
      if (!data.returnURL) return false;
      location.assign(data.returnURL);
      return true;
    },
  };
}
