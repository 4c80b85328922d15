// TTS and STT decoding in the time-aligned layout with the training weights (tfjs, KV cache): what
// validation and the A/B evaluation run on checkpoints. One row per step; the text stream is fed by
// a small state machine (TTS: a pointer into the phoneme units that only moves forward; STT: the
// characters the previous row emitted).

import * as tf from '@tensorflow/tfjs';
import { type MeldConfig, VOICE_SUMMARY_STEPS, latentsPerStep, requireAlignedLayout, stepSize } from '../../models/meld/config';
import { UnitWalker, phonemeUnits, readSlots, stepUnits, sttMaxRows, sttStreamIds, streamLayout, ttsStreamIds } from '../../models/meld/aligned';
import { dropoutKeepMask } from '../../models/meld/dropout';
import { CodeSampler, SlotCodeSampler } from '../../models/meld/codeSampler';
import { buildVocab } from '../../models/meld/vocab';
import { createRng } from '../../models/random';
import { DEFAULT_SAMPLING, sampleLogits } from '../../models/sampling';
import { decodeChars } from '../../models/text';
import { linear } from '../tf/linalg';
import { embedStream, voiceOf } from '../model/forward';
import { type KvCache, disposeCache, embedSpeech, embedTokens, emptyCache, latentSlotLogits, lmForward, reconFromCodes, transitionTable, ttsLogits } from '../model/infer';
import type { Params } from '../model/params';
import { type TtsRequest, type TtsResult, finishSynthesis } from '../model/sampler';

/** Sampling options that draw from the whole distribution. */
const FULL_DISTRIBUTION = (n: number) => ({ topK: n, topP: 1, temperature: 1, repetitionPenalty: 0 });

/**
 * One or more rows through the LM: token rows (ids) or speech rows (features), plus their stream ids
 * and the voice summary [1, D] if any; positions count rows.
 */
function forwardRows(c: MeldConfig, params: Params, cache: KvCache, base: tf.Tensor2D, isSpeech: boolean, ids: Int32Array, width: number, voice: tf.Tensor2D | null = null): tf.Tensor2D {
  const n = base.shape[0];
  let embeds = tf.add(base, embedStream(params, { ids, width })) as tf.Tensor2D;
  if (voice) embeds = tf.add(embeds, voice) as tf.Tensor2D;
  const positions = Int32Array.from({ length: n }, (_, i) => cache.length + i);
  return lmForward(c, params, embeds, cache, new Uint8Array(n).fill(isSpeech ? 1 : 0), positions);
}

const lastRow = (h: tf.Tensor2D) => tf.slice(h, [h.shape[0] - 1, 0], [1, h.shape[1]]) as tf.Tensor2D;

/**
 * For diagnosis only: what free-running TTS takes from a recording of the target instead of choosing it.
 * `units`: the unit each step speaks (the recording's alignment, stepUnits): its durations, and its
 * length; `codes`: its steps' posterior codes (L per step), so only the history is the model's own.
 */
export interface TtsOracle {
  units: Int32Array;
  codes?: number[];
}

/**
 * Zero-shot TTS: the prompt's steps with its aligned units (req.prompt.stepTokens), then the target,
 * one step per row, its units walked by models/meld/aligned.ts UnitWalker.
 */
export function synthesizeAligned(c: MeldConfig, params: Params, req: TtsRequest & { prompt?: TtsRequest['prompt'] & { stepTokens?: Int16Array } }, oracle?: TtsOracle): TtsResult {
  const a = requireAlignedLayout(c);
  const l = streamLayout(a);
  const v = buildVocab(c.codebookSize);
  const S = stepSize(c);
  const rand = createRng(req.seed);
  const opts = { ...DEFAULT_SAMPLING, ...req.sampling };
  const target = phonemeUnits(req.phonemeIds).ids;
  const last = target.length - 1;
  // The unit the first step speaks: the leading silence, or the recording's first where an oracle gives it.
  const firstUnit = oracle?.units[0] ?? 0;
  const masks = (rows: number): [tf.Tensor2D, tf.Tensor2D] => {
    const mk = () => tf.tensor2d(dropoutKeepMask(rand, rows, c.prenetHidden, c.prenetDropout), [rows, c.prenetHidden]);
    return [mk(), mk()];
  };
  const L = latentsPerStep(c);
  const cache = emptyCache(c);
  const steps: Float32Array[] = [];
  const codes: number[] = [];
  let stoppedBy: TtsResult['stoppedBy'] = 'length-guard';
  const p = req.prompt && req.prompt.steps > 0 ? req.prompt : null;
  // voiceSummary models: the prompt's voice, on every row and into the reconstruction.
  // (Without a prompt, the Linear's bias: what training gives a sequence with no voice reference.)
  const voice = !c.voiceSummary ? null : tf.tidy(() => {
    const n = Math.min(p?.steps ?? 0, VOICE_SUMMARY_STEPS);
    return p ? voiceOf(c, params, tf.tensor2d(p.mel.subarray(0, n * S), [n, S])) : tf.reshape(params['voice.b'], [1, c.dModel]) as tf.Tensor2D;
  });
  try {
    // Prefill: <TTS>, then the prompt's steps; each row carries the stream of the step it predicts.
    const pu = p ? phonemeUnits(p.phonemeIds) : null;
    const at = p && pu ? stepUnits(p.stepTokens, p.steps, pu) : null;
    const rows = 1 + (p?.steps ?? 0);
    const ids = new Int32Array(rows * l.width);
    let duration = 0;
    for (let r = 0; r < rows; r++) {
      if (p && pu && at && r < p.steps) {
        if (r > 0 && at[r] !== at[r - 1]) duration = 0;
        ttsStreamIds(l, pu.ids, at[r], duration++, a.maxDuration, ids, r * l.width);
      } else ttsStreamIds(l, target, firstUnit, 0, a.maxDuration, ids, r * l.width);
    }
    let h = tf.tidy(() => {
      let out = forwardRows(c, params, cache, embedTokens(c, params, [v.tts]), false, ids.subarray(0, l.width), l.width, voice);
      if (p) {
        const x = tf.tensor2d(p.mel.subarray(0, p.steps * S), [p.steps, S]);
        out = forwardRows(c, params, cache, embedSpeech(c, params, x, masks(p.steps)), true, ids.subarray(l.width), l.width, voice);
      }
      return lastRow(out);
    });
    const chooser = new CodeSampler(opts, rand, req.phonemeIds.length);
    const slots = L > 1 ? new SlotCodeSampler(opts, rand, L - 1, c.codebookSize, transitionTable(c, params)) : null;
    const walker = new UnitWalker(target);
    walker.pointer = firstUnit;
    const row = new Int32Array(l.width);
    const lastStep = Math.min(req.maxSteps ?? Infinity, oracle?.units.length ?? Infinity);
    for (let t = 0; t < lastStep && !walker.exhausted; t++) {
      const prior = walker.maskEos(tf.tidy(() => ttsLogits(c, params, h).dataSync()));
      if (oracle) prior[0] = -Infinity; // the recording's length
      const choice = chooser.next(prior);
      if (choice.eos) {
        stoppedBy = 'eos';
        break;
      }
      const sampled = [choice.code, ...(slots ? slots.next(tf.tidy(() => latentSlotLogits(params, h).dataSync()), choice.code) : [])];
      const stepCodes = oracle?.codes ? oracle.codes.slice(t * L, (t + 1) * L) : sampled;
      codes.push(...stepCodes);
      // Durations are sampled from the full distribution (top-k/top-p are for the latent codes).
      const advanceLogits = tf.tidy(() => linear(h, params['head.advance.w'], params['head.advance.b']).dataSync());
      const move = sampleLogits(advanceLogits, FULL_DISTRIBUTION(advanceLogits.length), rand).index;
      // The oracle's path even where the walker was made to move on (a unit held too long).
      walker.advance(oracle ? (t + 1 < oracle.units.length ? oracle.units[t + 1] - walker.pointer : 0) : move);
      walker.streamIds(l, a.maxDuration, row);
      const next = tf.tidy(() => {
        const step = reconFromCodes(c, params, stepCodes, h, voice); // [1, S]
        steps.push(step.dataSync() as Float32Array);
        return forwardRows(c, params, cache, embedSpeech(c, params, step, masks(1)), true, row, l.width, voice);
      });
      h.dispose();
      h = next;
    }
    h.dispose();
  } finally {
    disposeCache(cache);
    voice?.dispose();
  }
  return finishSynthesis(c, params, steps, codes, stoppedBy);
}

/**
 * Greedy streaming STT: one row per step of the audio, each emitting up to sttSlots characters;
 * after the audio, <SEP> rows until <EOS> (at most sttDelay + ALIGNED_LIMITS.maxTailRows of them).
 */
/** Greedy STT with the training weights; `padBias` as in readSlots. */
export function transcribeAligned(c: MeldConfig, params: Params, mel: Float32Array, steps: number, padBias = 0): string {
  const a = requireAlignedLayout(c);
  const l = streamLayout(a);
  const v = buildVocab(c.codebookSize);
  const S = stepSize(c);
  const cache = emptyCache(c);
  const out: number[] = [];
  const ids = new Int32Array(l.width);
  let emitted: number[] = [];
  try {
    for (let r = 0; r < sttMaxRows(a, steps); r++) {
      sttStreamIds(l, emitted, a.sttSlots, ids, 0);
      const logits = tf.tidy(() => {
        const base = r === 0 ? embedTokens(c, params, [v.stt])
          : r <= steps ? embedSpeech(c, params, tf.tensor2d(mel.subarray((r - 1) * S, r * S), [1, S]), null)
          : embedTokens(c, params, [v.sep]);
        const h = forwardRows(c, params, cache, base, r > 0 && r <= steps, ids, l.width);
        return linear(h, params['head.slots.w'], params['head.slots.b']).dataSync();
      });
      const read = readSlots(logits, a.sttSlots, padBias);
      emitted = read.chars;
      out.push(...read.chars);
      const done = read.end;
      if (done) break;
    }
  } finally {
    disposeCache(cache);
  }
  return decodeChars(out);
}
