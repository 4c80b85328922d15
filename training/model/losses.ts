// The MELD loss terms, each a small pure function so tests can check them against hand-computed values.

import * as tf from '@tensorflow/tfjs';
import { stopGradient } from '../tf/linalg';

/** Masked mean of per-row values: sum(v * m) / max(sum(m), 1). v and m are [N]. */
export function maskedMean(v: tf.Tensor1D, m: tf.Tensor1D): tf.Scalar {
  return tf.div(tf.sum(tf.mul(v, m)), tf.maximum(tf.sum(m), 1));
}

/**
 * Exact KL(q || p) per row between categorical distributions given as log-probabilities [N, K].
 * q is the posterior q(z|x) (a target here: no gradient flows into it), p the prior's prediction.
 */
export function categoricalKL(logQ: tf.Tensor2D, logP: tf.Tensor2D): tf.Tensor1D {
  const lq = stopGradient(logQ);
  return tf.sum(tf.mul(tf.exp(lq), tf.sub(lq, logP)), -1) as tf.Tensor1D;
}

/** log q(z | x) of soft vector quantisation: a softmax over -|x - c_k|^2 / tau.  x [N, S], codebookT [S, K]. */
export function softVqLogits(x: tf.Tensor2D, codebookT: tf.Tensor2D, logTau: tf.Tensor, mmFn: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D): tf.Tensor2D {
  const xx = tf.sum(tf.square(x), -1, true); // [N, 1]
  const cc = tf.sum(tf.square(codebookT), 0, true); // [1, K]
  const d2 = tf.add(tf.sub(xx, tf.mul(2, mmFn(x, codebookT))), cc); // [N, K] squared distances
  return tf.mul(d2, tf.neg(tf.exp(tf.neg(logTau)))) as tf.Tensor2D; // -d2 / tau
}

/**
 * The reconstruction term as MSE: mean over features of (x - xhat)^2, per row.
 * (Summing over the step's 320 values instead, the Gaussian NLL, outweighs the KL ~50-fold and the
 * prior barely learns: measured on the tiny config, KL 3.7 -> 2.65 nats in 80 steps of overfitting.)
 */
export function meanSquaredError(x: tf.Tensor2D, xhat: tf.Tensor2D): tf.Tensor1D {
  return tf.mean(tf.square(tf.sub(x, xhat)), -1) as tf.Tensor1D;
}

/**
 * The slowness term L_slow = -(1/(T-1)) sum_t |xhat_t - xhat_{t+1}|  (rewards motion, against flat
 * output), over frame sequences [B, F, nMels] with a pair mask [B, F-1] marking pairs of real frames.
 * The distance is the root-mean-square over bins (the Euclidean norm / sqrt(nMels)), on the same
 * per-value scale as the MSE. Returns the mean over real pairs (1/(T-1) pooled across the batch).
 */
export function slownessLoss(frames: tf.Tensor3D, pairMask: tf.Tensor2D): tf.Scalar {
  const F = frames.shape[1];
  const a = tf.slice(frames, [0, 0, 0], [-1, F - 1, -1]);
  const b = tf.slice(frames, [0, 1, 0], [-1, F - 1, -1]);
  const dist = tf.sqrt(tf.add(tf.mean(tf.square(tf.sub(b, a)), -1), 1e-8)); // [B, F-1]
  return tf.neg(tf.div(tf.sum(tf.mul(dist, pairMask)), tf.maximum(tf.sum(pairMask), 1)));
}

/** Cross-entropy per row of integer targets [N] under logits [N, C]. */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  const logp = tf.logSoftmax(logits);
  const onehot = tf.oneHot(tf.cast(targets, 'int32'), logits.shape[1]);
  return tf.neg(tf.sum(tf.mul(logp, onehot), -1)) as tf.Tensor1D;
}
