// The exported vocoder graph, its spectrum turned into audio by the runtime's inverse STFT
// (models/vocoder/spectrumAudio.ts), against the TensorFlow.js forward pass (fp32 within 1e-4 of the
// output's scale, fp16 weights within 1e-2) on onnxruntime-node and onnxruntime-web (WASM).

import * as tf from '@tensorflow/tfjs';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { denormalizeMel, normalizeMel } from '../../models/dsp';
import { createRng } from '../../models/random';
import { VOCODER_CONFIGS } from '../../models/vocoder/config';
import { spectrumToAudio } from '../../models/vocoder/spectrumAudio';
import type { Params } from '../model/params';
import { initBackend } from '../tf/backend';
import { IstftConstants, initVocoderParams, vocoderForward } from '../vocoder/model';
import type { Weights } from './graphOps';
import { relativeMaxError } from './relativeError';
import { perturbedWeights } from './testWeights';
import { vocoderGraph } from './vocoderGraph';

const c = VOCODER_CONFIGS.tiny;
let params: Params;
let weights: Weights;

beforeAll(async () => {
  await initBackend('wasm');
  params = initVocoderParams(c, 4);
  weights = perturbedWeights(params, 8);
  ortWeb.env.wasm.numThreads = 1;
});

type Ort = typeof ortNode | typeof ortWeb;

async function runGraph(ort: Ort, bytes: Uint8Array, mel: Float32Array, n: number): Promise<Float32Array> {
  const session = await (ort.InferenceSession as typeof ortNode.InferenceSession).create(bytes);
  const out = await session.run({ mel: new (ort.Tensor as typeof ortNode.Tensor)('float32', mel, [n, c.nMels]) });
  await session.release();
  return spectrumToAudio(out.spectrum.data as Float32Array, n, c);
}

describe('vocoder graph parity', () => {
  const n = 37;
  const rand = createRng(3);
  const mel = Float32Array.from({ length: n * c.nMels }, () => rand() * 2 - 1);
  let reference: Float32Array;

  beforeAll(() => {
    const k = new IstftConstants(c);
    reference = tf.tidy(() => vocoderForward(c, params, k, tf.tensor2d(mel, [n, c.nMels]), 1, n).wave.dataSync() as Float32Array);
    k.dispose();
  });

  for (const [name, ort] of [['onnxruntime-node', ortNode], ['onnxruntime-web (WASM)', ortWeb]] as const) {
    it(`fp32 on ${name}`, async () => {
      expect(relativeMaxError(await runGraph(ort, vocoderGraph(c, weights).bytes, mel, n), reference)).toBeLessThan(1e-4);
    });
    it(`fp16 weights on ${name}`, async () => {
      expect(relativeMaxError(await runGraph(ort, vocoderGraph(c, weights, 'float16').bytes, mel, n), reference)).toBeLessThan(1e-2);
    });
  }
});

describe('vocoder graph for a model on other mel statistics', () => {
  it('hears the model\'s mels as the vocoder\'s own units: the same audio as converting them first', async () => {
    const n = 29;
    const rand = createRng(5);
    const stats = () => ({ mean: Array.from({ length: c.nMels }, () => -6 + rand() * 4), std: Array.from({ length: c.nMels }, () => 0.5 + rand() * 2) });
    const renormalize = { model: stats(), vocoder: stats() };
    const melModel = Float32Array.from({ length: n * c.nMels }, () => rand() * 2 - 1);
    const melVocoder = normalizeMel(denormalizeMel(melModel, renormalize.model), renormalize.vocoder);
    const direct = await runGraph(ortNode, vocoderGraph(c, weights).bytes, melVocoder, n);
    const inGraph = await runGraph(ortNode, vocoderGraph(c, weights, 'float32', renormalize).bytes, melModel, n);
    expect(relativeMaxError(inGraph, direct)).toBeLessThan(1e-4);
  });
});
