/**
 * A tiny seeded PRNG (mulberry32) whose whole state is one uint32, so it lives in the machine context and survives
 * `getPersistedSnapshot()` / JSON: the same seed replays the same call exactly.
 */

/** Turns any number (e.g. a user-chosen seed) into a valid uint32 PRNG state. */
export function seedState(seed: number): number {
  // Mix the seed so nearby seeds (1, 2, 3…) do not start on nearby streams.
  let h = Math.imul((Math.trunc(seed) ^ 0x9e3779b9) >>> 0, 0x85ebca6b);
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) >>> 0;
}

/** One draw: a float in [0, 1) and the next state. Pure: the caller stores the returned state. */
export function nextRandom(state: number): [value: number, next: number] {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** Picks an index in [0, n) and returns it with the next state. */
export function pickIndex(state: number, n: number): [index: number, next: number] {
  const [v, next] = nextRandom(state);
  return [Math.min(n - 1, Math.floor(v * n)), next];
}

/** A stream of floats in [0, 1) from a seed, for code that draws many numbers in a row (noise, sampling). */
export function randomStream(seed: number): () => number {
  let state = seedState(seed);
  return () => {
    const [value, next] = nextRandom(state);
    state = next;
    return value;
  };
}
