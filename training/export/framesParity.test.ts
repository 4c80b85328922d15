// Per-frame latents and the voice summary (issue 24) in the exported graphs, against TensorFlow.js:
// the encoder's voice output, the LM with the voice on every row and the heads of latent slots 1..L-1,
// and the reconstruction from L codes per step and the voice.

import * as tf from '@tensorflow/tfjs';
import * as ortNode from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { MELD_CONFIGS, stepSize } from '../../models/meld/config';
import { streamLayout } from '../../models/meld/aligned';
import { buildVocab } from '../../models/meld/vocab';
import { createRng } from '../../models/random';
import { embedStream, slotTransitions, voiceOf } from '../model/forward';
import { embedSpeech, embedTokens, emptyCache, latentSlotLogits, lmForward, reconFromCodes, ttsLogits } from '../model/infer';
import { type Params, initParams } from '../model/params';
import { initBackend } from '../tf/backend';
import { type Weights, buildGraphs } from './meldGraphs';
import { type Feeds, maxDiff, runGraph } from './testOrt';
import { perturbedWeights } from './testWeights';

const c = MELD_CONFIGS['tiny-frames'];
const L = c.latentsPerStep;
const l = streamLayout(c.aligned);
const S = stepSize(c);
const D = c.dModel;
const v = buildVocab(c.codebookSize);
const rand = createRng(12);
const randn = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
const tol = 1e-4;
let params: Params;
let weights: Weights;

beforeAll(async () => {
  await initBackend('wasm');
  params = initParams(c, 9);
  weights = perturbedWeights(params, 97);
});

describe('per-frame latents and voice summary: export parity (onnxruntime-node)', () => {
  it('encoder: the voice summary of the steps (no dropout) matches voiceOf', async () => {
    const g = buildGraphs(c, weights, 'float32');
    const n = 6;
    const steps = randn(n * S);
    const ones = new Float32Array(n * c.prenetHidden).fill(1);
    const got = await runGraph(ortNode, g.encoder.bytes, {
      steps: { type: 'float32', data: steps, dims: [n, S] },
      keep1: { type: 'float32', data: ones, dims: [n, c.prenetHidden] },
      keep2: { type: 'float32', data: ones, dims: [n, c.prenetHidden] },
    });
    expect(maxDiff(got.features, tf.tidy(() => embedSpeech(c, params, tf.tensor2d(steps, [n, S]), null).dataSync()))).toBeLessThan(tol);
    expect(maxDiff(got.voice, tf.tidy(() => voiceOf(c, params, tf.tensor2d(steps, [n, S])).dataSync()))).toBeLessThan(tol);
  });

  it('lm: the voice is added to every row; tts_logits and latent_logits match the prior of each slot', async () => {
    const g = buildGraphs(c, weights, 'float32');
    const n = 3; // <TTS> then two speech rows
    const ids = Int32Array.from({ length: n * l.width }, () => Math.floor(rand() * l.columns));
    const feats = randn(n * D);
    feats.fill(0, 0, D);
    const voice = randn(D);
    const isSpeech = [0, 1, 1];
    const h = tf.tidy(() => {
      const base = tf.concat([embedTokens(c, params, [v.tts]), tf.tensor2d(feats.subarray(D), [n - 1, D])]) as tf.Tensor2D;
      const e = tf.add(tf.add(base, embedStream(params, { ids, width: l.width })), tf.tensor2d(voice, [1, D])) as tf.Tensor2D;
      return lmForward(c, params, e, emptyCache(c), isSpeech, Int32Array.from({ length: n }, (_, i) => i));
    });
    const mask = new Float32Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) mask[i * n + j] = -1e9;
    const feeds: Feeds = {
      token_ids: { type: 'int32', data: Int32Array.of(v.tts, 0, 0), dims: [n] },
      features: { type: 'float32', data: feats, dims: [n, D] },
      is_speech: { type: 'float32', data: Float32Array.from(isSpeech), dims: [n, 1] },
      positions: { type: 'int32', data: Int32Array.of(0, 1, 2), dims: [n] },
      mask: { type: 'float32', data: mask, dims: [n, n] },
      stream: { type: 'int32', data: ids, dims: [n, l.width] },
      voice: { type: 'float32', data: voice, dims: [1, D] },
    };
    for (let k = 0; k < c.nLayers; k++)
      for (const kind of ['key', 'value']) feeds[`past_${kind}.${k}`] = { type: 'float32', data: new Float32Array(0), dims: kind === 'key' ? [c.nHeads, D / c.nHeads, 0] : [c.nHeads, 0, D / c.nHeads] };
    const got = await runGraph(ortNode, g.lm.bytes, feeds);
    expect(maxDiff(got.h, h.dataSync())).toBeLessThan(tol);
    expect(maxDiff(got.tts_logits, tf.tidy(() => ttsLogits(c, params, h).dataSync()))).toBeLessThan(tol);
    expect(got.latent_logits.length).toBe(n * (L - 1) * c.codebookSize);
    expect(maxDiff(got.latent_logits, tf.tidy(() => latentSlotLogits(params, h).dataSync()))).toBeLessThan(tol);
    h.dispose();
  });

  it('recon: L codes per step and the voice reconstruct what reconFromCodes does', async () => {
    const g = buildGraphs(c, weights, 'float32');
    const n = 2;
    const h = randn(n * D);
    const voice = randn(D);
    const codes = Array.from({ length: n * L }, (_, i) => (i * 7) % c.codebookSize);
    const want = tf.tidy(() => reconFromCodes(c, params, codes, tf.tensor2d(h, [n, D]), tf.tensor2d(voice, [1, D])).dataSync());
    const got = await runGraph(ortNode, g.recon.bytes, {
      codes: { type: 'int32', data: Int32Array.from(codes), dims: [n * L] },
      h: { type: 'float32', data: h, dims: [n, D] },
      voice: { type: 'float32', data: voice, dims: [1, D] },
      keep1: { type: 'float32', data: new Float32Array(n * c.prenetHidden).fill(1), dims: [n, c.prenetHidden] },
      keep2: { type: 'float32', data: new Float32Array(n * c.prenetHidden).fill(1), dims: [n, c.prenetHidden] },
    });
    expect(maxDiff(got.steps, want)).toBeLessThan(tol);
    expect(maxDiff(got.features, tf.tidy(() => embedSpeech(c, params, tf.tensor2d(want as Float32Array, [n, S]), null).dataSync()))).toBeLessThan(tol);
  });

  it('a model that draws its slots independently exports no slots graph', () => {
    expect(buildGraphs({ ...c, slotTransitions: false }, weights, 'float32').slots).toBeUndefined();
  });

  it('slots: the transition table\'s rows, as the decoders add them', async () => {
    const g = buildGraphs(c, weights, 'float32');
    const table = { shape: params['head.slotPrev'].shape, data: tf.tidy(() => slotTransitions(params).dataSync()) };
    expect(table.shape).toEqual([(L - 1) * c.codebookSize, c.codebookSize]);
    expect(table.data.some((x) => x !== 0)).toBe(true); // perturbed: a table of zeros would pass anything
    const rows = Int32Array.of(0, 5, (L - 1) * c.codebookSize - 1);
    const got = await runGraph(ortNode, g.slots!.bytes, { rows: { type: 'int32', data: rows, dims: [rows.length] } });
    const K = c.codebookSize;
    const want = Float32Array.from([...rows].flatMap((r) => [...table.data.subarray(r * K, (r + 1) * K)]));
    expect(maxDiff(got.transitions, want)).toBeLessThan(1e-6);
  });
});
