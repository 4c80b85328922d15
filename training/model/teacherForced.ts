// Teacher-forced resynthesis: a recording spoken back through the model's latent bottleneck. The
// Transformer reads the true previous steps (as in training, pre-net dropout on), every step takes
// the encoder's own code (argmax q(z|x) of the true step) instead of one sampled from the prior, and
// the reconstruction network and post-net turn code and state into the step's frames.
//
// It is the best the sampler could do if the prior always chose the posterior's code: what it loses
// against the recording is the bottleneck's share (codebook, reconstruction, post-net), and the rest
// of a TTS gap is the prior's (`npm run eval -- --tts checkpoint-teacher-forced`).
//
// With `sampling`, every step's codes are drawn from the prior instead, given the same true history (as
// the decoder draws them, <EOS> excluded): between the two lies what the prior's choices cost when the
// history is right; between this and free-running TTS, what feeding the model its own steps costs
// (`--tts checkpoint-prior-codes`).

import * as tf from '@tensorflow/tfjs';
import { type MeldConfig, stepSize } from '../../models/meld/config';
import { createRng } from '../../models/random';
import type { SamplingOptions } from '../../models/sampling';
import type { TrainUtterance } from '../data/dataset';
import { packBatch } from '../layout';
import { ttsExample } from '../layout/prefix';
import { batchVoice, dropoutMasks, trunk } from './forward';
import { drawPriorCodes, posteriorCodes, reconFromCodes } from './infer';
import type { Params } from './params';
import { finishSynthesis, type TtsResult } from './sampler';

/**
 * The target's steps resynthesised after an optional same-speaker prompt; `seed` draws the pre-net dropout
 * (and the codes, with `sampling`).
 */
export function resynthesizeTeacherForced(c: MeldConfig, params: Params, target: TrainUtterance, prompt: TrainUtterance | null, seed: number, sampling?: SamplingOptions): TtsResult {
  const S = stepSize(c);
  const batch = packBatch(c, [ttsExample(c, target, prompt)]);
  if (batch.task !== 'tts') throw new Error('a TTS example packed as an STT batch');
  const N = batch.B * batch.T;
  // The rows that predict the target's steps: the last target.steps rows that have a frame target.
  const rows: number[] = [];
  for (let r = 0; r < N; r++) if (batch.frameMask[r] > 0) rows.push(r);
  const targetRows = rows.slice(rows.length - target.steps);
  let codes: number[] = [];
  const steps = tf.tidy(() => {
    const voice = batchVoice(c, params, batch); // [N, D] (voiceSummary models: the prompt's voice)
    const h = trunk(c, params, batch, dropoutMasks(N, c.prenetHidden, c.prenetDropout, seed), undefined, voice); // [N, D]
    const rowsOf = (x: tf.Tensor2D) => tf.gather(x, tf.tensor1d(targetRows, 'int32')) as tf.Tensor2D;
    codes = sampling
      ? drawPriorCodes(c, params, rowsOf(h), sampling, createRng(seed + 1))
      : posteriorCodes(c, params, tf.tensor2d(target.mel.subarray(0, target.steps * S), [target.steps, S]));
    const pre = reconFromCodes(c, params, codes, rowsOf(h), voice && rowsOf(voice)); // [steps, S]
    const flat = pre.dataSync() as Float32Array;
    return Array.from({ length: target.steps }, (_, j) => flat.slice(j * S, (j + 1) * S));
  });
  return finishSynthesis(c, params, steps, codes, 'eos');
}
