import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { mm, stopGradient } from './linalg';

beforeAll(async () => {
  await initBackend('wasm');
});

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('mm: 2-D matMul with an explicit-transpose gradient', () => {
  it('matches tf.matMul and its autograd gradient', () => {
    const a = tf.randomNormal([37, 23], 0, 1, 'float32', 1);
    const b = tf.randomNormal([23, 11], 0, 1, 'float32', 2);
    const w = tf.randomNormal([37, 11], 0, 1, 'float32', 3); // makes the upstream gradient non-uniform
    const loss = (f: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor) => (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x as tf.Tensor2D, y as tf.Tensor2D), w));
    const [ga, gb] = tf.grads(loss(mm))([a, b]);
    const [ra, rb] = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
    expect(maxAbsDiff(mm(a as tf.Tensor2D, b as tf.Tensor2D), tf.matMul(a, b))).toBeLessThan(1e-5);
    expect(maxAbsDiff(ga, ra)).toBeLessThan(1e-4);
    expect(maxAbsDiff(gb, rb)).toBeLessThan(1e-4);
  });

  it('stopGradient passes values and blocks gradients', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const g = tf.grad((v: tf.Tensor) => tf.sum(tf.add(tf.square(v), stopGradient(tf.square(v)))))(x);
    expect(Array.from(g.dataSync())).toEqual([2, 4, 6]); // only the first square's 2x
  });
});
