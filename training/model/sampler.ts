// TTS and STT decoding with the training weights (tfjs, KV cache): evaluates checkpoints through the
// evaluation harness, and is the reference the exported engine is compared with.

import * as tf from '@tensorflow/tfjs';
import { type MeldConfig, stepSize } from '../../models/meld/config';
import { dropoutKeepMask } from '../../models/meld/dropout';
import { CodeSampler } from '../../models/meld/codeSampler';
import { ttsStepLimit } from '../../models/meld/limits';
import { buildVocab } from '../../models/meld/vocab';
import { createRng } from '../../models/random';
import { DEFAULT_SAMPLING, type SamplingOptions, argmax } from '../../models/sampling';
import { PHONEME_VOCAB, decodeChars } from '../../models/text';
import {
  disposeCache, embedSpeech, emptyCache, lmSpeech, lmTokens, postnetSteps, reconFromCodes, sttLogits, ttsLogits,
} from './infer';
import type { Params } from './params';

export interface TtsRequest {
  /** Phoneme ids (models/text encodePhonemes) of the text to speak. */
  phonemeIds: number[];
  /** The voice prompt: its phoneme ids and normalised mel steps [steps * S] (or none). */
  prompt?: { phonemeIds: number[]; mel: Float32Array; steps: number };
  seed: number;
  sampling?: Partial<SamplingOptions>;
  /** Length guard in steps (default: models/meld/limits ttsStepLimit). */
  maxSteps?: number;
}

export interface TtsResult {
  /** Normalised mel frames after the post-net, frame-major [frames * nMels]. */
  mel: Float32Array;
  frames: number;
  codes: number[];
  stoppedBy: 'eos' | 'length-guard';
}

function masks(c: MeldConfig, rand: () => number, rows: number): [tf.Tensor2D, tf.Tensor2D] {
  const mk = () => tf.tensor2d(dropoutKeepMask(rand, rows, c.prenetHidden, c.prenetDropout), [rows, c.prenetHidden]);
  return [mk(), mk()];
}

/**
 * Per-utterance clocks (layout/prefix.ts perUtterancePositions) for the prefill: the text rows, whose
 * last (<SEP>) predicts the first speech step, and the prompt's speech rows; the row that holds
 * target step t then has position t + 1.
 */
function perUtteranceClocks(req: TtsRequest, textRows: number): { text: Int32Array; prompt: Int32Array } {
  const prompt = req.prompt ? req.prompt.phonemeIds.length + 1 : 0;
  const text = Int32Array.from({ length: textRows }, (_, j) => (j <= prompt ? j : j - prompt));
  text[textRows - 1] = 0;
  const steps = req.prompt?.steps ?? 0;
  return { text, prompt: Int32Array.from({ length: steps }, (_, j) => (j + 1 < steps ? j + 1 : 0)) };
}

export function synthesize(c: MeldConfig, params: Params, req: TtsRequest): TtsResult {
  const v = buildVocab(c.codebookSize);
  const S = stepSize(c);
  const opts = { ...DEFAULT_SAMPLING, ...req.sampling };
  const rand = createRng(req.seed);
  const space = PHONEME_VOCAB.indexOf(' ');
  const ph = req.prompt ? [...req.prompt.phonemeIds, space, ...req.phonemeIds] : req.phonemeIds;
  const tokens = [v.tts, ...ph.map((id) => v.phonemes.start + id), v.sep];
  const maxSteps = req.maxSteps ?? ttsStepLimit(req.phonemeIds.length);
  const cache = emptyCache(c);
  const steps: Float32Array[] = [];
  const codes: number[] = [];
  let stoppedBy: TtsResult['stoppedBy'] = 'length-guard';
  try {
    // Prefill: the text, then the prompt's speech (through the pre-net with dropout, as in training).
    const clocks = c.positions === 'per-utterance-sinusoid' ? perUtteranceClocks(req, tokens.length) : null;
    let h = tf.tidy(() => {
      let out = lmTokens(c, params, tokens, cache, clocks?.text);
      if (req.prompt && req.prompt.steps > 0) {
        const x = tf.tensor2d(req.prompt.mel.subarray(0, req.prompt.steps * S), [req.prompt.steps, S]);
        out = lmSpeech(c, params, embedSpeech(c, params, x, masks(c, rand, req.prompt.steps)), cache, clocks?.prompt);
      }
      return tf.slice(out, [out.shape[0] - 1, 0], [1, c.dModel]) as tf.Tensor2D;
    });
    const chooser = new CodeSampler(opts, rand, req.phonemeIds.length);
    for (let t = 0; t < maxSteps; t++) {
      const choice = chooser.next(tf.tidy(() => ttsLogits(c, params, h).dataSync()));
      if (choice.eos) {
        stoppedBy = 'eos';
        break;
      }
      const code = choice.code;
      codes.push(code);
      const next = tf.tidy(() => {
        const step = reconFromCodes(c, params, [code], h); // [1, S]
        steps.push(step.dataSync() as Float32Array);
        return lmSpeech(c, params, embedSpeech(c, params, step, masks(c, rand, 1)), cache, clocks ? Int32Array.of(t + 1) : undefined);
      });
      h.dispose();
      h = next;
    }
    h.dispose();
  } finally {
    disposeCache(cache);
  }
  return finishSynthesis(c, params, steps, codes, stoppedBy);
}

/** The generated steps [S] each through the post-net, as a TTS result. */
export function finishSynthesis(c: MeldConfig, params: Params, steps: Float32Array[], codes: number[], stoppedBy: TtsResult['stoppedBy']): TtsResult {
  const S = stepSize(c);
  const M = steps.length;
  if (M === 0) return { mel: new Float32Array(0), frames: 0, codes, stoppedBy };
  const pre = new Float32Array(M * S);
  steps.forEach((s, i) => pre.set(s, i * S));
  const mel = tf.tidy(() => postnetSteps(c, params, tf.tensor2d(pre, [M, S])).dataSync() as Float32Array);
  return { mel, frames: M * c.framesPerStep, codes, stoppedBy };
}

/** Greedy STT: <STT> speech <SEP> -> characters until <EOS> (or a length guard). mel: normalised steps [steps * S]. */
export function transcribe(c: MeldConfig, params: Params, mel: Float32Array, steps: number, maxChars = 400): string {
  const v = buildVocab(c.codebookSize);
  const S = stepSize(c);
  const nChars = v.chars.end - v.chars.start;
  const cache = emptyCache(c);
  const out: number[] = [];
  try {
    let h = tf.tidy(() => {
      lmTokens(c, params, [v.stt], cache);
      lmSpeech(c, params, embedSpeech(c, params, tf.tensor2d(mel.subarray(0, steps * S), [steps, S]), null), cache);
      return lmTokens(c, params, [v.sep], cache);
    });
    while (out.length < maxChars) {
      const next = argmax(tf.tidy(() => sttLogits(c, params, h).dataSync()));
      if (next === nChars) break; // <EOS>
      out.push(next);
      const h2 = tf.tidy(() => lmTokens(c, params, [v.chars.start + next], cache));
      h.dispose();
      h = h2;
    }
    h.dispose();
  } finally {
    disposeCache(cache);
  }
  return decodeChars(out);
}
