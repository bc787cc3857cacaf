import { describe, expect, it } from 'vitest';
import { isBounded, refused } from '../../tools/recheck-patterns.ts';

describe('which recheck verdicts fail CI', () => {
  it('calls a pattern bounded only when no quantifier outside a class is unbounded', () => {
    expect(isBounded('我们[^，。]{0,10}报警')).toBe(true);
    expect(isBounded('\\blet (?:\\w{1,20} )?know\\b')).toBe(true);
    expect(isBounded('[+*]x')).toBe(true);
    expect(isBounded('\\blet (?:\\w+ )?know\\b')).toBe(false);
    expect(isBounded('a{2,}')).toBe(false);
    expect(isBounded('\\s*x')).toBe(false);
  });
  it('refuses exponential always, polynomial and undecided unless bounded, never safe', () => {
    expect(refused({ status: 'vulnerable', complexity: 'exponential; attack "aaaa!"' }, 'a{1,5}')).toBe(true);
    expect(refused({ status: 'vulnerable', complexity: 'polynomial degree 2; attack "x"' }, '\\w+x')).toBe(true);
    expect(
      refused({ status: 'vulnerable', complexity: 'polynomial degree 3; attack "x"' }, '\\w{1,20}x\\w{1,20}'),
    ).toBe(false);
    expect(refused({ status: 'unknown', complexity: 'undecided (timeout)' }, '.*x')).toBe(true);
    expect(refused({ status: 'safe', complexity: 'safe' }, '.*x')).toBe(false);
  });
});
