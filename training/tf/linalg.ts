// Matrix products routed through the WASM backend's fast path.
//
// Measured here (tfjs-backend-wasm 4.22, SIMD, one thread): a plain 2-D matMul runs ~20 GFLOP/s,
// while a matMul with a transpose flag runs at 0.3-1.4 GFLOP/s and a batched (3-D) one at ~2.
// Autograd's matMul gradient uses the transpose flags, so every product in the model goes through
// mm(), whose gradient transposes explicitly (a cheap copy) and then calls the plain kernel. With
// the native BLAS kernel (nativeMatMul.ts) transposed products are as fast, so the copy is skipped.

import * as tf from '@tensorflow/tfjs';
import { nativeMatMulActive } from './nativeMatMul';

type GradResult = { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] };

const mmImpl = tf.customGrad(((a: tf.Tensor2D, b: tf.Tensor2D, save: (t: tf.Tensor[]) => void): GradResult => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy, [sa, sb]) =>
      nativeMatMulActive()
        ? [tf.matMul(dy, sb, false, true), tf.matMul(sa, dy, true, false)]
        : [
            tf.matMul(dy as tf.Tensor2D, tf.transpose(sb as tf.Tensor2D)), // dA = dY . B^T   [M, K]
            tf.matMul(tf.transpose(sa as tf.Tensor2D), dy as tf.Tensor2D), // dB = A^T . dY   [K, N]
          ],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

/** [M, K] x [K, N] -> [M, N] with a fast-path gradient. */
export function mm(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return (mmImpl as unknown as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D)(a, b);
}

/**
 * Whether batched (3-D) products run as fast as 2-D ones: on the native BLAS kernel they do; on
 * tfjs-wasm they run ~10x slower, so callers split them into 2-D products instead.
 */
export function batchedProductsFast(): boolean {
  return nativeMatMulActive();
}

/** [P, M, K] x [P, K, N] -> [P, M, N] (autograd's gradient: two transposed batched products). Use where batchedProductsFast(). */
export function bmm(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return tf.matMul(a, b);
}

/** x [N, in] . W [in, out] + b [out] */
export function linear(x: tf.Tensor2D, w: tf.Variable | tf.Tensor, b?: tf.Variable | tf.Tensor): tf.Tensor2D {
  const y = mm(x, w as tf.Tensor2D);
  return b ? tf.add(y, b) : y;
}

const stopGradientImpl = tf.customGrad(((x: tf.Tensor, save: (t: tf.Tensor[]) => void): GradResult => {
  save([]);
  return { value: tf.clone(x), gradFunc: (dy) => [tf.zerosLike(dy)] };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

/** The identity in the forward pass with no gradient (tfjs has no stop_gradient op). */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return (stopGradientImpl as unknown as (x: T) => T)(x);
}
