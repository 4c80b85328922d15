// For the parity tests: freshly initialised parameters with seeded noise added, so the zero-
// initialised tensors (biases, codebook) have values and every weight is exercised, and the
// accessor the graph builders read them through.

import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../models/random';
import type { Params } from '../model/params';
import type { Weights } from './graphOps';

export function perturbedWeights(params: Params, seed: number): Weights {
  const rand = createRng(seed);
  for (const p of Object.values(params)) tf.tidy(() => p.assign(tf.add(p, tf.tensor(Float32Array.from({ length: p.size }, () => (rand() - 0.5) * 0.1), p.shape))));
  return (name) => ({ shape: params[name].shape, data: params[name].dataSync() as Float32Array });
}
