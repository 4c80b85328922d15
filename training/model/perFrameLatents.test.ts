// Per-frame latents and the voice summary (issue 24): the training loss and the decoders read the
// same prior, posterior, embeddings and voice vector.

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MELD_CONFIGS, type MeldConfig, latentSize, stepSize } from '../../models/meld/config';
import { SlotCodeSampler, addTransition } from '../../models/meld/codeSampler';
import { createRng } from '../../models/random';
import { DEFAULT_SAMPLING } from '../../models/sampling';
import { initBackend } from '../tf/backend';
import { packBatch, ttsExample } from '../layout';
import { batchVoice, latentEmbedding, latentPrior, posteriorLogQ, slotTransitions, voiceOf } from './forward';
import { latentSlotLogits, posteriorCodes, reconFromCodes, ttsLogits } from './infer';
import { initParams } from './params';
import { reconstruct } from './forward';
import { categoricalKL } from './losses';
import { testUtterance } from './testUtterance';
import { synthesizeAligned } from '../layout/alignedSampler';

beforeAll(async () => {
  await initBackend('wasm');
});

const c: MeldConfig = MELD_CONFIGS['tiny-frames'];
const L = c.latentsPerStep!;
const K = c.codebookSize;
const val = (t: tf.Tensor) => Array.from(t.dataSync());

/** Random data [rows, cols] from a seed. */
const randomRows = (rows: number, cols: number, seed: number) => tf.randomNormal([rows, cols], 0, 1, 'float32', seed) as tf.Tensor2D;

describe('per-frame latents', () => {
  it('the codebook is frames, its embeddings split the model width, and it is frozen', () => {
    const params = initParams(c, 1);
    expect(latentSize(c)).toBe(c.nMels);
    expect(params['latent.codebookT'].shape).toEqual([c.nMels, K]);
    expect(params['latent.embed'].shape).toEqual([K, c.dModel / L]);
    expect(params['latent.codebookT'].trainable).toBe(false);
    expect(params['head.latent.w'].shape).toEqual([c.dModel, (L - 1) * K]);
  });

  it('the prior gives L distributions per step; slot 0 shares its mass with <EOS>, the others are whole', () => {
    const params = initParams(c, 2);
    tf.tidy(() => {
      const h = randomRows(3, c.dModel, 3);
      const { logPCodes, logEos } = latentPrior(c, params, h, tf.zeros([3, L], 'int32') as tf.Tensor2D);
      expect(logPCodes.shape).toEqual([3 * L, K]);
      const mass = val(tf.sum(tf.exp(logPCodes), 1));
      const eos = val(tf.exp(logEos));
      for (let n = 0; n < 3; n++) {
        expect(mass[n * L] + eos[n]).toBeCloseTo(1, 5);
        for (let j = 1; j < L; j++) expect(mass[n * L + j]).toBeCloseTo(1, 5);
      }
      // The decoders read the same logits: slot 0 from ttsLogits' codes, slots 1.. from latentSlotLogits.
      const slot0 = val(tf.logSoftmax(ttsLogits(c, params, h)));
      const rest = val(latentSlotLogits(params, h));
      const logP = val(logPCodes);
      for (let k = 0; k < K; k++) expect(logP[k]).toBeCloseTo(slot0[1 + k], 5);
      const restRow0 = val(tf.logSoftmax(tf.tensor2d(rest.slice(0, K), [1, K])));
      for (let k = 0; k < K; k++) expect(logP[K + k]).toBeCloseTo(restRow0[k], 5);
    });
  });

  it('in-order slots: slot l reads slot l-1\'s code through its transition row, as the decoders add it', () => {
    const params = initParams(c, 13);
    expect(params['head.slotPrev'].shape).toEqual([(L - 1) * K, K]);
    expect(val(params['head.slotPrev']).every((v) => v === 0)).toBe(true); // starts as the independent prior
    params['head.slotPrev'].assign(randomRows((L - 1) * K, K, 14));
    tf.tidy(() => {
      const h = randomRows(2, c.dModel, 15);
      const slotCodes = [[5, 7, 1, 0], [2, 2, 9, 3]]; // each row's codes; the last slot's is never read
      const logP = val(latentPrior(c, params, h, tf.tensor2d(slotCodes, [2, L], 'int32')).logPCodes);
      const base = val(latentSlotLogits(params, h));
      const table = slotTransitions(params).dataSync();
      for (let n = 0; n < 2; n++) {
        for (let j = 0; j < L - 1; j++) {
          const z = Float32Array.from(base.slice((n * (L - 1) + j) * K, (n * (L - 1) + j + 1) * K));
          addTransition(z, table, j, slotCodes[n][j], K);
          const decoder = val(tf.logSoftmax(tf.tensor2d(z, [1, K])));
          for (let k = 0; k < K; k++) expect(logP[(n * L + j + 1) * K + k]).toBeCloseTo(decoder[k], 4);
        }
      }
    });
  });

  it('without slotTransitions a step\'s slots are independent: no table, no codes needed', () => {
    const independent: MeldConfig = { ...c, slotTransitions: false };
    const params = initParams(independent, 16);
    expect(params['head.slotPrev']).toBeUndefined();
    tf.tidy(() => {
      const h = randomRows(2, c.dModel, 17);
      const logP = val(latentPrior(independent, params, h).logPCodes);
      const rest = val(tf.logSoftmax(tf.reshape(latentSlotLogits(params, h), [2 * (L - 1), K])));
      for (let n = 0; n < 2; n++) for (let j = 1; j < L; j++) for (let k = 0; k < K; k += 17) expect(logP[(n * L + j) * K + k]).toBeCloseTo(rest[(n * (L - 1) + j - 1) * K + k], 5);
    });
    expect(() => latentPrior(c, initParams(c, 16), randomRows(1, c.dModel, 18))).toThrow(/needs the step's slot codes/);
  });

  it('the KL of a step is the sum of its latents\' KLs; the posterior codes are the nearest frames', () => {
    const params = initParams(c, 4);
    params['latent.codebookT'].assign(randomRows(c.nMels, K, 5));
    tf.tidy(() => {
      const x = randomRows(2, stepSize(c), 6);
      const logQ = posteriorLogQ(c, params, x);
      expect(logQ.shape).toEqual([2 * L, K]);
      const { logPCodes } = latentPrior(c, params, randomRows(2, c.dModel, 7), tf.argMax(logQ, 1).reshape([2, L]) as tf.Tensor2D);
      const perLatent = val(categoricalKL(logQ, logPCodes));
      // One frame at a time, by hand.
      const frame0 = tf.slice(x, [0, 0], [1, c.nMels]);
      const logQ0 = posteriorLogQ({ ...c, latentsPerStep: L }, params, tf.concat([frame0, frame0, frame0, frame0], 1) as tf.Tensor2D);
      expect(val(logQ0).slice(0, K).map((v) => +v.toFixed(4))).toEqual(val(logQ).slice(0, K).map((v) => +v.toFixed(4)));
      expect(perLatent.every((v) => v >= -1e-5)).toBe(true);
      // argmax q is the nearest code of each frame.
      const codes = posteriorCodes(c, params, x);
      const argmaxQ = val(tf.argMax(logQ, 1));
      expect(codes).toEqual(argmaxQ);
    });
  });

  it('inference\'s hard codes reconstruct what training\'s one-hot posterior would', () => {
    const params = initParams(c, 8);
    tf.tidy(() => {
      const h = randomRows(2, c.dModel, 9);
      const voice = randomRows(1, c.dModel, 10);
      const codes = [3, 1, 4, 1, 5, 9, 2, 6];
      const onehot = tf.oneHot(tf.tensor1d(codes, 'int32'), K).toFloat() as tf.Tensor2D; // [2*L, K]
      const training = val(reconstruct(params, latentEmbedding(c, params, onehot), h, tf.tile(voice, [2, 1]) as tf.Tensor2D));
      const inference = val(reconFromCodes(c, params, codes, h, voice));
      inference.forEach((v, i) => expect(v).toBeCloseTo(training[i], 4));
      expect(() => reconFromCodes(c, params, codes.slice(1), h)).toThrow(/codes for 2 steps/);
    });
  });
});

describe('the voice summary', () => {
  it('training spreads the prompt\'s summary over its sequence; inference computes the same vector', () => {
    const params = initParams(c, 11);
    params['voice.w'].assign(randomRows(c.dModel, c.dModel, 12));
    const prompt = testUtterance(c, 'p', 5, 6, 4);
    const target = testUtterance(c, 't', 7, 8, 5);
    const alone = testUtterance(c, 'a', 4, 5, 3);
    const batch = packBatch(c, [ttsExample(c, target, prompt), ttsExample(c, alone, null)]);
    if (batch.task !== 'tts') throw new Error('expected a TTS batch');
    expect(batch.voice!.seq.length).toBe(5); // only the first sequence has a reference
    tf.tidy(() => {
      const rows = val(batchVoice(c, params, batch)!); // [B*T, D]
      const D = c.dModel;
      const want = val(voiceOf(c, params, tf.tensor2d(prompt.mel, [prompt.steps, stepSize(c)])));
      for (let t = 0; t < batch.T; t++) for (let d = 0; d < D; d++) expect(rows[t * D + d]).toBeCloseTo(want[d], 4);
      // The sequence without a reference gets the Linear's bias.
      const bias = val(params['voice.b']);
      for (let d = 0; d < D; d++) expect(rows[batch.T * D + d]).toBeCloseTo(bias[d], 5);
    });
  });
});

describe('SlotCodeSampler', () => {
  it('draws one code per slot, the same for the same seed, and penalises a slot\'s previous candidates', () => {
    const logits = new Float32Array(3 * 8);
    for (let j = 0; j < 3; j++) logits[j * 8 + j] = 20; // slot j: code j almost surely
    const a = new SlotCodeSampler(DEFAULT_SAMPLING, createRng(1), 3, 8);
    expect(a.next(logits, 4)).toEqual([0, 1, 2]);
    const b = new SlotCodeSampler({ ...DEFAULT_SAMPLING, repetitionPenalty: 1 }, createRng(1), 3, 8);
    const flat = new Float32Array(3 * 8); // uniform: every code is a candidate
    const first = b.next(flat, 0);
    expect(first).toEqual(new SlotCodeSampler({ ...DEFAULT_SAMPLING, repetitionPenalty: 1 }, createRng(1), 3, 8).next(flat, 0));
    expect(() => b.next(new Float32Array(5), 0)).toThrow(/5 logits for 3 slots/);
  });

  it('with transitions, draws the slots in order, each given the code drawn before it', () => {
    // Uniform base logits; slot l's transition row for code z strongly favours code (z + 1) % 8.
    const K = 8;
    const transitions = new Float32Array(3 * K * K);
    for (let j = 0; j < 3; j++) for (let z = 0; z < K; z++) transitions[(j * K + z) * K + ((z + 1) % K)] = 30;
    const s = new SlotCodeSampler(DEFAULT_SAMPLING, createRng(2), 3, K, transitions);
    expect(s.next(new Float32Array(3 * K), 6)).toEqual([7, 0, 1]);
    expect(() => s.next(new Float32Array(3 * K), 8)).toThrow(/code 8 is not one of 8/);
    expect(() => new SlotCodeSampler(DEFAULT_SAMPLING, createRng(2), 3, K, new Float32Array(10))).toThrow(/10 values/);
  });
});

describe('the decoder\'s oracle (diagnosis)', () => {
  it('walks the recording\'s units from its first, takes its codes, and stops at its length', () => {
    const params = initParams(c, 19);
    const phonemeIds = [3, 4, 5];
    const units = Int32Array.of(1, 1, 2, 3, 3, 4); // from the first phoneme: no leading silence
    const codes = Array.from({ length: units.length * L }, (_, i) => (i * 5) % K);
    const r = synthesizeAligned(c, params, { phonemeIds, seed: 2 }, { units, codes });
    expect(r.codes).toEqual(codes);
    expect(r.frames).toBe(units.length * c.framesPerStep);
    const free = synthesizeAligned(c, params, { phonemeIds, seed: 2 }, { units });
    expect(free.codes.length).toBe(units.length * L);
    expect(free.codes).not.toEqual(codes);
  });
});
