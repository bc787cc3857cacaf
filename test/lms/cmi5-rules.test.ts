import { describe, expect, it } from 'vitest';
import { localeFromPreference, refusal, verdictStatements, type Cmi5Session } from '../../src/lms/cmi5-rules.ts';

const normal = (sent: Cmi5Session['sent'] = ['initialized'], masteryScore?: number): Cmi5Session => ({
  launchMode: 'Normal',
  masteryScore,
  sent,
});
const pass = { passed: true, total: 82, blocked: false };
const fail = { passed: false, total: 45, blocked: false };

describe('cmi5 statement order', () => {
  it('sends initialized first and once, and nothing after terminated', () => {
    expect(refusal(normal([]), 'initialized')).toBeNull();
    expect(refusal(normal([]), 'completed')).toMatch(/before initialized/);
    expect(refusal(normal(), 'initialized')).toMatch(/first statement/);
    expect(refusal(normal(), 'terminated')).toBeNull();
    expect(refusal(normal(['initialized', 'terminated']), 'completed')).toMatch(/terminated/);
    expect(refusal(normal(['initialized', 'terminated']), 'terminated')).toMatch(/terminated/);
  });

  it('never sends failed after passed, nor a second completed or passed; a retake may pass after a failure', () => {
    expect(refusal(normal(['initialized', 'completed', 'passed']), 'failed')).toBe('failed after passed');
    expect(refusal(normal(['initialized', 'completed', 'passed']), 'passed')).toMatch(/already sent/);
    expect(refusal(normal(['initialized', 'completed']), 'completed')).toMatch(/already sent/);
    expect(refusal(normal(['initialized', 'completed', 'failed']), 'passed')).toBeNull();
  });

  it('records no result in Browse or Review mode', () => {
    for (const launchMode of ['Browse', 'Review'] as const) {
      for (const verb of ['completed', 'passed', 'failed'] as const)
        expect(refusal({ launchMode, sent: ['initialized'] }, verb)).toMatch(launchMode);
      expect(refusal({ launchMode, sent: ['initialized'] }, 'terminated')).toBeNull();
      expect(verdictStatements({ launchMode, sent: ['initialized'] }, pass)).toEqual([]);
    }
  });
});

describe('the statements of a scored attempt', () => {
  it('are completed then passed with the scaled score', () => {
    expect(verdictStatements(normal(), pass)).toEqual([
      { verb: 'completed' },
      { verb: 'passed', score: { scaled: 0.82, raw: 82, min: 0, max: 100 } },
    ]);
  });

  it('are completed then failed; a blocked call fails without a score', () => {
    expect(verdictStatements(normal(), fail)).toEqual([
      { verb: 'completed' },
      { verb: 'failed', score: { scaled: 0.45, raw: 45, min: 0, max: 100 } },
    ]);
    expect(verdictStatements(normal(), { passed: false, total: 59, blocked: true })).toEqual([
      { verb: 'completed' },
      { verb: 'failed' },
    ]);
  });

  it('fail a pass the LMS mastery score does not reach, and pass one exactly at it', () => {
    expect(verdictStatements(normal(['initialized'], 0.9), pass).map((s) => s.verb)).toEqual(['completed', 'failed']);
    expect(verdictStatements(normal(['initialized'], 0.82), pass).map((s) => s.verb)).toEqual(['completed', 'passed']);
  });

  it('after a pass, a second attempt sends nothing (no second completed, no failed after passed)', () => {
    expect(verdictStatements(normal(['initialized', 'completed', 'passed']), fail)).toEqual([]);
    expect(verdictStatements(normal(['initialized', 'completed', 'failed']), pass).map((s) => s.verb)).toEqual([
      'passed',
    ]);
  });
});

describe('the language from learner preferences', () => {
  it('takes the first language the app has', () => {
    expect(localeFromPreference('zh-CN')).toBe('zh-CN');
    expect(localeFromPreference('zh-Hans-CN,en-US')).toBe('zh-CN');
    expect(localeFromPreference('fr-FR, en-GB, zh-CN')).toBe('en');
    expect(localeFromPreference('EN-us')).toBe('en');
    expect(localeFromPreference('fr-FR')).toBeNull();
    expect(localeFromPreference(undefined)).toBeNull();
  });
});
