// The gradient worker thread computes exactly what the main thread would: averaging its gradients
// with the local ones equals the mean of two local gradient computations.

import * as fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAIN_CONFIGS, lossWeights } from '../config';
import { loadCorpus } from '../data/dataset';
import { computeGradients } from '../loop/gradients';
import { initParams, trainableNames } from '../model/params';
import { BatchStream } from '../data/stream';
import { attachAlignments } from '../align/cache';
import { initBackend } from '../tf/backend';
import { GradientWorker, averageGradients } from './gradientPool';
import { MELD_CONFIGS } from '../../models/meld/config';

let worker: GradientWorker | null = null;

beforeAll(async () => {
  const data = TRAIN_CONFIGS.tiny.data;
  if (!fs.existsSync(`${data}/manifest.jsonl`)) throw new Error(`the tiny corpus is missing at ${data}: build it with \`npm run data -- --config tiny\``);
  await initBackend('wasm');
});
afterAll(async () => {
  await worker?.stop();
});

/** Worker + local average against the mean of two local computations: the worst relative difference, and the losses. */
async function parallelAgainstLocal(configName: 'tiny' | 'tiny-frames'): Promise<{ worst: number; parallel: number; local: number }> {
  const t = TRAIN_CONFIGS[configName];
  const c = MELD_CONFIGS[configName];
  const corpus = loadCorpus(t.data, ['train'], c);
  if (t.guideAlignedRows > 0) attachAlignments([corpus], c.nMels);
  const stream = new BatchStream(corpus, c, { task: 'tts', seed: 1, maxRows: 512, maxBatch: 4, maxSpeechSteps: 200, promptRate: 0.5 });
  const [b1, b2] = [stream.next(), stream.next()];
  // Not the worker's own initialisation (seed 0): whatever it holds must come from here, frozen weights included.
  const params = initParams(c, 2);
  // The trainer fills the codebook by k-means (it starts at zero); here, random frames.
  params['latent.codebookT'].assign(tf.randomNormal(params['latent.codebookT'].shape, 0, 1, 'float32', 5));
  const names = trainableNames(c);
  await worker?.stop();
  worker = await GradientWorker.start(c, names);
  const w = lossWeights(t); // guided attention included: the worker must rebuild the same spans

  const remote = worker.submit(params, names, b2, 11, w);
  const parallel = averageGradients(computeGradients(c, params, names, b1, 10, w), await remote, params);
  const g1 = computeGradients(c, params, names, b1, 10, w);
  const g2 = computeGradients(c, params, names, b2, 11, w);
  let worst = 0;
  for (const n of names) {
    if (!g1.grads[n] && !g2.grads[n]) continue;
    const want = tf.tidy(() => tf.mul(tf.add(g1.grads[n] ?? tf.zerosLike(params[n]), g2.grads[n] ?? tf.zerosLike(params[n])), 0.5));
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(parallel.grads[n]!, want))).dataSync()[0]);
    const scale = tf.tidy(() => tf.max(tf.abs(want)).dataSync()[0]);
    worst = Math.max(worst, diff / Math.max(scale, 1e-6));
    want.dispose();
  }
  return { worst, parallel: parallel.parts.total, local: (g1.parts.total + g2.parts.total) / 2 };
}

describe('data-parallel gradients', () => {
  it('worker + local average equals the mean of two local computations', async () => {
    const r = await parallelAgainstLocal('tiny');
    expect(r.parallel).toBeCloseTo(r.local, 3);
    expect(r.worst).toBeLessThan(1e-4);
  }, 60_000);

  it('the worker also holds the frozen weights (a k-means codebook kept out of training)', async () => {
    expect(trainableNames(MELD_CONFIGS['tiny-frames'])).not.toContain('latent.codebookT');
    const r = await parallelAgainstLocal('tiny-frames');
    expect(r.parallel).toBeCloseTo(r.local, 3);
    expect(r.worst).toBeLessThan(1e-4);
  }, 60_000);
});
