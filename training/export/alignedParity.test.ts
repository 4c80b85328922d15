// The time-aligned model's graphs against TensorFlow.js: the encoder with its normalised pre-net
// output, and the LM with the text stream and its two extra heads, prefilled then stepped.

import * as tf from '@tensorflow/tfjs';
import * as ortNode from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { MELD_CONFIGS, stepSize } from '../../models/meld/config';
import { streamLayout } from '../../models/meld/aligned';
import { buildVocab } from '../../models/meld/vocab';
import { createRng } from '../../models/random';
import { linear } from '../tf/linalg';
import { embedStream } from '../model/forward';
import { embedSpeech, embedTokens, emptyCache, lmForward, ttsLogits } from '../model/infer';
import { type Params, initParams } from '../model/params';
import { initBackend } from '../tf/backend';
import { type Weights, buildGraphs } from './meldGraphs';
import { type Feeds, maxDiff, runGraph } from './testOrt';
import { perturbedWeights } from './testWeights';

const c = MELD_CONFIGS['tiny-aligned'];
const l = streamLayout(c.aligned);
const S = stepSize(c);
const D = c.dModel;
const v = buildVocab(c.codebookSize);
const rand = createRng(11);
const randn = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
let params: Params;
let weights: Weights;

beforeAll(async () => {
  await initBackend('wasm');
  params = initParams(c, 8);
  weights = perturbedWeights(params, 98);
});

/** Stream ids for n rows, some slots unused (-1 in training, the zero row's id in the graph). */
function streamIds(n: number): Int32Array {
  return Int32Array.from({ length: n * l.width }, (_, i) => (i % l.width === l.width - 1 && i % 3 === 0 ? -1 : Math.floor(rand() * l.columns)));
}
const forGraph = (ids: Int32Array) => ids.map((id) => (id < 0 ? l.columns : id));

describe('time-aligned export parity (onnxruntime-node)', () => {
  const tol = 1e-4;
  it('encoder: the pre-net and its LayerNorm match', async () => {
    const g = buildGraphs(c, weights, 'float32');
    const n = 4;
    const steps = randn(n * S);
    const ones = new Float32Array(n * c.prenetHidden).fill(1);
    const want = tf.tidy(() => embedSpeech(c, params, tf.tensor2d(steps, [n, S]), null).dataSync());
    const got = await runGraph(ortNode, g.encoder.bytes, {
      steps: { type: 'float32', data: steps, dims: [n, S] },
      keep1: { type: 'float32', data: ones, dims: [n, c.prenetHidden] },
      keep2: { type: 'float32', data: ones, dims: [n, c.prenetHidden] },
    });
    expect(maxDiff(got.features, want)).toBeLessThan(tol);
  });

  it('lm: the stream is added per row, positions count rows, and the advance and slot heads match, prefill then a cached step', async () => {
    const g = buildGraphs(c, weights, 'float32');
    const n = 4; // <TTS> then three speech rows
    const ids = streamIds(n + 1);
    const feats = randn(n * D);
    feats.fill(0, 0, D);
    const isSpeech = [0, 1, 1, 1];
    const cache = emptyCache(c);
    const rows = (from: number, count: number, token: boolean) => tf.tidy(() => {
      const base = token ? embedTokens(c, params, [v.tts]) : tf.tensor2d(feats.subarray(from * D, (from + count) * D), [count, D]);
      const e = tf.add(base, embedStream(params, { ids: ids.subarray(from * l.width, (from + count) * l.width), width: l.width })) as tf.Tensor2D;
      return lmForward(c, params, e, cache, isSpeech.slice(from, from + count), Int32Array.from({ length: count }, (_, i) => from + i));
    });
    const h1 = tf.tidy(() => tf.concat([rows(0, 1, true), rows(1, n - 1, false)]) as tf.Tensor2D);
    const step = randn(D);
    const h2 = tf.tidy(() => {
      const e = tf.add(tf.tensor2d(step, [1, D]), embedStream(params, { ids: ids.subarray(n * l.width), width: l.width })) as tf.Tensor2D;
      return lmForward(c, params, e, cache, [1], Int32Array.of(n));
    });
    const heads = (h: tf.Tensor2D) => tf.tidy(() => ({
      tts: ttsLogits(c, params, h).dataSync(),
      advance: linear(h, params['head.advance.w'], params['head.advance.b']).dataSync(),
      slots: linear(h, params['head.slots.w'], params['head.slots.b']).dataSync(),
    }));

    const feeds = (from: number, count: number, features: Float32Array, speech: number[], past: Record<string, Float32Array>): Feeds => {
      const total = from + count;
      const mask = new Float32Array(count * total);
      for (let i = 0; i < count; i++) for (let j = from + i + 1; j < total; j++) mask[i * total + j] = -1e9;
      const f: Feeds = {
        token_ids: { type: 'int32', data: Int32Array.from(speech, (s) => (s ? 0 : v.tts)), dims: [count] },
        features: { type: 'float32', data: features, dims: [count, D] },
        is_speech: { type: 'float32', data: Float32Array.from(speech), dims: [count, 1] },
        positions: { type: 'int32', data: Int32Array.from({ length: count }, (_, i) => from + i), dims: [count] },
        mask: { type: 'float32', data: mask, dims: [count, total] },
        stream: { type: 'int32', data: forGraph(ids.subarray(from * l.width, total * l.width)), dims: [count, l.width] },
      };
      for (let k = 0; k < c.nLayers; k++)
        for (const kind of ['key', 'value']) f[`past_${kind}.${k}`] = { type: 'float32', data: past[`present_${kind}.${k}`] ?? new Float32Array(0), dims: kind === 'key' ? [c.nHeads, D / c.nHeads, from] : [c.nHeads, from, D / c.nHeads] }; // keys transposed
      return f;
    };
    const got1 = await runGraph(ortNode, g.lm.bytes, feeds(0, n, feats, isSpeech, {}));
    const want1 = heads(h1);
    expect(maxDiff(got1.h, h1.dataSync())).toBeLessThan(tol);
    expect(maxDiff(got1.tts_logits, want1.tts)).toBeLessThan(tol);
    expect(maxDiff(got1.advance_logits, want1.advance)).toBeLessThan(tol);
    expect(maxDiff(got1.slot_logits, want1.slots)).toBeLessThan(tol);
    const got2 = await runGraph(ortNode, g.lm.bytes, feeds(n, 1, step, [1], got1));
    expect(maxDiff(got2.h, h2.dataSync())).toBeLessThan(tol);
    expect(maxDiff(got2.advance_logits, heads(h2).advance)).toBeLessThan(tol);
    tf.dispose([h1, h2]);
  });
});
