import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileContent, contentPlugin } from '../../tools/vite-plugin-content.ts';

const root = join(import.meta.dirname, '../..');
let dir = '';

/** A throw-away project with the real rule packs, course policies and the given scripts. */
function project(scripts: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'content-plugin-'));
  cpSync(join(root, 'content/rules'), join(dir, 'content/rules'), { recursive: true });
  cpSync(join(root, 'content/courses'), join(dir, 'content/courses'), { recursive: true });
  mkdirSync(join(dir, 'content/scripts'), { recursive: true });
  for (const [name, text] of Object.entries(scripts)) writeFileSync(join(dir, 'content/scripts', name), text);
  return dir;
}

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Calls the plugin's load hook the way Vite does, collecting `this.error` as a thrown Error. */
function load(plugin: ReturnType<typeof contentPlugin>, id: string): string {
  (plugin.configResolved as (c: { root: string }) => void)({ root: dir });
  const ctx = {
    error: (msg: string) => {
      throw new Error(msg);
    },
  };
  const resolved = (plugin.resolveId as (id: string) => string)(id);
  return (plugin.load as (this: typeof ctx, id: string) => string).call(ctx, resolved);
}

describe('content plugin', () => {
  it('compiles every script and serves a catalogue without trainer-invisible facts in the summaries', () => {
    project({ '010_a.md': readFixture() });
    const c = compileContent(dir);
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c.scenarios.map((s) => s.scenario.id)).toEqual(['test-practice-call']);
    const catalog = load(contentPlugin(), 'virtual:calldojo/catalog');
    expect(catalog).toContain('"id":"test-practice-call"');
    expect(catalog).not.toContain('住院'); // hidden facts stay in the per-scenario chunk, never in the library
  });

  it("serves every course's pass policy, and fails the build at the line and column of a broken one", () => {
    project({ '010_a.md': readFixture() });
    expect(load(contentPlugin(), 'virtual:calldojo/courses')).toContain(
      '"inbound_service":{"blocking":["critical","major"]',
    );
    const file = join(dir, 'content/courses/courses.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('pass_mark: 60', 'pass_mark: sixty'));
    expect(() => load(contentPlugin(), 'virtual:calldojo/courses')).toThrow(
      /content\/courses\/courses\.yaml:\d+:\d+ error invalid_type default\.pass_mark/,
    );
    expect(() => load(contentPlugin(), 'virtual:calldojo/catalog')).toThrow(/courses\.yaml/);
  });

  it('fails the build with file:line:column for a broken script, but still serves the rule packs', () => {
    project({
      '010_bad.md': readFixture().replace('- if verify_identity → confirmed', '- if verify_identity → confirmd'),
    });
    expect(() => load(contentPlugin(), 'virtual:calldojo/catalog')).toThrow(
      /content\/scripts\/010_bad\.md:\d+:\d+ error unknown_branch_target .*confirmed/,
    );
    expect(load(contentPlugin(), 'virtual:calldojo/rules')).toContain('"packs"');
  });
});

function readFixture(): string {
  return readFileSync(join(root, 'test/ui/fixtures/practice-call.md'), 'utf8');
}
