// The pre-net's dropout stays on at inference (it fights exposure bias); its keep-mask is an input
// drawn from a seeded RNG, so a TTS run is reproducible on every backend.

import type { Rng } from '../random';

/** A keep mask [rows * width] of 0 and 1/(1-rate) (inverted dropout). */
export function dropoutKeepMask(rand: Rng, rows: number, width: number, rate: number): Float32Array {
  const keep = 1 - rate;
  const m = new Float32Array(rows * width);
  for (let i = 0; i < m.length; i++) m[i] = rand() < keep ? 1 / keep : 0;
  return m;
}
