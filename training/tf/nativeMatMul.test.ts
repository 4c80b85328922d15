// The OpenBLAS kernel computes what tfjs-wasm's BatchMatMul does, values and gradients, across
// transposes, batches and awkward shapes (vectors, sizes off the SIMD widths, a long inner dimension).

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from './backend';
import { mm } from './linalg';
import { nativeAddonOrSkip } from './nativeGate';
import { nativeMatMulActive } from './nativeMatMul';

const available = nativeAddonOrSkip();

/** max |x - ref| / max |ref|: a relative error that tolerates near-zero entries. */
function relErr(x: tf.Tensor, ref: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(x, ref))).dataSync()[0] / Math.max(tf.max(tf.abs(ref)).dataSync()[0], 1e-30));
}

/** Runs f on plain tfjs-wasm, then on wasm-blas, and returns both results as plain arrays. */
async function onBothPaths(f: () => tf.Tensor[]): Promise<{ wasm: tf.Tensor[]; blas: tf.Tensor[] }> {
  await initBackend('wasm');
  const wasm = f();
  await initBackend('wasm-blas');
  expect(nativeMatMulActive()).toBe(true);
  const blas = f();
  return { wasm, blas };
}

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(async () => {
  await initBackend('wasm'); // leave the file's thread on the default kernels
});

let seed = 1;
const rand = (shape: number[]) => tf.randomNormal(shape, 0, 1, 'float32', seed++);

// [M, K, N]: a row vector, a column vector, sizes that are not multiples of 4 or 8, K = 1, a long K.
const SHAPES: [number, number, number][] = [[1, 37, 5], [29, 13, 1], [1, 1, 1], [7, 1, 9], [37, 23, 11], [65, 130, 33], [3, 4099, 5], [96, 257, 64]];

describe.skipIf(!available)('native matMul (OpenBLAS on the WASM heap)', () => {
  for (const [m, k, n] of SHAPES) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      it(`[${m}x${k}]x[${k}x${n}] transposeA=${ta} transposeB=${tb}: values and gradients`, async () => {
        const a = rand(ta ? [k, m] : [m, k]);
        const b = rand(tb ? [n, k] : [k, n]);
        const w = rand([m, n]); // a non-uniform upstream gradient
        const f = () => {
          const loss = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D, ta, tb), w));
          return [tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D, ta, tb), ...tf.grads(loss)([a, b])];
        };
        const { wasm, blas } = await onBothPaths(f);
        wasm.forEach((ref, i) => expect(relErr(blas[i], ref)).toBeLessThan(1e-4));
      });
    }
  }

  it('mm() (the model\'s product) and its gradient', async () => {
    const a = rand([301, 77]);
    const b = rand([77, 45]);
    const w = rand([301, 45]);
    const f = () => [mm(a as tf.Tensor2D, b as tf.Tensor2D), ...tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(mm(x as tf.Tensor2D, y as tf.Tensor2D), w)))([a, b])];
    const { wasm, blas } = await onBothPaths(f);
    wasm.forEach((ref, i) => expect(relErr(blas[i], ref)).toBeLessThan(1e-4));
  });

  it('batched products, one side broadcast over the batch, and batched gradients', async () => {
    const a = rand([3, 2, 9, 6]);
    const b = rand([3, 2, 6, 5]);
    const b1 = rand([6, 5]);
    const at = rand([3, 2, 6, 9]);
    const f = () => [
      tf.matMul(a, b),
      tf.matMul(a, b1),
      tf.matMul(at, b, true, false),
      // (tfjs's own gradient does not reduce a broadcast operand, so the gradient takes equal batches)
      ...tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.square(tf.matMul(x, y, true, false))))([at, b]),
    ];
    const { wasm, blas } = await onBothPaths(f);
    wasm.forEach((ref, i) => {
      expect(blas[i].shape).toEqual(ref.shape);
      expect(relErr(blas[i], ref)).toBeLessThan(1e-4);
    });
  });

  it('keeps working when the heap grows between products (a fresh view of the new buffer)', async () => {
    await initBackend('wasm-blas');
    const a = rand([64, 32]);
    const b = rand([32, 16]);
    const before = tf.matMul(a, b);
    const big = tf.zeros([64 * 1024 * 1024]); // 256 MB: more than the heap has spare, so it grows
    const after = tf.matMul(a, b);
    expect(relErr(after, before)).toBe(0);
    big.dispose();
  });
});
