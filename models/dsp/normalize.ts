// Per-bin normalisation of log-mel frames: x' = (x - mean[b]) / std[b], statistics over all training
// frames. The model sees and produces normalised frames; the vocoder and displays get them back.

import { AUDIO } from '../config/audio';

/** Per-bin statistics, plain arrays so they round-trip through JSON unchanged. */
export interface MelStats {
  mean: number[];
  /** Population standard deviation (divide by N, as numpy.std), floored at the accumulator's epsilon. */
  std: number[];
}

/** Floor for std: a bin that never moves (e.g. always at the log floor) must not divide by ~0. */
export const MEL_STD_FLOOR = 1e-3;

/** True when value has the shape of MelStats (use it on parsed JSON before trusting it). */
export function isMelStats(value: unknown): value is MelStats {
  if (typeof value !== 'object' || value === null) return false;
  const { mean, std } = value as Record<string, unknown>;
  const numbers = (a: unknown): a is number[] =>
    Array.isArray(a) && a.length > 0 && a.every((x) => typeof x === 'number' && Number.isFinite(x));
  return numbers(mean) && numbers(std) && mean.length === std.length && std.every((s) => s > 0);
}

/**
 * Streaming per-bin mean and variance. Each add() computes the chunk's own mean and centred sum of
 * squares in float64 and merges it with Chan et al.'s parallel formula, which stays accurate over
 * millions of frames (no E[x²] - E[x]² cancellation). Accumulators from separate workers merge().
 */
export class MelStatsAccumulator {
  readonly nMels: number;
  readonly epsilon: number;
  private count = 0;
  private readonly mean: Float64Array;
  private readonly m2: Float64Array;

  constructor(nMels: number = AUDIO.nMels, epsilon: number = MEL_STD_FLOOR) {
    if (!Number.isInteger(nMels) || nMels < 1) throw new RangeError(`MelStatsAccumulator: bad nMels ${nMels}`);
    this.nMels = nMels;
    this.epsilon = epsilon;
    this.mean = new Float64Array(nMels);
    this.m2 = new Float64Array(nMels);
  }

  /** Frames seen so far. */
  get frames(): number {
    return this.count;
  }

  /** Adds frame-major frames [frames * nMels]. */
  add(data: ArrayLike<number>): this {
    const { nMels } = this;
    if (data.length % nMels !== 0) throw new RangeError(`MelStatsAccumulator.add: ${data.length} values is not a multiple of ${nMels}`);
    const frames = data.length / nMels;
    if (frames === 0) return this;
    const chunkMean = new Float64Array(nMels);
    for (let t = 0; t < frames; t++) for (let b = 0; b < nMels; b++) chunkMean[b] += data[t * nMels + b];
    for (let b = 0; b < nMels; b++) chunkMean[b] /= frames;
    const chunkM2 = new Float64Array(nMels);
    for (let t = 0; t < frames; t++) {
      for (let b = 0; b < nMels; b++) {
        const d = data[t * nMels + b] - chunkMean[b];
        chunkM2[b] += d * d;
      }
    }
    this.combine(frames, chunkMean, chunkM2);
    return this;
  }

  /** Folds another accumulator's frames into this one. */
  merge(other: MelStatsAccumulator): this {
    if (other.nMels !== this.nMels) throw new RangeError(`MelStatsAccumulator.merge: ${other.nMels} bins into ${this.nMels}`);
    this.combine(other.count, other.mean, other.m2);
    return this;
  }

  finalize(): MelStats {
    if (this.count === 0) throw new RangeError('MelStatsAccumulator.finalize: no frames added');
    const std = Array.from(this.m2, (m2) => Math.max(Math.sqrt(m2 / this.count), this.epsilon));
    return { mean: Array.from(this.mean), std };
  }

  private combine(n: number, mean: Float64Array, m2: Float64Array): void {
    if (n === 0) return;
    const total = this.count + n;
    for (let b = 0; b < this.nMels; b++) {
      const delta = mean[b] - this.mean[b];
      this.mean[b] += (delta * n) / total;
      this.m2[b] += m2[b] + (delta * delta * this.count * n) / total;
    }
    this.count = total;
  }
}

function applyPerBin(data: ArrayLike<number>, stats: MelStats, f: (x: number, b: number) => number): Float32Array {
  const nMels = stats.mean.length;
  if (stats.std.length !== nMels || data.length % nMels !== 0) {
    throw new RangeError(`mel normalisation: ${data.length} values do not fit stats of ${nMels} bins`);
  }
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = f(data[i], i % nMels);
  return out;
}

/** (x - mean) / std per bin, on frame-major data; returns a new array. */
export function normalizeMel(data: ArrayLike<number>, stats: MelStats): Float32Array {
  const { mean, std } = stats;
  return applyPerBin(data, stats, (x, b) => (x - mean[b]) / std[b]);
}

/** x * std + mean per bin, the inverse of normalizeMel; returns a new array. */
export function denormalizeMel(data: ArrayLike<number>, stats: MelStats): Float32Array {
  const { mean, std } = stats;
  return applyPerBin(data, stats, (x, b) => x * std[b] + mean[b]);
}
