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
import { initBackend } from '../tf/backend';
import { GradientWorker, averageGradients } from './gradientPool';
import { MELD_CONFIGS } from '../../models/meld/config';

const t = TRAIN_CONFIGS.tiny;
const c = MELD_CONFIGS.tiny;
let worker: GradientWorker | null = null;

beforeAll(async () => {
  if (!fs.existsSync(`${t.data}/manifest.jsonl`)) throw new Error(`the tiny corpus is missing at ${t.data}: build it with \`npm run data -- --config tiny\``);
  await initBackend('wasm');
});
afterAll(async () => {
  await worker?.stop();
});

describe('data-parallel gradients', () => {
  it('worker + local average equals the mean of two local computations', async () => {
    const corpus = loadCorpus(t.data, ['train'], c);
    const stream = new BatchStream(corpus, c, { task: 'tts', seed: 1, maxRows: 512, maxBatch: 4, maxSpeechSteps: 200, promptRate: 0.5 });
    const [b1, b2] = [stream.next(), stream.next()];
    const params = initParams(c, 2);
    const names = trainableNames(c);
    worker = await GradientWorker.start(c, names);
    const w = lossWeights(t); // guided attention included: the worker must rebuild the same spans

    const remote = worker.submit(params, names, b2, 11, w);
    const parallel = averageGradients(computeGradients(c, params, names, b1, 10, w), await remote, params);
    const g1 = computeGradients(c, params, names, b1, 10, w);
    const g2 = computeGradients(c, params, names, b2, 11, w);

    expect(parallel.parts.total).toBeCloseTo((g1.parts.total + g2.parts.total) / 2, 3);
    let worst = 0;
    for (const n of names) {
      const want = tf.tidy(() => tf.mul(tf.add(g1.grads[n]!, g2.grads[n]!), 0.5));
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(parallel.grads[n]!, want))).dataSync()[0]);
      const scale = tf.tidy(() => tf.max(tf.abs(want)).dataSync()[0]);
      worst = Math.max(worst, diff / Math.max(scale, 1e-6));
      want.dispose();
    }
    expect(worst).toBeLessThan(1e-4);
  }, 60_000);
});
