// Parallel scheduled sampling (Duckworth et al. 2019) for TTS batches: some steps enter the Transformer
// as the model's own reconstruction instead of the recording, as they would at inference.
//
// Why: measured on MELD v2 (reports/meld-v2/), each of the two differences between teacher forcing and
// free-running TTS costs 10-15 points of judge WER alone (the prior's own codes on the true history; the
// recording's codes on the model's own history), and together ~40: a wrong code makes a wrong step,
// which the next state reads and builds on. Training only on recordings never shows the model its own steps.
//
// A first pass without gradient over the true history draws every step's codes from the prior (as the
// decoder does, without <EOS> or the repetition penalty, which need the steps before) and reconstructs
// them; then a `rate` of the target's steps are replaced by those reconstructions where the next row reads
// them (never the voice prompt's: it is a recording at inference too). The targets (the posterior's codes,
// the frames) stay the recording's.

import * as tf from '@tensorflow/tfjs';
import { type MeldConfig, stepSize } from '../../models/meld/config';
import { createRng } from '../../models/random';
import { DEFAULT_SAMPLING } from '../../models/sampling';
import type { TtsBatch } from './batch';
import { batchVoice, dropoutMasks, trunk } from './forward';
import { drawPriorCodes, reconFromCodes } from './infer';
import type { Params } from './params';

// The rows come from many sequences at once: no repetition penalty, which reads the steps before.
const SAMPLING = { ...DEFAULT_SAMPLING, repetitionPenalty: 0 };

/** The batch with a `rate` of its target steps' inputs replaced by the model's own reconstructions (drawn from `seed`). */
export function withOwnHistory(c: MeldConfig, params: Params, batch: TtsBatch, rate: number, seed: number): TtsBatch {
  const { B, T } = batch;
  const N = B * T;
  const S = stepSize(c);
  const rand = createRng(seed * 7919 + 17);
  // Rows that predict a step of the target (the voice prompt is a recording at inference too) that the next row reads.
  const rows: number[] = [];
  for (let r = 0; r + 1 < N; r++) if (batch.targetMask[r] > 0 && batch.speechMask[r + 1] > 0 && (r + 1) % T !== 0 && rand() < rate) rows.push(r);
  if (rows.length === 0) return batch;

  const own = tf.tidy(() => {
    const voice = batchVoice(c, params, batch); // [N, D] or null
    const h = trunk(c, params, batch, dropoutMasks(N, c.prenetHidden, c.prenetDropout, seed), undefined, voice); // [N, D]
    const picked = tf.tensor1d(rows, 'int32');
    const hp = tf.gather(h, picked) as tf.Tensor2D; // [n, D]: the states that predict the picked steps
    const codes = drawPriorCodes(c, params, hp, SAMPLING, rand);
    return reconFromCodes(c, params, codes, hp, voice && (tf.gather(voice, picked) as tf.Tensor2D)).dataSync() as Float32Array; // [n, S]
  });
  const speechIn = batch.speechIn.slice();
  rows.forEach((r, i) => speechIn.set(own.subarray(i * S, (i + 1) * S), (r + 1) * S));
  return { ...batch, speechIn };
}
