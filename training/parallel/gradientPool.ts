// Runs a second batch's gradients on a worker thread while the main thread does its own, then
// averages: two cores, twice the examples per update. The worker gets the current parameters each
// step, so the two copies never drift.

import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import type { MeldConfig } from '../../models/meld/config';
import type { Batch } from '../model/batch';
import type { LossWeights } from '../model/forward';
import type { BatchGradients, LossValues } from '../loop/gradients';
import type { Params } from '../model/params';
import { type BackendName, activeBackend } from '../tf/backend';
import type { FromWorker, ToWorker } from './protocol';

export class GradientWorker {
  private readonly worker: Worker;
  private pending: ((m: FromWorker) => void) | null = null;
  /** The backend the worker thread runs on (initBackend's answer there). */
  backend = '';

  private constructor() {
    // The boot file registers the tsx loader inside the worker thread, then imports gradWorker.ts.
    this.worker = new Worker(new URL('./gradWorker.boot.mjs', import.meta.url));
    this.worker.on('message', (m: FromWorker) => {
      const p = this.pending;
      this.pending = null;
      p?.(m);
    });
    this.worker.on('error', (e) => {
      const p = this.pending;
      this.pending = null;
      p?.({ kind: 'error', message: e.message });
    });
  }

  private request(m: ToWorker, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    return new Promise((resolve) => {
      this.pending = resolve;
      this.worker.postMessage(m, transfer);
    });
  }

  /** Starts a worker on `backend` (by default the one this thread's initBackend chose). */
  static async start(config: MeldConfig, names: string[], backend: BackendName | 'auto' = activeBackend() ?? 'auto'): Promise<GradientWorker> {
    const w = new GradientWorker();
    const r = await w.request({ kind: 'init', config, names, backend });
    if (r.kind !== 'ready') throw new Error(`gradient worker failed to start: ${r.kind === 'error' ? r.message : r.kind}`);
    w.backend = r.backend;
    return w;
  }

  /**
   * Starts the worker on a batch with the current parameters, every one of them: the trainable ones and the
   * frozen ones (a k-means codebook kept out of training is filled after the worker started, and the worker's
   * own initialisation would otherwise stand in for it). Gradients come back for `names`. Resolve the promise
   * after the local batch.
   */
  submit(params: Params, names: string[], batch: Batch, dropoutSeed: number, weights: LossWeights): Promise<Extract<FromWorker, { kind: 'grads' }>> {
    const copies: Record<string, Float32Array> = {};
    for (const [n, p] of Object.entries(params)) copies[n] = (p.dataSync() as Float32Array).slice();
    return this.request({ kind: 'step', params: copies, batch, dropoutSeed, weights }, Object.values(copies).map((a) => a.buffer as ArrayBuffer)).then((r) => {
      if (r.kind !== 'grads') throw new Error(`gradient worker failed: ${r.kind === 'error' ? r.message : r.kind}`);
      return r;
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Averages local gradients with the worker's (a parameter missing on one side counts as zero there). */
export function averageGradients(local: BatchGradients, remote: { parts: LossValues; grads: Record<string, Float32Array | null> }, params: Params): BatchGradients {
  const grads: Record<string, tf.Tensor | null> = {};
  for (const [n, g] of Object.entries(local.grads)) {
    const r = remote.grads[n];
    if (!g && !r) grads[n] = null;
    else
      grads[n] = tf.tidy(() => {
        const a = g ?? tf.zerosLike(params[n]);
        const b = r ? tf.tensor(r, params[n].shape) : tf.zerosLike(params[n]);
        return tf.mul(tf.add(a, b), 0.5);
      });
    g?.dispose();
  }
  const parts = {} as LossValues;
  for (const k of Object.keys(local.parts) as (keyof LossValues)[]) parts[k] = (local.parts[k] + remote.parts[k]) / 2;
  return { parts, grads };
}
