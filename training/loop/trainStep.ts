// One optimiser step: the batch's gradients here and, with a gradient worker, a second batch's on
// the worker at the same time, averaged, then the AdamW update. The trainer and the step benchmark
// (bench-train.ts) both run it, so the benchmark times the trainer's own code path.

import * as tf from '@tensorflow/tfjs';
import type { MeldConfig } from '../../models/meld/config';
import type { Batch } from '../model/batch';
import type { LossWeights } from '../model/forward';
import type { Params } from '../model/params';
import { type LossValues, computeGradients } from './gradients';
import type { AdamW } from './optim';
import { type GradientWorker, averageGradients } from '../parallel/gradientPool';
import { wasmHeapBytes } from '../tf/backend';

export interface StepInput {
  batch: Batch;
  /** The worker's batch (null without a worker). */
  second: Batch | null;
  dropoutSeed: number;
  weights: LossWeights;
  lr: number;
}

export interface StepOutput {
  parts: LossValues;
  gradNorm: number;
  /** The largest WASM heap of the threads that ran the step (null off WASM). */
  heapBytes: number | null;
}

export async function trainStep(c: MeldConfig, params: Params, names: string[], opt: AdamW, pool: GradientWorker | null, s: StepInput): Promise<StepOutput> {
  const remote = pool && s.second ? pool.submit(params, names, s.second, s.dropoutSeed ^ 0x5bd1e995, s.weights) : null;
  let g = computeGradients(c, params, names, s.batch, s.dropoutSeed, s.weights);
  let heapBytes = wasmHeapBytes();
  if (remote) {
    const r = await remote;
    g = averageGradients(g, r, params);
    if (r.heapBytes !== null) heapBytes = Math.max(heapBytes ?? 0, r.heapBytes);
  }
  const gradNorm = opt.apply(g.grads, s.lr);
  tf.dispose(Object.values(g.grads).filter((x): x is tf.Tensor => x !== null));
  return { parts: g.parts, gradNorm, heapBytes };
}
