// Seeds derived from names, so every random choice in the corpus depends only on the config seed and
// on WHAT is being drawn (a speaker id, a clip id), never on the order things happen to run in:
// a resumed or re-ordered build draws exactly the same voices, effects and noise.

import { createHash } from 'node:crypto';
import { createRng, type Rng } from '../../models/random';

/** A 32-bit seed from any list of parts (sha256 of their JSON, first 4 bytes). */
export function seedOf(...parts: readonly (string | number)[]): number {
  return createHash('sha256').update(JSON.stringify(parts)).digest().readUInt32LE(0);
}

/** A seeded uniform [0, 1) stream for one named purpose. */
export function rngOf(...parts: readonly (string | number)[]): Rng {
  return createRng(seedOf(...parts));
}

/** Uniform in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Uniform integer in [lo, hi] (both ends included). */
export function randomInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** True with probability p. */
export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** One element, uniformly. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick: no items');
  return items[Math.floor(rng() * items.length)];
}

/** One element with probability proportional to its weight. */
export function pickWeighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [item, weight] of items) {
    r -= weight;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

/** A shuffled copy (Fisher-Yates). */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
