// Each exported graph against the TensorFlow.js forward pass on fixed inputs (fp32 within 1e-4) in
// onnxruntime-node and in onnxruntime-web (WASM) under Node; the KV-cached step loop reproduces the
// full-sequence forward pass.

import * as tf from '@tensorflow/tfjs';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { MELD_CONFIGS, stepSize } from '../../models/meld/config';
import { buildVocab } from '../../models/meld/vocab';
import { createRng } from '../../models/random';
import { embedSpeech, embedTokens, emptyCache, lmForward, postnetSteps, reconFromCodes, sttLogits, ttsLogits } from '../model/infer';
import { type Params, initParams } from '../model/params';
import { initBackend } from '../tf/backend';
import type { CoreGraphName } from '../../models/meld/manifest';
import { type PositionCursor, rowPositions } from '../../models/meld/positions';
import { type Weights, buildGraphs } from './meldGraphs';
import { type Feeds, type Ort, maxDiff, runGraph as run } from './testOrt';
import { perturbedWeights } from './testWeights';

const c = MELD_CONFIGS.tiny;
const S = stepSize(c);
const v = buildVocab(c.codebookSize);
let params: Params;
let weights: Weights;

beforeAll(async () => {
  await initBackend('wasm');
  params = initParams(c, 7);
  weights = perturbedWeights(params, 99);
  ortWeb.env.wasm.numThreads = 1;
});

const rand = createRng(5);
const randn = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
function lmFeeds(tokens: number[], features: Float32Array | null, isSpeech: number[], start: number, past: Record<string, Float32Array>, pastLen: number, from?: PositionCursor): Feeds {
  const n = tokens.length;
  const total = start + n;
  const mask = new Float32Array(n * total);
  for (let i = 0; i < n; i++) for (let j = start + i + 1; j < total; j++) mask[i * total + j] = -1e9;
  const dh = c.dModel / c.nHeads;
  const feeds: Feeds = {
    token_ids: { type: 'int32', data: Int32Array.from(tokens), dims: [n] },
    features: { type: 'float32', data: features ?? new Float32Array(n * c.dModel), dims: [n, c.dModel] },
    is_speech: { type: 'float32', data: Float32Array.from(isSpeech), dims: [n, 1] },
    positions: { type: 'int32', data: rowPositions(isSpeech, from).positions, dims: [n] },
    mask: { type: 'float32', data: mask, dims: [n, total] },
  };
  for (let l = 0; l < c.nLayers; l++)
    for (const kind of ['key', 'value']) feeds[`past_${kind}.${l}`] = { type: 'float32', data: past[`present_${kind}.${l}`] ?? new Float32Array(0), dims: kind === 'key' ? [c.nHeads, dh, pastLen] : [c.nHeads, pastLen, dh] }; // keys transposed
  return feeds;
}

describe.each([
  ['onnxruntime-node', () => ortNode as Ort],
  ['onnxruntime-web (wasm)', () => ortWeb as Ort],
])('export parity on %s', (_name, getOrt) => {
  const tol = 1e-4;
  let graphs: Record<CoreGraphName, Uint8Array>;
  beforeAll(() => {
    const g = buildGraphs(c, weights, 'float32');
    graphs = { encoder: g.encoder.bytes, lm: g.lm.bytes, recon: g.recon.bytes, postnet: g.postnet.bytes };
  });

  it('encoder (pre-net with dropout masks) matches', async () => {
    const n = 5;
    const steps = randn(n * S);
    const keep = [0, 1].map(() => Float32Array.from({ length: n * c.prenetHidden }, () => (rand() < 0.5 ? 0 : 2)));
    const want = tf.tidy(() => embedSpeech(c, params, tf.tensor2d(steps, [n, S]), [tf.tensor2d(keep[0], [n, c.prenetHidden]), tf.tensor2d(keep[1], [n, c.prenetHidden])]).dataSync());
    const got = await run(getOrt(), graphs.encoder, {
      steps: { type: 'float32', data: steps, dims: [n, S] },
      keep1: { type: 'float32', data: keep[0], dims: [n, c.prenetHidden] },
      keep2: { type: 'float32', data: keep[1], dims: [n, c.prenetHidden] },
    });
    expect(maxDiff(got.features, want)).toBeLessThan(tol);
  });

  it('lm prefill then one cached step matches tfjs, and the step reproduces the full-sequence pass', async () => {
    const ort = getOrt();
    const tokens = [v.tts, v.phonemes.start + 3, v.phonemes.start + 9, v.sep, 0, 0];
    const isSpeech = [0, 0, 0, 0, 1, 1];
    const speechFeat = randn(2 * c.dModel);
    const features = new Float32Array(tokens.length * c.dModel);
    features.set(speechFeat, 4 * c.dModel);
    // tfjs reference, cached: prefill 6 rows, then 1 step.
    const cache = emptyCache(c);
    const embeds = (toks: number[], speech: number[], feats: Float32Array) =>
      tf.tidy(() => {
        const tokE = embedTokens(c, params, toks.map((t, i) => (speech[i] ? 0 : t)));
        const s = tf.tensor2d(speech, [toks.length, 1]);
        return tf.add(tf.mul(tokE, tf.sub(1, s)), tf.mul(tf.tensor2d(feats, [toks.length, c.dModel]), s)) as tf.Tensor2D;
      });
    const h1 = tf.tidy(() => lmForward(c, params, embeds(tokens, isSpeech, features), cache, isSpeech));
    const want1 = { h: h1.dataSync(), tts: tf.tidy(() => ttsLogits(c, params, h1).dataSync()), stt: tf.tidy(() => sttLogits(c, params, h1).dataSync()) };
    const stepTok = [v.chars.start + 2];
    const h2 = tf.tidy(() => lmForward(c, params, embeds(stepTok, [0], new Float32Array(c.dModel)), cache, [0]));
    const want2 = h2.dataSync();

    const got1 = await run(ort, graphs.lm, lmFeeds(tokens, features, isSpeech, 0, {}, 0));
    expect(maxDiff(got1.h, want1.h)).toBeLessThan(tol);
    expect(maxDiff(got1.tts_logits, want1.tts)).toBeLessThan(tol);
    expect(maxDiff(got1.stt_logits, want1.stt)).toBeLessThan(tol);
    const got2 = await run(ort, graphs.lm, lmFeeds(stepTok, null, [0], tokens.length, got1, tokens.length, rowPositions(isSpeech).cursor));
    expect(maxDiff(got2.h, want2)).toBeLessThan(tol);

    // The whole 7-row sequence in one pass gives the cached step's last row.
    const allTokens = [...tokens, ...stepTok];
    const allFeatures = new Float32Array(7 * c.dModel);
    allFeatures.set(features);
    const full = await run(ort, graphs.lm, lmFeeds(allTokens, allFeatures, [...isSpeech, 0], 0, {}, 0));
    expect(maxDiff(full.h.subarray(6 * c.dModel), got2.h)).toBeLessThan(tol);
  });

  it('recon and post-net match', async () => {
    const ort = getOrt();
    const n = 3;
    const h = randn(n * c.dModel);
    const codes = [0, 5, c.codebookSize - 1];
    const want = tf.tidy(() => reconFromCodes(c, params, codes, tf.tensor2d(h, [n, c.dModel])).dataSync());
    // Dropout keep-masks as TTS draws them: the recon graph also runs its steps through the pre-net.
    const keep = [0, 1].map(() => Float32Array.from({ length: n * c.prenetHidden }, () => (rand() < 0.5 ? 0 : 2)));
    const got = await run(ort, graphs.recon, {
      codes: { type: 'int32', data: Int32Array.from(codes), dims: [n] },
      h: { type: 'float32', data: h, dims: [n, c.dModel] },
      keep1: { type: 'float32', data: keep[0], dims: [n, c.prenetHidden] },
      keep2: { type: 'float32', data: keep[1], dims: [n, c.prenetHidden] },
    });
    expect(maxDiff(got.steps, want)).toBeLessThan(tol);
    const wantFeatures = tf.tidy(() => embedSpeech(c, params, tf.tensor2d(want as Float32Array, [n, S]), [tf.tensor2d(keep[0], [n, c.prenetHidden]), tf.tensor2d(keep[1], [n, c.prenetHidden])]).dataSync());
    expect(maxDiff(got.features, wantFeatures)).toBeLessThan(tol);
    const m = 6;
    const steps = randn(m * S);
    const wantPost = tf.tidy(() => postnetSteps(c, params, tf.tensor2d(steps, [m, S])).dataSync());
    const gotPost = await run(ort, graphs.postnet, { steps: { type: 'float32', data: steps, dims: [m, S] } });
    expect(maxDiff(gotPost.refined, wantPost)).toBeLessThan(tol);
  });
});

describe('fp16 weights', () => {
  it('stay close to fp32 (weights rounded to binary16, arithmetic in fp32)', async () => {
    const graphs = { encoder: buildGraphs(c, weights, 'float16').encoder.bytes };
    const n = 4;
    const steps = randn(n * S);
    const ones = new Float32Array(n * c.prenetHidden).fill(1);
    const want = tf.tidy(() => embedSpeech(c, params, tf.tensor2d(steps, [n, S]), null).dataSync());
    const got = await run(ortNode, graphs.encoder, {
      steps: { type: 'float32', data: steps, dims: [n, S] },
      keep1: { type: 'float32', data: ones, dims: [n, c.prenetHidden] },
      keep2: { type: 'float32', data: ones, dims: [n, c.prenetHidden] },
    });
    const scale = Math.max(...Array.from(want, Math.abs));
    expect(maxDiff(got.features, want) / scale).toBeLessThan(5e-3);
  });
});
