import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { MEL_STD_FLOOR, MelStatsAccumulator, denormalizeMel, isMelStats, normalizeMel } from './normalize';

const nMels = 4;

/** Frames whose bin b is offset[b] + scale[b] * uniform noise. */
function frames(count: number, seed: number, offset: number[], scale: number[]): Float32Array {
  const rng = createRng(seed);
  const data = new Float32Array(count * nMels);
  for (let i = 0; i < data.length; i++) data[i] = offset[i % nMels] + scale[i % nMels] * (rng() - 0.5);
  return data;
}

function twoPassStats(data: Float32Array): { mean: number[]; std: number[] } {
  const n = data.length / nMels;
  const mean = Array.from({ length: nMels }, (_, b) => {
    let s = 0;
    for (let t = 0; t < n; t++) s += data[t * nMels + b];
    return s / n;
  });
  const std = mean.map((m, b) => {
    let s = 0;
    for (let t = 0; t < n; t++) s += (data[t * nMels + b] - m) ** 2;
    return Math.sqrt(s / n);
  });
  return { mean, std };
}

describe('MelStatsAccumulator', () => {
  it('matches a two-pass computation whatever the chunking', () => {
    const data = frames(1000, 1, [-3, 0, 2, 7], [1, 2, 0.5, 4]);
    const expected = twoPassStats(data);
    const oneShot = new MelStatsAccumulator(nMels).add(data).finalize();
    const chunked = new MelStatsAccumulator(nMels);
    for (let t = 0; t < 1000; t += 7) chunked.add(data.subarray(t * nMels, Math.min(1000, t + 7) * nMels));
    for (const stats of [oneShot, chunked.finalize()]) {
      for (let b = 0; b < nMels; b++) {
        expect(stats.mean[b]).toBeCloseTo(expected.mean[b], 10);
        expect(stats.std[b]).toBeCloseTo(expected.std[b], 10);
      }
    }
  });

  it('merges accumulators from separate workers', () => {
    const a = frames(300, 2, [1, 2, 3, 4], [1, 1, 1, 1]);
    const b = frames(500, 3, [5, 2, 0, -4], [2, 1, 3, 1]);
    const joined = new Float32Array(a.length + b.length);
    joined.set(a);
    joined.set(b, a.length);
    const merged = new MelStatsAccumulator(nMels).add(a).merge(new MelStatsAccumulator(nMels).add(b));
    expect(merged.frames).toBe(800);
    const expected = twoPassStats(joined);
    const stats = merged.finalize();
    for (let k = 0; k < nMels; k++) {
      expect(stats.mean[k]).toBeCloseTo(expected.mean[k], 10);
      expect(stats.std[k]).toBeCloseTo(expected.std[k], 10);
    }
  });

  it('stays accurate for a small spread on a large offset (no E[x²] - E[x]² cancellation)', () => {
    const offset = 1e4;
    const data = new Float64Array(200_000 * nMels);
    for (let i = 0; i < data.length; i++) data[i] = offset + (Math.floor(i / nMels) % 2 === 0 ? -1e-2 : 1e-2);
    const accumulator = new MelStatsAccumulator(nMels);
    for (let t = 0; t < 200_000; t += 1000) accumulator.add(data.subarray(t * nMels, (t + 1000) * nMels));
    const { mean, std } = accumulator.finalize();
    for (let b = 0; b < nMels; b++) {
      expect(mean[b]).toBeCloseTo(offset, 9);
      expect(std[b] / 1e-2).toBeCloseTo(1, 8);
    }
  });

  it('floors the std of a constant bin and rejects bad input', () => {
    const data = frames(50, 4, [-11.5, 0, 0, 0], [0, 1, 1, 1]);
    const stats = new MelStatsAccumulator(nMels).add(data).finalize();
    expect(stats.std[0]).toBe(MEL_STD_FLOOR);
    expect(() => new MelStatsAccumulator(nMels).add(new Float32Array(5))).toThrow(RangeError);
    expect(() => new MelStatsAccumulator(nMels).finalize()).toThrow(RangeError);
  });
});

describe('normalizeMel / denormalizeMel', () => {
  const data = frames(200, 5, [-6, -2, 1, 3], [3, 2, 1, 0.5]);
  const stats = new MelStatsAccumulator(nMels).add(data).finalize();

  it('gives zero mean, unit std per bin, and round-trips through JSON', () => {
    const normalised = normalizeMel(data, stats);
    const check = twoPassStats(normalised);
    for (let b = 0; b < nMels; b++) {
      expect(check.mean[b]).toBeCloseTo(0, 5);
      expect(check.std[b]).toBeCloseTo(1, 5);
    }
    const parsed: unknown = JSON.parse(JSON.stringify(stats));
    expect(isMelStats(parsed)).toBe(true);
    expect(parsed).toEqual(stats);
    expect(isMelStats({ mean: [0], std: [0] })).toBe(false);
    expect(isMelStats({ mean: [0, 1], std: [1] })).toBe(false);
  });

  it('denormalize inverts normalize and neither touches its input', () => {
    const copy = data.slice();
    const restored = denormalizeMel(normalizeMel(data, stats), stats);
    expect(data).toEqual(copy);
    for (let i = 0; i < data.length; i++) expect(restored[i]).toBeCloseTo(data[i], 5);
  });

  it('rejects data that does not fit the stats', () => {
    expect(() => normalizeMel(new Float32Array(6), stats)).toThrow(RangeError);
  });
});
