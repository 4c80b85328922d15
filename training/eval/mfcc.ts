// MFCCs from the shared log-mel (models/dsp logMel): an orthonormal DCT-II over the 80 log-mel bands
// of each frame. Reusing the model's own front end means the judge measures the same spectrum the
// model is trained on, without a second mel implementation.

import type { LogMel } from '../../models/dsp';

const basisCache = new Map<string, Float64Array>();

/** Orthonormal DCT-II basis [count x n]: row k is s_k cos(pi k (2i + 1) / 2n), s_0 = sqrt(1/n), s_k = sqrt(2/n). */
export function dctBasis(n: number, count: number): Float64Array {
  const key = `${n}:${count}`;
  const cached = basisCache.get(key);
  if (cached) return cached;
  const basis = new Float64Array(count * n);
  for (let k = 0; k < count; k++) {
    const scale = Math.sqrt((k === 0 ? 1 : 2) / n);
    for (let i = 0; i < n; i++) basis[k * n + i] = scale * Math.cos((Math.PI * k * (2 * i + 1)) / (2 * n));
  }
  basisCache.set(key, basis);
  return basis;
}

/** The first `count` orthonormal DCT-II coefficients of x[offset .. offset + n). */
export function dct2(x: ArrayLike<number>, count: number, n = x.length, offset = 0): Float64Array {
  const basis = dctBasis(n, count);
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += basis[k * n + i] * x[offset + i];
    out[k] = sum;
  }
  return out;
}

export interface Mfcc {
  frames: number;
  count: number;
  /** Frame-major [frames x count]; coefficient 0 is the (scaled) mean log-mel, i.e. loudness. */
  data: Float64Array;
}

export function mfccFromLogMel(mel: LogMel, count = 20): Mfcc {
  const nMels = mel.frames > 0 ? mel.data.length / mel.frames : 0;
  const data = new Float64Array(mel.frames * count);
  for (let t = 0; t < mel.frames; t++) data.set(dct2(mel.data, count, nMels, t * nMels), t * count);
  return { frames: mel.frames, count, data };
}
