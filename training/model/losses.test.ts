import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../tf/backend';
import { mm } from '../tf/linalg';
import { categoricalKL, crossEntropy, maskedMean, meanSquaredError, slownessLoss, softVqLogits } from './losses';

beforeAll(async () => {
  await initBackend('wasm');
});

const val = (t: tf.Tensor) => Array.from(t.dataSync());

describe('MELD loss terms against hand-computed values', () => {
  it('categorical KL(q || p)', () => {
    // q = [0.5, 0.5, 0], p = [0.25, 0.25, 0.5]: KL = 0.5 ln2 + 0.5 ln2 + 0 = ln 2
    // q = [1, 0, 0] (as a tiny epsilon), p = [0.5, 0.25, 0.25]: KL = ln 2
    const q = tf.tensor2d([[0.5, 0.5, 1e-30], [1, 1e-30, 1e-30]]);
    const p = tf.tensor2d([[0.25, 0.25, 0.5], [0.5, 0.25, 0.25]]);
    const kl = val(categoricalKL(tf.log(q) as tf.Tensor2D, tf.log(p) as tf.Tensor2D));
    expect(kl[0]).toBeCloseTo(Math.LN2, 5);
    expect(kl[1]).toBeCloseTo(Math.LN2, 5);
    // KL(q || q) = 0
    expect(val(categoricalKL(tf.log(p) as tf.Tensor2D, tf.log(p) as tf.Tensor2D))[0]).toBeCloseTo(0, 6);
  });

  it('the KL gradient reaches the prior but not the posterior', () => {
    const lq = tf.logSoftmax(tf.tensor2d([[1, 2, 3]]));
    const lp = tf.logSoftmax(tf.tensor2d([[3, 2, 1]]));
    const [gq, gp] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(categoricalKL(a as tf.Tensor2D, b as tf.Tensor2D)))([lq, lp]);
    expect(val(gq)).toEqual([0, 0, 0]);
    // d/d logP of -sum q logP is -q
    const q = val(tf.exp(lq));
    val(gp).forEach((g, i) => expect(g).toBeCloseTo(-q[i], 6));
  });

  it('slowness: minus the mean RMS distance between consecutive real frames', () => {
    // One sequence of 4 frames in 2 dims: steps (3,4) -> 5/sqrt2, (0,0) -> 0, (6,8) -> 10/sqrt2; the last pair masked out.
    const frames = tf.tensor3d([[[0, 0], [3, 4], [3, 4], [9, 12]]]);
    const mask = tf.tensor2d([[1, 1, 0]]);
    // (the 1e-8 inside the square root, which keeps the gradient finite at 0, adds 5e-5 here)
    expect(slownessLoss(frames, mask).dataSync()[0]).toBeCloseTo(-2.5 / Math.SQRT2, 3);
    expect(slownessLoss(frames, tf.tensor2d([[1, 1, 1]])).dataSync()[0]).toBeCloseTo(-5 / Math.SQRT2, 3);
  });

  it('soft-VQ logits are -|x - c|^2 / tau', () => {
    const x = tf.tensor2d([[1, 0], [0, 2]]);
    const cT = tf.tensor2d([[0, 1], [0, 1]]); // codes (0,0) and (1,1) as columns
    const logits = val(softVqLogits(x, cT, tf.scalar(Math.log(2)), mm));
    expect(logits[0]).toBeCloseTo(-1 / 2, 5); // |(1,0)|^2 / 2
    expect(logits[1]).toBeCloseTo(-1 / 2, 5); // |(0,-1)|^2 / 2
    expect(logits[2]).toBeCloseTo(-4 / 2, 5);
    expect(logits[3]).toBeCloseTo(-2 / 2, 5); // |(-1,1)|^2 / 2
  });

  it('reconstruction MSE, cross-entropy and masked means', () => {
    expect(val(meanSquaredError(tf.tensor2d([[1, 2]]), tf.tensor2d([[0, 0]])))[0]).toBeCloseTo(2.5, 6);
    const ce = val(crossEntropy(tf.tensor2d([[0, 0], [Math.log(3), 0]]), tf.tensor1d([1, 0])));
    expect(ce[0]).toBeCloseTo(Math.LN2, 5);
    expect(ce[1]).toBeCloseTo(-Math.log(0.75), 5);
    expect(maskedMean(tf.tensor1d([1, 2, 3]), tf.tensor1d([1, 0, 1])).dataSync()[0]).toBeCloseTo(2, 6);
  });
});
