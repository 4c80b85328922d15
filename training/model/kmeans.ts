// k-means on training steps (stacked normalised mel frames): the initial soft-VQ codebook, and the
// temperature tau that makes q(z|x) sharp but not one-hot.

import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../models/random';
import { mm } from '../tf/linalg';

export interface KMeansResult {
  /** [K, S] row-major. */
  centroids: Float32Array;
  /** Mean squared distance of each point to its centroid, per iteration (should fall). */
  inertia: number[];
  /** Temperature: the median gap between the nearest and second-nearest code, divided by ln 20,
   *  so the median point gives its runner-up code 1/20 of the nearest's probability. */
  tau: number;
}

/** Points whose distances to every centroid are computed together. */
const DISTANCE_ROWS = 4096;

/** n speech steps [n * S] drawn with `rand`: a random utterance, then a random step of it (k-means' points). */
export function sampleSteps(utterances: readonly { mel: Float32Array; steps: number }[], n: number, S: number, rand: () => number): Float32Array {
  const points = new Float32Array(n * S);
  for (let i = 0; i < n; i++) {
    const u = utterances[Math.floor(rand() * utterances.length)];
    const j = Math.floor(rand() * u.steps);
    points.set(u.mel.subarray(j * S, (j + 1) * S), i * S);
  }
  return points;
}

/** The nearest code of each step [n, S] in a codebook [S, K] (the hard posterior codes of a soft-VQ codebook). */
export function nearestCodes(steps: tf.Tensor2D, codebookT: tf.Tensor2D): number[] {
  return tf.tidy(() => {
    // |x|^2 is the same for every code of a step, so it does not change the argmin.
    const d = tf.add(tf.mul(-2, mm(steps, codebookT)), tf.sum(tf.square(codebookT), 0, true));
    return Array.from(tf.argMin(d, 1).dataSync());
  });
}

/** Squared distances [n, K] between points [n, S] and centroids [K, S]. */
function distances(x: tf.Tensor2D, cT: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.sub(tf.sum(tf.square(x), -1, true), tf.mul(2, mm(x, cT))), tf.sum(tf.square(cT), 0, true)));
}

export function kmeans(points: Float32Array, n: number, S: number, K: number, iterations: number, seed: number): KMeansResult {
  const rand = createRng(seed);
  const centroids = new Float32Array(K * S);
  // Initialise from distinct random points.
  const pick = Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < K; k++) {
    const j = k + Math.floor(rand() * (n - k));
    [pick[k], pick[j]] = [pick[j], pick[k]];
    centroids.set(points.subarray(pick[k] * S, (pick[k] + 1) * S), k * S);
  }
  const x = tf.tensor2d(points, [n, S]);
  const inertia: number[] = [];
  let tau = 1;
  for (let it = 0; it <= iterations; it++) {
    const cT = tf.tidy(() => tf.transpose(tf.tensor2d(centroids, [K, S])));
    const assign = new Int32Array(n);
    let total = 0;
    const gaps: number[] = [];
    // Distances a block of points at a time: [n, K] at once would not fit in memory for large K.
    for (let i0 = 0; i0 < n; i0 += DISTANCE_ROWS) {
      const rows = Math.min(DISTANCE_ROWS, n - i0);
      const d = tf.tidy(() => distances(tf.slice(x, [i0, 0], [rows, S]), cT));
      const data = d.dataSync();
      d.dispose();
      for (let r = 0; r < rows; r++) {
        let best = Infinity;
        let second = Infinity;
        let arg = 0;
        for (let k = 0; k < K; k++) {
          const v = data[r * K + k];
          if (v < best) {
            second = best;
            best = v;
            arg = k;
          } else if (v < second) second = v;
        }
        assign[i0 + r] = arg;
        total += Math.max(best, 0);
        gaps.push(second - best);
      }
    }
    cT.dispose();
    inertia.push(total / n);
    if (it === iterations) {
      gaps.sort((a, b) => a - b);
      tau = Math.max(gaps[Math.floor(gaps.length / 2)], 1e-3) / Math.log(20);
      break;
    }
    const sums = new Float64Array(K * S);
    const counts = new Int32Array(K);
    for (let i = 0; i < n; i++) {
      const k = assign[i];
      counts[k]++;
      for (let s = 0; s < S; s++) sums[k * S + s] += points[i * S + s];
    }
    for (let k = 0; k < K; k++) {
      if (counts[k] === 0) {
        // An empty cluster restarts at a random point.
        const i = Math.floor(rand() * n);
        centroids.set(points.subarray(i * S, (i + 1) * S), k * S);
      } else for (let s = 0; s < S; s++) centroids[k * S + s] = sums[k * S + s] / counts[k];
    }
  }
  x.dispose();
  return { centroids, inertia, tau };
}
