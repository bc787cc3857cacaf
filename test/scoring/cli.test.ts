/** Spawns the real `score` CLI: the contract output on a sample, and every error path (stderr + exit 2). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const samples = join(import.meta.dirname, 'samples/cli');
const tmp = mkdtempSync(join(tmpdir(), 'score-cli-'));

function score(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/score.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, text: string): string {
  writeFileSync(join(tmp, name), text);
  return join(tmp, name);
}

describe('score CLI', { timeout: 30_000 }, () => {
  it('prints the contract output for a sample file', () => {
    const r = score(join(samples, 'violations-zh/input.json'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(
      JSON.parse(readFileSync(join(samples, 'violations-zh/expected.json'), 'utf8')),
    );
  });

  it('--jurisdiction overrides the language default', () => {
    const input = file(
      'spouse.json',
      JSON.stringify([
        {
          id: 's',
          lang: 'en',
          text: "Your husband's account is past due.",
          context: { party: 'third_party', relation: 'spouse', verified: true, stage: 'purpose', local_time: '10:00' },
        },
      ]),
    );
    const us = JSON.parse(score(input).stdout)[0].violations;
    const cn = JSON.parse(score(input, '--jurisdiction', 'CN').stdout)[0].violations;
    expect(us).toEqual([]);
    expect(cn.map((v: { rule: string }) => v.rule)).toEqual(['cn-third-party-disclosure']);
  });

  it.each([
    ['not JSON', '{"id": ', /input is not valid JSON/],
    ['not an array', '{"id": "a"}', /must be a JSON array/],
    ['missing lang', '[{"id": "a", "text": "hi", "context": {}}]', /\[0\]\.lang must be "zh" or "en"/],
    [
      'missing party',
      '[{"id": "a", "lang": "en", "text": "hi", "context": {"verified": true, "stage": "opening", "local_time": "10:00"}}]',
      /\[0\]\.context\.party is missing/,
    ],
    [
      'bad stage',
      '[{"id": "a", "lang": "en", "text": "hi", "context": {"party": "debtor", "verified": true, "stage": "hello", "local_time": "10:00"}}]',
      /\[0\]\.context\.stage must be one of opening/,
    ],
    [
      'bad time',
      '[{"id": "a", "lang": "en", "text": "hi", "context": {"party": "debtor", "verified": true, "stage": "opening", "local_time": "25:00"}}]',
      /local_time must be "HH:MM"/,
    ],
    [
      'bad relation',
      '[{"id": "a", "lang": "en", "text": "hi", "context": {"party": "debtor", "verified": true, "stage": "opening", "local_time": "10:00", "relation": "cousin"}}]',
      /relation must be one of spouse/,
    ],
    [
      'bad call_direction',
      '[{"id": "a", "lang": "en", "text": "hi", "context": {"party": "debtor", "verified": true, "stage": "opening", "local_time": "10:00", "call_direction": "incoming"}}]',
      /call_direction must be "outbound" or "inbound"/,
    ],
    [
      'bad count',
      '[{"id": "a", "lang": "en", "text": "hi", "context": {"party": "debtor", "verified": true, "stage": "opening", "local_time": "10:00", "calls_today": "3"}}]',
      /calls_today must be a whole number/,
    ],
  ])('bad input (%s) → stderr and exit 2', (_name, text, message) => {
    const r = score(file('bad.json', text));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('a missing file, no file and a bad --jurisdiction exit 2', () => {
    expect(score(join(tmp, 'nope.json'))).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/cannot read .*nope\.json: ENOENT/),
    });
    expect(score()).toMatchObject({ code: 2, stderr: expect.stringMatching(/expected one input FILE/) });
    expect(score(join(samples, 'spouse/input.json'), '--jurisdiction', 'UK')).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/CN or US/),
    });
  });

  it('reports an invalid pattern in a pack with file:line:column and keeps scoring with that rule removed', () => {
    const rules = mkdtempSync(join(tmpdir(), 'score-rules-'));
    for (const f of readdirSync(join(root, 'content/rules')))
      copyFileSync(join(root, 'content/rules', f), join(rules, f));
    const us = readFileSync(join(rules, 'us.yaml'), 'utf8');
    const broken = us.replace(
      "'deadbeat|liar|crook|loser|lowlife|scum(?:bag)?|idiot|stupid|moron|freeloader'",
      "'(deadbeat\\s*)+|liar'",
    );
    expect(broken).not.toBe(us);
    writeFileSync(join(rules, 'us.yaml'), broken);
    const input = file(
      'two.json',
      JSON.stringify([
        {
          id: 'abuse',
          lang: 'en',
          text: 'Listen, you deadbeat, pay what you owe.',
          context: { party: 'debtor', verified: true, stage: 'negotiation', local_time: '10:00' },
        },
        {
          id: 'arrest',
          lang: 'en',
          text: 'You could go to jail for this.',
          context: { party: 'debtor', verified: true, stage: 'negotiation', local_time: '10:00' },
        },
      ]),
    );
    const r = score(input, '--rules', rules);
    expect(r.code).toBe(0);
    const line = broken.split('\n').findIndex((l) => l.includes('(deadbeat')) + 1;
    expect(r.stderr).toMatch(new RegExp(`us\\.yaml:${line}:\\d+ error nested_quantifier`));
    const out = JSON.parse(r.stdout);
    expect(out[0].violations.map((v: { rule: string }) => v.rule)).not.toContain('us-abusive-language');
    expect(out[1].violations.map((v: { rule: string }) => v.rule)).toEqual(['us-false-arrest-seizure']);
  });
});
