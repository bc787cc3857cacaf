/** The About page's licence list: Vite's `licenses.json` read strictly, nothing half-read shown. */
import { describe, expect, it } from 'vitest';
import { loadLicences, readLicences } from '../../src/state/licences.ts';

const vite = [
  { name: 'dexie', version: '4.0.0', identifier: 'Apache-2.0', text: 'Apache License' },
  { name: 'no-licence-file', version: '1.0.0' },
];

describe('bundled licences', () => {
  it('reads the list Vite writes', () => {
    expect(readLicences(vite)).toEqual(vite);
  });

  it('refuses anything else as a whole', () => {
    expect(readLicences({ dexie: 'Apache-2.0' })).toBeUndefined();
    expect(readLicences([...vite, { name: 'x' }])).toBeUndefined();
    expect(readLicences([{ name: 'x', version: '1', identifier: 3 }])).toBeUndefined();
  });

  it('reports a build without the file (the dev server) as having none', async () => {
    const missing = async () => new Response('', { status: 404 });
    expect(await loadLicences(missing as typeof fetch)).toBeUndefined();
    const found = async () => new Response(JSON.stringify(vite));
    expect(await loadLicences(found as typeof fetch)).toEqual(vite);
  });
});
