/**
 * Saved sessions across app versions: a call saved by the previous release (SESSION_VERSION 2, fixture written by that
 * build's own code, see fixtures/session-v2.json `_about`) resumes here; older formats are migrated; a save that
 * truly cannot continue says why with a reason the UI words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSession,
  MIN_COMPATIBLE,
  restoreSession,
  SESSION_VERSION,
  SessionRestoreError,
} from '../../src/machines/index.ts';
import { checkPersisted } from '../../src/machines/persist.ts';
import { contentEngine, contentScenario } from './content.ts';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/session-v2.json'), 'utf8'));
const engine = contentEngine();
const reasonOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof SessionRestoreError) return e.reason;
    throw e;
  }
  return 'restored';
};

describe('saved sessions', () => {
  it.each(['zh-first-contact-tight-money', 'en-first-contact'])(
    'a call saved by the v2 build resumes where it stopped (%s)',
    (id) => {
      const saved = fixture[id];
      expect(saved.snapshot.version).toBe(2);
      const frozen = JSON.stringify(saved.snapshot);
      const session = restoreSession(contentScenario(id), saved.snapshot, { engine });
      expect(JSON.stringify(saved.snapshot)).toBe(frozen); // the stored value is not modified
      expect(session.state).toMatchObject({
        node: saved.state.node,
        turn: saved.state.turn,
        verified: saved.state.verified,
        ended: false,
        vars: saved.state.vars,
      });
      expect(session.reply?.text).toBe(saved.lines.at(-1).reply);
      // It goes on: the next line is heard and saved in this version's format.
      const next = session.say(
        id.startsWith('zh')
          ? '理解您的难处。方便说说最近遇到什么情况了吗？'
          : "I'm sorry to hear that. Can you tell me what happened?",
      );
      expect(next.state.turn).toBe(saved.state.turn + 1);
      expect(session.persist()).toMatchObject({ version: SESSION_VERSION, min_compatible: MIN_COMPATIBLE });
      session.stop();
    },
  );

  it('migrates a v1 save (no stop-calling request in its context) to this format', () => {
    const v2 = fixture['zh-first-contact-tight-money'].snapshot;
    const { cease_request: _, ...context } = v2.machine.context;
    const v1 = { ...v2, version: 1, machine: { ...v2.machine, context } };
    const migrated = checkPersisted(contentScenario('zh-first-contact-tight-money'), v1);
    expect(migrated).toMatchObject({
      version: SESSION_VERSION,
      min_compatible: 2,
      machine: { context: { cease_request: false } },
    });
    expect(
      restoreSession(contentScenario('zh-first-contact-tight-money'), v1, { engine }).scoringContext().cease_request,
    ).toBe(false);
  });

  it('round-trips this version through JSON unchanged', () => {
    const scenario = contentScenario('en-first-contact');
    const saved = createSession(scenario, { engine, seed: 3 }).persist();
    expect(JSON.parse(JSON.stringify(saved))).toEqual(saved);
    expect(checkPersisted(scenario, saved)).toEqual(saved);
  });

  it('says why a save cannot continue', () => {
    const scenario = contentScenario('zh-first-contact-tight-money');
    const v2 = fixture['zh-first-contact-tight-money'].snapshot;
    const at = (node: string) => ({
      ...v2,
      machine: { ...v2.machine, value: node, context: { ...v2.machine.context, node } },
    });
    expect(reasonOf(() => checkPersisted(scenario, { ...v2, version: 0 }))).toBe('too_old');
    expect(
      reasonOf(() =>
        checkPersisted(scenario, { ...v2, version: SESSION_VERSION + 1, min_compatible: SESSION_VERSION + 1 }),
      ),
    ).toBe('too_new');
    // A newer save that declares this version able to read it is accepted.
    expect(
      reasonOf(() =>
        checkPersisted(scenario, { ...v2, version: SESSION_VERSION + 1, min_compatible: SESSION_VERSION }),
      ),
    ).toBe('restored');
    expect(reasonOf(() => checkPersisted(scenario, at('renamed-node')))).toBe('node_gone');
    expect(reasonOf(() => checkPersisted(contentScenario('en-first-contact'), v2))).toBe('other_scenario');
    expect(reasonOf(() => checkPersisted(scenario, { ...v2, machine: null }))).toBe('damaged');
    expect(reasonOf(() => checkPersisted(scenario, { hello: 1 }))).toBe('not_a_session');
    // An edited scenario (another IR version) alone does not stop the call.
    expect(reasonOf(() => checkPersisted(scenario, { ...v2, scenario: { ...v2.scenario, ir_version: 1 } }))).toBe(
      'restored',
    );
  });
});
