/** The seeded PRNG lives with the scenario semantics (persona reactions draw from it); re-exported for src/corpus. */
export { nextRandom, pickIndex, randomStream, seedState } from '../scenarios/semantics/rng.ts';
