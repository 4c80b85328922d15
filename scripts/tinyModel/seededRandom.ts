import type { Rng } from '../../models/random';

/** `count` float32-representable values uniform in [-scale, scale), from a seeded generator (models/random). */
export function uniformFloat32(random: Rng, count: number, scale: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (random() * 2 - 1) * scale;
  return out;
}
