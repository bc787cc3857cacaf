/**
 * Blind call plans (blind/README.md): typed calls written without sight of the scripts, rules or code, played on
 * seeds 1–3 through the same code as `npm run play`. A measure of how the persona and the judgement generalise, with a
 * floor that fails the build on regression; the calls that miss are printed, not asserted one by one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mismatches, playPlan, SEEDS, type CallPlan } from './call-plans.ts';

/** Share of (call, seed) plays that must end as the writer expected; raise it when the figure rises, never lower it silently. */
const FLOOR = 0.82;

const calls = JSON.parse(readFileSync(join(import.meta.dirname, 'blind', 'calls.json'), 'utf8')) as (CallPlan & {
  expect: Partial<CallPlan['expect']>;
})[];

describe('blind call plans', { timeout: 300_000 }, () => {
  it(`end as their writer expected in at least ${FLOOR * 100} % of plays`, async () => {
    const misses: string[] = [];
    let plays = 0;
    for (const call of calls) {
      for (const seed of SEEDS) {
        const out = await playPlan(call as CallPlan, seed);
        // "ended" left out: the writer allowed the call to go on.
        const expect_ = { ...call.expect, ended: call.expect.ended ?? out.ended } as CallPlan['expect'];
        const m = mismatches({ ...call, expect: expect_ }, out);
        plays++;
        if (m.length) misses.push(`${call.id} seed ${seed}: ${m.join('; ')}`);
      }
    }
    const share = (plays - misses.length) / plays;
    console.log(
      `blind calls: ${plays - misses.length}/${plays} (${(share * 100).toFixed(1)} %) as expected\n${misses.join('\n')}`,
    );
    expect(calls.length).toBeGreaterThanOrEqual(45);
    expect(share).toBeGreaterThanOrEqual(FLOOR);
  });
});
