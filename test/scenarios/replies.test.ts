/**
 * The persona reply repertoires (content/replies): one runner over `reply-samples/<case>/input.yaml`, whose
 * diagnostics (loader and target checks against the tiny cooperative scenario) must equal `expected.json`
 * (`UPDATE_SNAPSHOTS=1` rewrites, `FILTER=word` focuses); how a repertoire resolves for a scenario; and the bundled
 * files load clean, with every reply for every archetype in both languages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepliesForNode } from '../../src/cli/replies-node.ts';
import { ARCHETYPES, REPLY_INTENTS } from '../../src/scenarios/ir.ts';
import { checkReplyTargets, loadReplies, repliesFor } from '../../src/scenarios/load-replies.ts';
import { fillSlots, intentOf, slotsOf, spokenMood } from '../../src/scenarios/semantics/index.ts';
import { line, tinyScenario } from '../machines/fixture.ts';
import { expectedJson } from '../expected-file.ts';

const dir = join(import.meta.dirname, 'reply-samples');
const cases = readdirSync(dir)
  .filter((c) => !process.env.FILTER || c.includes(process.env.FILTER))
  .sort();
const tiny = tinyScenario('cooperative');

describe('reply repertoire samples', () => {
  for (const name of cases) {
    it(name, () => {
      const text = readFileSync(join(dir, name, 'input.yaml'), 'utf8');
      const { repertoire, diagnostics } = loadReplies([{ file: 'input.yaml', text }]);
      const all = [...diagnostics, ...checkReplyTargets(repertoire, [tiny])];
      const got = all.map(({ code, severity, line, column, message, hint }) => ({
        code,
        severity,
        line,
        column,
        message,
        hint,
      }));
      const file = join(dir, name, 'expected.json');
      expect(got).toEqual(expectedJson(file, got));
      if (!name.startsWith('clean'))
        expect(
          got.some((d) => d.code === name),
          `${name} reports its own code`,
        ).toBe(true);
    });
  }
});

describe('reply repertoires', () => {
  it("resolve for a scenario: its archetype's lines over the defaults, and its own node overrides", () => {
    const { repertoire } = loadReplies([
      { file: 'clean.yaml', text: readFileSync(join(dir, 'clean/input.yaml'), 'utf8') },
    ]);
    const replies = repliesFor(repertoire, tiny);
    expect(replies.intents.repeat).toEqual([{ mood: null, text: '喂？您说什么？' }]);
    expect(replies.intents.protest).toEqual([{ mood: 'annoyed', text: '你这是威胁我吗？' }]);
    expect(replies.nodes.talk.after.offer_plan).toEqual([{ mood: 'warm', text: '好，{caller}，我想想。' }]);
    expect(repliesFor(repertoire, { ...tiny, lang: 'en' })).toEqual({ intents: {}, nodes: {} });
    expect(JSON.parse(JSON.stringify(replies))).toEqual(replies);
  });

  it('bundled in content/replies load clean and give every archetype every reply in both languages', () => {
    const { repertoire, diagnostics } = readRepliesForNode();
    expect(diagnostics).toEqual([]);
    for (const lang of ['zh', 'en'] as const) {
      for (const archetype of ARCHETYPES) {
        const { intents } = repliesFor(repertoire, {
          id: 'x',
          lang,
          persona: { archetype, params: tiny.persona.params },
        });
        for (const intent of REPLY_INTENTS)
          expect(intents[intent]?.length, `${lang} ${archetype} ${intent}`).toBeGreaterThan(0);
      }
    }
  });

  it('read why the persona cannot follow the script from the line and what it remembers', () => {
    const memory = { earlier: ['verify_identity'], previous: [], identified: true };
    expect(intentOf({ ...line({}), silence: true }, ['silence'], memory)).toBe('repeat');
    expect(intentOf(line({}), ['no_progress'], memory)).toBe('repeat');
    expect(intentOf(line({ moves: ['threaten'] }), ['threat'], memory)).toBe('protest');
    expect(intentOf(line({ moves: ['verify_identity'] }), [], memory)).toBe('already_answered');
    expect(intentOf(line({ moves: ['verify_identity'] }), [], { ...memory, earlier: [] })).toBe('identity');
    expect(intentOf(line({ moves: ['offer_plan'] }), [], { ...memory, identified: false })).toBe('ask_caller');
    expect(intentOf(line({ moves: ['offer_plan'] }), [], memory)).toBe('off_script');
  });

  it('fill what the trainee said, and drop a slot nobody filled with its comma', () => {
    expect(fillSlots('Okay, {caller}, {callback}. Bye.', { caller: 'Alex Kim', callback: '800-555-0199' })).toBe(
      'Okay, Alex Kim, 800-555-0199. Bye.',
    );
    expect(fillSlots('Okay, {caller}, {callback}. Bye.', { caller: null, callback: null })).toBe('Okay. Bye.');
    expect(fillSlots('好，{callback}，我记下了。', { caller: null, callback: '工号4127' })).toBe(
      '好，工号4127，我记下了。',
    );
    expect(slotsOf('您好，我是华信银行的，我姓周，工号4127，请问刘洋在吗？')).toEqual({
      caller: '小周',
      callback: '工号4127',
    });
    expect(slotsOf('My name is Sam Patel. Could you ask him to call me back at 800-555-0142?')).toEqual({
      caller: 'Sam Patel',
      callback: '800-555-0142',
    });
    expect(slotsOf("I'm calling from Harbor National Bank about the card ending in 4417.")).toEqual({
      caller: null,
      callback: null,
    });
  });

  it('show the mood a line carries: an exclamation in an untagged line, or a bad ending, is not calm', () => {
    expect(spokenMood({ mood: 'calm', text: '再打我就投诉你们！' }, false)).toBe('annoyed');
    expect(spokenMood({ mood: 'calm', text: 'I will deal with it when I can.' }, true)).toBe('annoyed');
    expect(spokenMood({ mood: 'calm', text: '嗯，是我。' }, false)).toBe('calm');
    expect(spokenMood({ mood: 'warm', text: 'You too. Bye!' }, false)).toBe('warm');
  });
});
