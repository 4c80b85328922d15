// Parallel scheduled sampling (Duckworth et al. 2019) for TTS batches: some steps enter the Transformer
// as the model's own reconstruction instead of the recording, as they would at inference.
//
// Why: measured on MELD v2 (reports/meld-v2/), each of the two differences between teacher forcing and
// free-running TTS costs ~14 points of judge WER alone (the prior's own codes on the true history; the
// recording's codes on the model's own history), and together ~45: a wrong code makes a wrong step,
// which the next state reads and builds on. Training only on recordings never shows the model its own steps.
//
// A first pass without gradient over the true history draws every step's codes from the prior (as the
// decoder does, without <EOS> or the repetition penalty, which need the steps before) and reconstructs
// them; then a `rate` of the steps are replaced by those reconstructions where the next row reads them.
// The targets (the posterior's codes, the frames) stay the recording's.

import * as tf from '@tensorflow/tfjs';
import { type MeldConfig, latentsPerStep, stepSize } from '../../models/meld/config';
import { SlotCodeSampler } from '../../models/meld/codeSampler';
import { createRng } from '../../models/random';
import { DEFAULT_SAMPLING, sampleLogits } from '../../models/sampling';
import type { TtsBatch } from './batch';
import { batchVoice, dropoutMasks, slotTransitions, trunk } from './forward';
import { latentSlotLogits, reconFromCodes, ttsLogits } from './infer';
import type { Params } from './params';

const SAMPLING = { ...DEFAULT_SAMPLING, repetitionPenalty: 0 };

/** The batch with a `rate` of its steps' inputs replaced by the model's own reconstructions (drawn from `seed`). */
export function withOwnHistory(c: MeldConfig, params: Params, batch: TtsBatch, rate: number, seed: number): TtsBatch {
  const { B, T } = batch;
  const N = B * T;
  const S = stepSize(c);
  const L = latentsPerStep(c);
  const K = c.codebookSize;
  const rand = createRng(seed * 7919 + 17);
  // Rows whose step the next row of the same sequence reads.
  const rows: number[] = [];
  for (let r = 0; r + 1 < N; r++) if (batch.frameMask[r] > 0 && batch.speechMask[r + 1] > 0 && (r + 1) % T !== 0 && rand() < rate) rows.push(r);
  if (rows.length === 0) return batch;

  const own = tf.tidy(() => {
    const voice = batchVoice(c, params, batch); // [N, D] or null
    const h = trunk(c, params, batch, dropoutMasks(N, c.prenetHidden, c.prenetDropout, seed), undefined, voice); // [N, D]
    const picked = tf.tensor1d(rows, 'int32');
    const hp = tf.gather(h, picked) as tf.Tensor2D; // [n, D]
    const slot0 = ttsLogits(c, params, hp).dataSync(); // [n, 1+K]
    const rest = L > 1 ? latentSlotLogits(params, hp).dataSync() : null; // [n, (L-1)*K]
    const transitions = c.slotTransitions ? (slotTransitions(params).dataSync() as Float32Array) : null;
    const codes: number[] = [];
    rows.forEach((_, i) => {
      const code0 = sampleLogits(slot0.subarray(i * (K + 1) + 1, (i + 1) * (K + 1)), SAMPLING, rand).index; // <EOS> excluded
      const slots = rest ? new SlotCodeSampler(SAMPLING, rand, L - 1, K, transitions).next(rest.subarray(i * (L - 1) * K, (i + 1) * (L - 1) * K), code0) : [];
      codes.push(code0, ...slots);
    });
    return reconFromCodes(c, params, codes, hp, voice && (tf.gather(voice, picked) as tf.Tensor2D)).dataSync() as Float32Array; // [n, S]
  });
  const speechIn = batch.speechIn.slice();
  rows.forEach((r, i) => speechIn.set(own.subarray(i * S, (i + 1) * S), (r + 1) * S));
  return { ...batch, speechIn };
}
