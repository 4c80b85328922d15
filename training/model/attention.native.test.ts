// On the native BLAS kernel self-attention runs as batched products (attendBatched); on tfjs-wasm as
// per-(sequence, head) 2-D products. Both give the same output, gradients and guide weights.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MELD_CONFIGS } from '../../models/meld/config';
import { initBackend } from '../tf/backend';
import { nativeAddonOrSkip } from '../tf/nativeGate';
import { causalMask, selfAttention } from './layers';
import { initParams } from './params';

const available = nativeAddonOrSkip();
beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(async () => {
  await initBackend('wasm');
});

describe.skipIf(!available)('self-attention on both product paths', () => {
  it('batched (native) and per-pair (wasm) agree on values, gradients and head-0 weights', async () => {
    const c = MELD_CONFIGS.tiny;
    const [B, T] = [3, 13];
    const params = initParams(c, 4);
    const x = tf.randomNormal([B * T, c.dModel], 0, 1, 'float32', 5) as tf.Tensor2D;
    const w = tf.randomNormal([B * T, c.dModel], 0, 1, 'float32', 6);
    const mask = causalMask(T);
    const run = () => {
      const seen: tf.Tensor[] = [];
      const sink = { wants: () => true, add: (b: number, p: tf.Tensor2D) => seen[b] = tf.keep(tf.clone(p)) };
      const f = (xi: tf.Tensor, wqkv: tf.Tensor) => {
        const p = { ...params, 'layer0.attn.wqkv': wqkv as tf.Variable };
        return tf.sum(tf.mul(selfAttention(xi as tf.Tensor2D, B, T, c.nHeads, p, 'layer0.attn.', mask, sink), w));
      };
      const { value, grads } = tf.valueAndGrads(f)([x, params['layer0.attn.wqkv']]);
      return [value, ...grads, ...seen];
    };
    const wasm = run();
    await initBackend('wasm-blas');
    const blas = run();
    expect(blas).toHaveLength(B + 3);
    wasm.forEach((ref, i) => {
      const err = tf.tidy(() => tf.max(tf.abs(tf.sub(blas[i], ref))).dataSync()[0] / Math.max(tf.max(tf.abs(ref)).dataSync()[0], 1e-30));
      expect(err).toBeLessThan(1e-4);
    });
  });
});
