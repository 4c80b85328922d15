// Seeded randomness for everything that must be reproducible (Griffin-Lim phases, sampling, dropout
// masks): the same seed gives the same stream in Node and in every browser.

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32: a 32-bit state PRNG, tiny and fast, with good enough statistics for phases, sampling
 * and dropout (not for cryptography). Any number is accepted as a seed; it is reduced to 32 bits.
 */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
