// AdamW with global-norm gradient clipping, written out so its whole state (moments and step count)
// is plain named tensors: checkpoints resume it exactly.

import * as tf from '@tensorflow/tfjs';
import type { Params } from '../model/params';

export interface AdamWOptions {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  clipNorm: number;
}

/** Decoupled weight decay only on the matrices of linear layers (not biases, norms, embeddings, codebook). */
export function decays(name: string, shape: readonly number[]): boolean {
  return shape.length === 2 && !name.startsWith('embed.') && !name.startsWith('latent.');
}

export class AdamW {
  readonly m: Record<string, tf.Variable> = {};
  readonly v: Record<string, tf.Variable> = {};
  step = 0;

  constructor(
    private readonly params: Params,
    private readonly names: string[],
    private readonly opts: AdamWOptions,
  ) {
    for (const n of names) {
      this.m[n] = tf.variable(tf.zerosLike(params[n]), false);
      this.v[n] = tf.variable(tf.zerosLike(params[n]), false);
    }
  }

  /** Applies one update; returns the gradient's global norm before clipping. A non-finite norm
   *  changes nothing (the caller stops the run on it). Parameters without a gradient (the TTS-only
   *  heads on an STT batch) are left as they are, moments included. */
  apply(grads: Record<string, tf.Tensor | null | undefined>, lr: number): number {
    const { beta1, beta2, eps, weightDecay, clipNorm } = this.opts;
    const names = this.names.filter((n) => grads[n]);
    const norm = Math.sqrt(
      tf.tidy(() => tf.addN(names.map((n) => tf.sum(tf.square(grads[n]!)))).dataSync()[0]),
    );
    if (!Number.isFinite(norm)) return norm;
    const scale = norm > clipNorm ? clipNorm / norm : 1;
    this.step++;
    const bc1 = 1 - Math.pow(beta1, this.step);
    const bc2 = 1 - Math.pow(beta2, this.step);
    tf.tidy(() => {
      for (const n of names) {
        const g = tf.mul(grads[n]!, scale);
        const m = tf.add(tf.mul(this.m[n], beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(this.v[n], beta2), tf.mul(tf.square(g), 1 - beta2));
        this.m[n].assign(m);
        this.v[n].assign(v);
        const p = this.params[n];
        let update = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), eps));
        if (weightDecay > 0 && decays(n, p.shape)) update = tf.add(update, tf.mul(p, weightDecay));
        p.assign(tf.sub(p, tf.mul(update, lr)));
      }
    });
    return norm;
  }
}

/** Linear warm-up, then cosine decay to a floor. */
export function learningRate(step: number, peak: number, warmup: number, total: number, floor = 0.1): number {
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const t = Math.min(1, (step - warmup) / Math.max(1, total - warmup));
  return peak * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * t)));
}
