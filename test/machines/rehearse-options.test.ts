/**
 * The options call: every `[good]`/`[ok]` option typed at its node on the live persona. A script whose good option the
 * persona answers with a hang-up gets `option_mishandled` on that option's line; a clean script gets nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mishandled, mishandledOptions, rehearseOptions } from '../../src/machines/index.ts';
import { compile } from '../../src/scenarios/index.ts';
import { contentEngine } from './content.ts';

const engine = contentEngine();
const dir = join(import.meta.dirname, 'option-samples');

function sample(name: string) {
  const file = `option-samples/${name}.md`;
  const source = readFileSync(join(dir, `${name}.md`), 'utf8');
  const { scenario, diagnostics } = compile(source, { file, engine });
  expect(diagnostics).toEqual([]);
  return { file, source, scenario: scenario! };
}

describe('the options call', () => {
  it('reports a good option the persona hangs up on, at the option itself', () => {
    const { file, source, scenario } = sample('mishandled');
    const r = rehearseOptions(scenario, engine, 5);
    const [wrong] = mishandled(r);
    expect(wrong).toMatchObject({ node: 'reason', quality: 'good', seeds: [1, 2, 3, 4, 5] });
    expect(wrong.wrong).toEqual([1, 2, 3, 4, 5].map((seed) => ({ seed, node: 'hung-up', outcome: 'hung_up' })));
    const line = source.split('\n').findIndex((l) => l.startsWith('- [good] 身体要紧')) + 1;
    const diagnostics = mishandledOptions(r, file, source);
    expect(diagnostics).toMatchObject([{ code: 'option_mishandled', severity: 'warning', file, line, column: 1 }]);
    expect(source.slice(diagnostics[0].start, diagnostics[0].end)).toBe(
      '- [good] 身体要紧，您先好好休养，等您方便了我们再联系。',
    );
    expect(diagnostics[0].message).toContain('ends the call in `hung_up` in 5 of 5 seeded calls');
  });

  it('says every good and ok option of a clean script, and reports none', () => {
    const { file, source, scenario } = sample('clean');
    const r = rehearseOptions(scenario, engine, 5);
    expect(r.trials.map((t) => [t.node, t.quality, t.seeds.length])).toEqual([['pickup', 'good', 5]]);
    expect(mishandledOptions(r, file, source)).toEqual([]);
  });

  it('does not report an option the author sends to that ending on purpose', () => {
    const { file, source, scenario } = sample('mishandled');
    const meant = {
      ...scenario,
      nodes: scenario.nodes.map((n) =>
        n.id === 'reason' ? { ...n, options: n.options.map((o) => ({ ...o, next: 'hung-up' })) } : n,
      ),
    };
    expect(mishandledOptions(rehearseOptions(meant, engine, 3), file, source)).toEqual([]);
  });
});
