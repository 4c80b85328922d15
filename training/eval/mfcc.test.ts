import { describe, expect, it } from 'vitest';
import { createRng } from '../../models/random';
import { dct2, dctBasis, mfccFromLogMel } from './mfcc';

/** The textbook orthonormal DCT-II, written out independently of dctBasis. */
function directDct(x: number[], k: number): number {
  const n = x.length;
  const sum = x.reduce((acc, v, i) => acc + v * Math.cos((Math.PI / n) * (i + 0.5) * k), 0);
  return (k === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n)) * sum;
}

describe('DCT-II', () => {
  it('matches the direct formula on random 80-band frames', () => {
    const rng = createRng(7);
    const x = Array.from({ length: 80 }, () => rng() * 20 - 10);
    const c = dct2(x, 20);
    for (let k = 0; k < 20; k++) expect(c[k]).toBeCloseTo(directDct(x, k), 10);
  });

  it('matches a hand-computed 2-point case', () => {
    // c0 = (a + b) / sqrt(2), c1 = (a - b) / sqrt(2) for the orthonormal 2-point DCT-II.
    const c = dct2([3, 1], 2);
    expect(c[0]).toBeCloseTo(4 / Math.SQRT2, 12);
    expect(c[1]).toBeCloseTo(2 / Math.SQRT2, 12);
  });

  it('maps a constant to c0 only', () => {
    const c = dct2(new Array(80).fill(-2), 13);
    expect(c[0]).toBeCloseTo(-2 * Math.sqrt(80), 10);
    for (let k = 1; k < 13; k++) expect(Math.abs(c[k])).toBeLessThan(1e-10);
  });

  it('has orthonormal basis rows', () => {
    const n = 80;
    const basis = dctBasis(n, 20);
    for (let a = 0; a < 20; a++) {
      for (let b = 0; b < 20; b++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += basis[a * n + i] * basis[b * n + i];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 10);
      }
    }
  });
});

describe('mfccFromLogMel', () => {
  it('transforms each frame of a frame-major log-mel independently', () => {
    const rng = createRng(3);
    const frames = 4;
    const data = Float32Array.from({ length: frames * 80 }, () => rng() * 5);
    const mfcc = mfccFromLogMel({ frames, data }, 13);
    expect(mfcc.frames).toBe(4);
    expect(mfcc.data.length).toBe(4 * 13);
    for (let t = 0; t < frames; t++) {
      const frame = Array.from(data.subarray(t * 80, (t + 1) * 80));
      for (let k = 0; k < 13; k++) expect(mfcc.data[t * 13 + k]).toBeCloseTo(directDct(frame, k), 4);
    }
  });
});
