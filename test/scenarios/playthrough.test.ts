/** Graph-level playthrough: every path, bounded loops, seeded sampling, and the engine-played golden path. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, playthrough, type Scenario } from '../../src/scenarios/index.ts';
import { fixtureEngine } from './engines.ts';

const engine = fixtureEngine();
const read = (p: string) => readFileSync(join(import.meta.dirname, p), 'utf8');
const minimal = compile(read('samples/valid-minimal/input.md'), { file: 'x.md' }).scenario!;
const drill = compile(read('../../content/scripts/001_zh-drill-opening.md'), { file: 'drill.md' }).scenario!;

describe('playthrough', () => {
  it('walks every path of a small script and counts outcomes', () => {
    const c = playthrough(minimal);
    // pickup: verify→confirmed, else→hung-up, option→confirmed; confirmed: →promise or →hung-up.
    expect(c).toMatchObject({
      mode: 'exhaustive',
      paths: 5,
      ended: 5,
      outcomes: { ptp: 2, hung_up: 3 },
      edges: { total: 5, covered: 5 },
    });
    expect(c.nodes.missed).toEqual([]);
    expect(c.endings.reached).toEqual(['promise', 'hung-up']);
  });

  it('runs each retry loop a bounded number of times and still ends', () => {
    // confirmed's fallback goes back to pickup: a retry loop with exits.
    const looping = compile(
      read('samples/valid-minimal/input.md').replace('- else → hung-up\n\n## 承诺', '- else → pickup\n\n## 承诺'),
      { file: 'x.md' },
    ).scenario!;
    const once = playthrough(looping, { maxVisits: 1 });
    const twice = playthrough(looping, { maxVisits: 2 });
    const thrice = playthrough(looping, { maxVisits: 3 });
    // Visits 1: two ways into confirmed → promise, plus hung-up = 3; each extra visit re-enters pickup once more.
    expect([once.paths, twice.paths, thrice.paths]).toEqual([3, 9, 21]);
    expect(thrice.ended).toBe(thrice.paths);
    expect(twice.endings.missed).toEqual([]);
  });

  it('switches to a seeded sample when paths explode, reproducibly', () => {
    const a = playthrough(drill, { maxPaths: 3, samples: 300, seed: 7 });
    expect(a.mode).toBe('sampled');
    expect(a.paths).toBe(300);
    expect(a.nodes.missed).toEqual([]);
    expect(playthrough(drill, { maxPaths: 3, samples: 300, seed: 7 })).toEqual(a);
    expect(playthrough(drill, { maxPaths: 3, samples: 300, seed: 8 }).outcomes).not.toEqual(a.outcomes);
  });

  it('handles a generated 1,000-node script without recursion trouble', () => {
    const big = compile(chain(1000), { file: 'big.md' }).scenario!;
    const c = playthrough(big, { maxPaths: 2_000, samples: 200 });
    expect(c.nodes.missed).toEqual([]);
  });

  it('plays the model answers with the engine and follows the branch they trigger', () => {
    expect(playthrough(minimal, { engine }).modelPath).toEqual({
      nodes: ['pickup', 'confirmed', 'promise'],
      outcome: 'ptp',
    });
    const wrong: Scenario = JSON.parse(JSON.stringify(minimal));
    wrong.nodes[0].model!.text = '喂？';
    expect(playthrough(wrong, { engine }).modelPath).toEqual({ nodes: ['pickup', 'hung-up'], outcome: 'hung_up' });
  });
});

/** A linear script of `n` nodes, each with an early exit, ending in a promise. */
function chain(n: number): string {
  const head = readFileSync(join(import.meta.dirname, 'samples/valid-minimal/input.md'), 'utf8').split('## 接通')[0];
  const nodes = Array.from(
    { length: n - 2 },
    (_, i) =>
      `## n${i}\n> 嗯。\nmodel: 好的。\nwhy: 示例。\n- if empathise → ${i + 1 < n - 2 ? `n${i + 1}` : 'end'}\n- else → out\n`,
  );
  return `${head}${nodes.join('\n')}\n## end\n> 好。\nend: ptp amount=100 date=+1d\n\n## out\n> 挂了。\nend: hung_up\n`;
}
