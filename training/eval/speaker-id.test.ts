import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../models/random';
import { NearestCentroid, SPEAKER_FEATURE_NAMES, Standardiser, speakerFeatures } from './speaker-id';

function gaussian(rng: Rng): number {
  // Box-Muller.
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function cluster(rng: Rng, label: string, centre: number[], spread: number, n: number) {
  return Array.from({ length: n }, () => ({ label, features: Float64Array.from(centre, (c) => c + spread * gaussian(rng)) }));
}

describe('Standardiser', () => {
  it('gives zero mean and unit variance on its fitting set, and survives a constant dimension', () => {
    const vectors = [Float64Array.of(1, 10, 5), Float64Array.of(3, 30, 5), Float64Array.of(5, 50, 5)];
    const s = Standardiser.fit(vectors);
    const z = vectors.map((v) => s.apply(v));
    for (let d = 0; d < 2; d++) {
      const values = z.map((v) => v[d]);
      const mean = values.reduce((a, b) => a + b) / 3;
      expect(mean).toBeCloseTo(0, 12);
      expect(values.reduce((a, b) => a + (b - mean) ** 2, 0) / 3).toBeCloseTo(1, 12);
    }
    expect(z.map((v) => v[2])).toEqual([0, 0, 0]);
  });
});

describe('NearestCentroid', () => {
  const rng = createRng(11);
  // Three separated clusters in 5-D, with one dimension on a much larger scale (standardisation matters).
  const centres: Record<string, number[]> = {
    a: [0, 0, 0, 0, 0],
    b: [3, 0, 0, 0, 3000],
    c: [0, 3, 3, 0, -3000],
  };
  const train = Object.entries(centres).flatMap(([label, centre]) => cluster(rng, label, centre, 0.5, 30));
  const test = Object.entries(centres).flatMap(([label, centre]) => cluster(rng, label, centre, 0.5, 30));

  it.each(['euclidean', 'cosine'] as const)('classifies well-separated synthetic clusters (%s)', (metric) => {
    const model = NearestCentroid.fit(train, metric);
    expect(model.labels).toEqual(['a', 'b', 'c']);
    const correct = test.filter((s) => model.predict(s.features).label === s.label).length;
    expect(correct / test.length).toBeGreaterThan(0.95);
  });

  it('predicts the centroid itself with distance 0', () => {
    const model = NearestCentroid.fit(
      [
        { label: 'x', features: Float64Array.of(0, 0) },
        { label: 'x', features: Float64Array.of(2, 2) },
        { label: 'y', features: Float64Array.of(10, -10) },
      ],
      'euclidean',
    );
    const prediction = model.predict(Float64Array.of(1, 1));
    expect(prediction.label).toBe('x');
    expect(prediction.distance).toBeCloseTo(0, 12);
  });

  it('is at chance on clusters that overlap completely', () => {
    const same = [...cluster(rng, 'p', [0, 0, 0], 1, 200), ...cluster(rng, 'q', [0, 0, 0], 1, 200)];
    const model = NearestCentroid.fit(same.filter((_, i) => i % 2 === 0));
    const heldOut = same.filter((_, i) => i % 2 === 1);
    const correct = heldOut.filter((s) => model.predict(s.features).label === s.label).length / heldOut.length;
    expect(correct).toBeGreaterThan(0.35);
    expect(correct).toBeLessThan(0.65);
  });
});

describe('speakerFeatures', () => {
  it('has one value per named feature and separates a low from a high voice by F0', () => {
    const SR = 16000;
    // Vowel-like buzz: harmonics of f0 with a falling spectrum, 1 s, amplitude-modulated like syllables.
    const buzz = (f0: number) =>
      Float32Array.from({ length: SR }, (_, i) => {
        let x = 0;
        for (let h = 1; h * f0 < 4000; h++) x += Math.sin((2 * Math.PI * f0 * h * i) / SR) / h;
        return 0.2 * x * (0.6 + 0.4 * Math.sin((2 * Math.PI * 4 * i) / SR));
      });
    const low = speakerFeatures(buzz(100));
    const high = speakerFeatures(buzz(220));
    expect(low.length).toBe(SPEAKER_FEATURE_NAMES.length);
    expect(low.every(Number.isFinite)).toBe(true);
    const f0Index = SPEAKER_FEATURE_NAMES.indexOf('log_f0_median');
    expect(Math.exp(low[f0Index])).toBeCloseTo(100, -1);
    expect(Math.exp(high[f0Index])).toBeCloseTo(220, -1);
    expect(low[SPEAKER_FEATURE_NAMES.indexOf('voiced_fraction')]).toBeGreaterThan(0.8);
  });
});
