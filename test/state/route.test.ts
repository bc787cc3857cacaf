import { describe, expect, it } from 'vitest';
import { href, parseHash } from '../../src/state/route.ts';

describe('hash routes', () => {
  it('treats an empty hash as the library', () => {
    expect(parseHash('')).toMatchObject({ page: 'library', params: [] });
    expect(parseHash('#/')).toMatchObject({ page: 'library', params: [] });
  });

  it('parses deep links with parameters, decoding them', () => {
    expect(parseHash('#/practice/cn-%E9%A6%96%E6%AC%A1')).toMatchObject({ page: 'practice', params: ['cn-首次'] });
  });

  it('marks unknown pages as not found', () => {
    expect(parseHash('#/nowhere').page).toBe('not_found');
  });

  it('builds hrefs that parse back to the same route', () => {
    const link = href('practice', 'cn first/contact');
    expect(parseHash(link)).toMatchObject({ page: 'practice', params: ['cn first/contact'] });
  });
});
