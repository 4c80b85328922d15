import { describe, expect, it } from 'vitest';
import { createRng } from './random';

describe('createRng', () => {
  it('is reproducible per seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 100 }, rng);
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws uniformly from [0, 1)', () => {
    const rng = createRng(7);
    const counts = new Array(10).fill(0);
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const x = rng();
      if (!(x >= 0 && x < 1)) outside++;
      else counts[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    // Each decile within 500 of n/10: about 5 standard deviations of a fair count (sqrt(n 0.1 0.9) ≈ 95).
    for (const c of counts) expect(Math.abs(c - n / 10)).toBeLessThan(500);
  });
});
