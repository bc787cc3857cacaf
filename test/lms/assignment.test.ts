import { describe, expect, it } from 'vitest';
import { cmi5Scenario, hasCmi5Launch, launchedScenario, launchUrl, parseAssignment } from '../../src/lms/assignment.ts';

const launch =
  'endpoint=http%3A%2F%2Flms%2Fxapi&fetch=http%3A%2F%2Flms%2Ftoken&actor=%7B%7D&registration=r-1&activityId=urn%3Aau';

describe('the package assignment and the launch URL', () => {
  it('reads lms.json and names the broken field', () => {
    expect(parseAssignment('{"system":"scorm12","scenarios":["a","b"],"mode":"exam"}')).toEqual({
      system: 'scorm12',
      scenarios: ['a', 'b'],
      mode: 'exam',
    });
    expect(
      parseAssignment('{"system":"cmi5","scenarios":["a"],"mode":"guided","activityBase":"https://bank.example/xapi/"}')
        .activityBase,
    ).toBe('https://bank.example/xapi/');
    expect(() => parseAssignment('{"system":"cmi5","scenarios":["a"],"mode":"guided","activityBase":7}')).toThrow(
      /"activityBase"/,
    );
    expect(() => parseAssignment('{')).toThrow(/not JSON/);
    expect(() => parseAssignment('{"system":"aicc","scenarios":["a"],"mode":"exam"}')).toThrow(/"system"/);
    expect(() => parseAssignment('{"system":"cmi5","scenarios":[],"mode":"exam"}')).toThrow(/"scenarios"/);
    expect(() => parseAssignment('{"system":"cmi5","scenarios":["a"],"mode":"free"}')).toThrow(/"mode"/);
  });

  it('plays only a scenario the package was built for', () => {
    const a = parseAssignment('{"system":"scorm12","scenarios":["a","b c"],"mode":"exam"}');
    expect(launchedScenario(new URL(launchUrl('b c'), 'http://x/').search, a)).toBe('b c');
    expect(launchedScenario('?scenario=zzz', a)).toBeNull();
    expect(launchedScenario('', a)).toBeNull(); // two scenarios: the URL must say which
    expect(launchedScenario('', { ...a, scenarios: ['a'] })).toBe('a');
  });

  it("takes a cmi5 launch's scenario from the LMS's launchParameters over an edited URL", () => {
    const a = parseAssignment('{"system":"cmi5","scenarios":["a","b"],"mode":"exam"}');
    expect(cmi5Scenario('?scenario=b', a, '{"scenario":"a"}', true)).toBe('a');
    expect(cmi5Scenario('?scenario=b', a, undefined, true)).toBe('b');
    expect(cmi5Scenario('?scenario=b', a, 'not json', true)).toBe('b');
    expect(cmi5Scenario('?scenario=a', a, '{"scenario":"zzz"}', true)).toBeNull(); // not in this package
    expect(cmi5Scenario('?scenario=a', a, '{"scenario":"zzz"}', false)).toBe('zzz'); // the ordinary build has them all
  });

  it('recognises a cmi5 launch only with all five parameters', () => {
    expect(hasCmi5Launch(`?${launch}`)).toBe(true);
    expect(hasCmi5Launch(`?${launch.replace(/&registration=r-1/, '')}`)).toBe(false);
    expect(hasCmi5Launch('?lang=en')).toBe(false);
  });
});
