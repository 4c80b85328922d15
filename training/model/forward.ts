// The MELD training forward pass and loss (DESIGN.md section 2):
//   L = mean_t [ KL(q(z_t|x_t) || p(z_t|x_<t, y)) + MSE(x_t, xhat_t) + MSE(x_t, postnet(xhat)_t) ] + CE(<EOS>) + 0.2 L_slow   (TTS)
//   L = CE(characters, <EOS>)                                                                          (STT)
// plus, for both tasks, guideWeight x the guided-attention term (guide.ts) when guidance is on, and
// on an aligned corpus a CE of the phoneme each speech step speaks on the head's phoneme columns:
// for TTS (phonemeWeight) from the row that predicts the step, a training-only signal that the state
// must know where in the text it is; for STT (sttPhonemeWeight) from the row that reads the step, so
// the speech rows the characters attend to carry what was said. Neither adds a parameter.

import * as tf from '@tensorflow/tfjs';
import { type MeldConfig, latentSize, latentsPerStep, stepSize } from '../../models/meld/config';
import { buildVocab, inputTokenCount } from '../../models/meld/vocab';
import { linear, mm } from '../tf/linalg';
import type { Batch } from './batch';
import { type AttentionSink, GuideCollector, bothSinks } from './guide';
import { block, causalMask, conv1dSame, embedPositions, layerNorm, prenet } from './layers';
import { categoricalKL, crossEntropy, maskedMean, meanSquaredError, slownessLoss, softVqLogits } from './losses';
import { type Params, SLOT_TRANSITION_SCALE } from './params';

export interface LossParts {
  total: tf.Scalar;
  /** TTS terms (zero for STT batches). */
  kl: tf.Scalar;
  recon: tf.Scalar;
  eos: tf.Scalar;
  slow: tf.Scalar;
  /** STT term (zero for TTS batches). */
  text: tf.Scalar;
  /** Guided-attention term, unweighted (zero when guidance is off): how far the guided heads are from the diagonal. */
  attn: tf.Scalar;
  /** Mean entropy of q(z|x) in nats: how soft the posterior is (diagnostic). */
  qEntropy: tf.Scalar;
  /** CE of the aligned phoneme each speech step speaks, unweighted (zero without alignment or weight). */
  phoneme: tf.Scalar;
  /** Share of those steps whose most likely phoneme is the aligned one (a diagnostic; zero when the CE is off). */
  phonemeAcc: tf.Scalar;
  /** Time-aligned layout, TTS: CE of how far each step moves on in the text (zero otherwise). */
  advance: tf.Scalar;
}

/** How the loss terms are weighed (from the training config). */
export interface LossWeights {
  slow: number;
  /** Guided attention: weight (0 = off), width g of the diagonal band, and the layers whose head 0 it guides. */
  guide: number;
  guideWidth: number;
  guideLayers: readonly number[];
  /** Width in rows of the band around aligned targets (`Batch.guideTarget`); 0 = always the linear diagonal. */
  guideAlignedRows: number;
  /** Weight of the phoneme CE on aligned TTS steps (0 = off). */
  phoneme: number;
  /** Weight of the phoneme CE on the aligned speech rows of STT sequences (0 = off). */
  sttPhoneme: number;
  /** Weight of the advance CE (time-aligned layout). */
  advance: number;
  /** Share of target steps the model reads as its own reconstruction (model/ownHistory.ts; 0 = the recording only). */
  ownHistoryRate: number;
}

export interface ForwardOptions {
  /** Seed of this step's pre-net dropout masks (TTS only; STT speech enters without dropout). */
  dropoutSeed: number;
  weights: LossWeights;
  /** Also receives head 0's attention weights of the layers it wants (validation's AlignmentProbe). */
  watch?: AttentionSink;
}

/** Inverted-dropout keep masks, drawn from a seed so a resumed run repeats them exactly. */
export function dropoutMasks(rows: number, width: number, rate: number, seed: number): [tf.Tensor2D, tf.Tensor2D] {
  const keep = 1 - rate;
  const mk = (s: number) =>
    tf.tidy(() => tf.div(tf.cast(tf.less(tf.randomUniform([rows, width], 0, 1, 'float32', s), keep), 'float32'), keep) as tf.Tensor2D);
  return [mk(seed), mk(seed + 7919)];
}

/** What a speech step contributes to its row: the pre-net, then (prenetNorm) a LayerNorm to the scale of the other inputs. [n, S] -> [n, D] */
export function speechFeatures(c: MeldConfig, params: Params, frames: tf.Tensor2D, keepMasks: [tf.Tensor2D, tf.Tensor2D] | null): tf.Tensor2D {
  const p = prenet(frames, params, keepMasks);
  return c.prenetNorm ? layerNorm(p, params['prenet.ln.g'], params['prenet.ln.b']) : p;
}

/** The sum of each row's text-stream embeddings (ids -1 add nothing): one multi-hot product. [N, width] -> [N, D] */
export function embedStream(params: Params, stream: { ids: Int32Array; width: number }): tf.Tensor2D {
  const table = params['embed.stream'];
  const cols = table.shape[0];
  const N = stream.ids.length / stream.width;
  const hot = new Float32Array(N * cols);
  for (let i = 0; i < N; i++)
    for (let s = 0; s < stream.width; s++) {
      const id = stream.ids[i * stream.width + s];
      if (id >= 0) hot[i * cols + id] = 1;
    }
  return mm(tf.tensor2d(hot, [N, cols]), table as tf.Tensor2D);
}

/**
 * voiceSummary models: each sequence's voice vector, spread over its rows [B*T, D], or null (no summary:
 * another model, or an STT batch). A sequence's vector is the Linear of the mean pre-net features
 * (no dropout) of its voice reference's steps; one without a reference gets the Linear's bias.
 */
export function batchVoice(c: MeldConfig, params: Params, batch: Batch): tf.Tensor2D | null {
  if (!c.voiceSummary || batch.task !== 'tts' || !batch.voice) return null;
  const { B, T } = batch;
  const { steps, seq } = batch.voice;
  const M = seq.length;
  let summary: tf.Tensor2D = tf.zeros([B, c.dModel]); // [B, D]
  if (M > 0) {
    const perSeq = new Float32Array(B);
    for (const b of seq) perSeq[b]++;
    const mean = new Float32Array(B * M); // [B, M]: each sequence's average over its reference steps
    seq.forEach((b, m) => (mean[b * M + m] = 1 / perSeq[b]));
    summary = mm(tf.tensor2d(mean, [B, M]), speechFeatures(c, params, tf.tensor2d(steps, [M, stepSize(c)]), null));
  }
  const voice = linear(summary, params['voice.w'], params['voice.b']); // [B, D]
  const spread = new Float32Array(B * T * B); // [B*T, B]: row -> its sequence
  for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) spread[(b * T + t) * B + b] = 1;
  return mm(tf.tensor2d(spread, [B * T, B]), voice);
}

/** A voice summary [1, D] of one reference's steps [n, S] (the voice prompt at inference). */
export function voiceOf(c: MeldConfig, params: Params, steps: tf.Tensor2D): tf.Tensor2D {
  const feats = speechFeatures(c, params, steps, null);
  return linear(tf.mean(feats, 0, true) as tf.Tensor2D, params['voice.w'], params['voice.b']);
}

/**
 * Embeds the inputs (tokens by id, speech steps through the pre-net, the voice summary when given) and
 * runs the Transformer: h [B*T, D].
 */
export function trunk(c: MeldConfig, params: Params, batch: Batch, keepMasks: [tf.Tensor2D, tf.Tensor2D] | null, guide?: AttentionSink, voice?: tf.Tensor2D | null): tf.Tensor2D {
  const { B, T } = batch;
  const N = B * T;
  const S = stepSize(c);
  const nTok = inputTokenCount(buildVocab(c.codebookSize));
  if (T > c.maxPositions) throw new Error(`sequence of ${T} rows exceeds maxPositions ${c.maxPositions}`);

  const onehot = tf.oneHot(tf.tensor1d(batch.tokenIds, 'int32'), nTok).toFloat() as tf.Tensor2D; // [N, V_in]
  const tokens = tf.mul(mm(onehot, params['embed.tokens'] as tf.Tensor2D), tf.tensor2d(batch.tokenMask, [N, 1])); // [N, D]
  const speech = tf.mul(speechFeatures(c, params, tf.tensor2d(batch.speechIn, [N, S]), keepMasks), tf.tensor2d(batch.speechMask, [N, 1])); // [N, D]
  const positions = embedPositions(params, batch.positions); // [N, D]
  let h = tf.add(tf.add(tokens, speech), positions) as tf.Tensor2D;
  if (batch.stream) h = tf.add(h, embedStream(params, batch.stream)) as tf.Tensor2D; // the text at each step's time
  if (voice) h = tf.add(h, voice) as tf.Tensor2D; // whose voice it is

  const mask = causalMask(T);
  for (let i = 0; i < c.nLayers; i++) h = block(h, B, T, c.nHeads, params, i, mask, guide);
  return layerNorm(h, params['final.ln.g'], params['final.ln.b']);
}

/** Logits over a contiguous range of the joint vocabulary. h [N, D] -> [N, end - start] */
export function headLogits(params: Params, h: tf.Tensor2D, start: number, end: number): tf.Tensor2D {
  const D = h.shape[1];
  const w = tf.slice(params['head.w'], [0, start], [D, end - start]);
  const b = tf.slice(params['head.b'], [start], [end - start]);
  return linear(h, w, b);
}

/**
 * The prior over a step's latent codes: log-probabilities per slot [N*L, K] (row n's L slots together;
 * slot 0 from the joint head's [<EOS>, codes] range, so its codes share their mass with <EOS>; slots
 * 1..L-1 from head.latent, given that the step is speech) and log p(<EOS>) [N]. With slotTransitions,
 * `slotCodes` [N, L] holds each row's codes (training: the posterior's first choices) and slot l's logits
 * add head.slotPrev's row for slot l-1's code (a one-hot product: tfjs-wasm has no gradient for gather).
 */
export function latentPrior(c: MeldConfig, params: Params, h: tf.Tensor2D, slotCodes?: tf.Tensor2D): { logPCodes: tf.Tensor2D; logEos: tf.Tensor1D } {
  const v = buildVocab(c.codebookSize);
  const N = h.shape[0];
  const K = c.codebookSize;
  const L = latentsPerStep(c);
  const logP = tf.logSoftmax(headLogits(params, h, v.ttsOutputs.start, v.ttsOutputs.end)) as tf.Tensor2D; // [N, 1+K]
  const logEos = tf.reshape(tf.slice(logP, [0, 0], [N, 1]), [N]) as tf.Tensor1D;
  const slot0 = tf.slice(logP, [0, 1], [N, K]) as tf.Tensor2D;
  if (L === 1) return { logPCodes: slot0, logEos };
  let restLogits = linear(h, params['head.latent.w'], params['head.latent.b']); // [N, (L-1)*K]
  if (c.slotTransitions) {
    if (!slotCodes) throw new Error('slotTransitions: the prior needs the step\'s slot codes');
    const table = slotTransitions(params); // [(L-1)*K, K]
    const bySlot = Array.from({ length: L - 1 }, (_, j) => {
      const previous = tf.reshape(tf.slice(slotCodes, [0, j], [N, 1]), [N]) as tf.Tensor1D; // slot j's codes [N]
      const onehot = tf.oneHot(tf.cast(previous, 'int32'), K).toFloat() as tf.Tensor2D; // [N, K]
      return mm(onehot, tf.slice(table, [j * K, 0], [K, K]) as tf.Tensor2D); // [N, K]: slot j+1's added logits
    });
    restLogits = tf.add(restLogits, tf.concat(bySlot, 1)) as tf.Tensor2D;
  }
  const rest = tf.logSoftmax(tf.reshape(restLogits, [N * (L - 1), K])); // [N*(L-1), K]
  const all = tf.concat([tf.reshape(slot0, [N, 1, K]), tf.reshape(rest, [N, L - 1, K])], 1); // [N, L, K]
  return { logPCodes: tf.reshape(all, [N * L, K]) as tf.Tensor2D, logEos };
}

/** The slot-transition table in logits [(L-1)*K, K] (row (l-1)*K + z: what slot l-1's code z adds to slot l's). */
export function slotTransitions(params: Params): tf.Tensor2D {
  return tf.mul(params['head.slotPrev'], SLOT_TRANSITION_SCALE) as tf.Tensor2D;
}

/** log q(z|x) of each of the steps' latents: x [N, S] -> [N*L, K] (soft VQ over the codebook). */
export function posteriorLogQ(c: MeldConfig, params: Params, x: tf.Tensor2D): tf.Tensor2D {
  const z = tf.reshape(x, [-1, latentSize(c)]) as tf.Tensor2D; // [N*L, S/L]
  return tf.logSoftmax(softVqLogits(z, params['latent.codebookT'] as tf.Tensor2D, params['latent.logTau'], mm)) as tf.Tensor2D;
}

/** A step's latent input to the reconstruction: its L code embeddings side by side. q [N*L, K] (soft or one-hot) -> [N, D] */
export function latentEmbedding(c: MeldConfig, params: Params, q: tf.Tensor2D): tf.Tensor2D {
  return tf.reshape(mm(q, params['latent.embed'] as tf.Tensor2D), [-1, c.dModel]) as tf.Tensor2D;
}

/**
 * The reconstruction network: (latent embedding c_z, h_t, and the voice summary when the model has
 * one) -> the step's r frames, before the post-net.
 */
export function reconstruct(params: Params, cz: tf.Tensor2D, h: tf.Tensor2D, voice?: tf.Tensor2D | null): tf.Tensor2D {
  let u = tf.add(tf.add(mm(cz, params['recon.wz'] as tf.Tensor2D), mm(h, params['recon.wh'] as tf.Tensor2D)), params['recon.b']) as tf.Tensor2D;
  if (voice) u = tf.add(u, mm(voice, params['recon.wv'] as tf.Tensor2D)) as tf.Tensor2D;
  const r = linear(tf.relu(linear(u, params['recon.res.w1'], params['recon.res.b1'])), params['recon.res.w2'], params['recon.res.b2']);
  u = tf.add(u, r);
  return linear(u, params['recon.out.w'], params['recon.out.b']);
}

/** The convolutional post-net over LM steps (residual). x [B*T, S] -> [B*T, S] */
export function postnet(c: MeldConfig, params: Params, x: tf.Tensor2D, B: number, T: number): tf.Tensor2D {
  const h = tf.relu(conv1dSame(x, B, T, params['postnet.w1'], params['postnet.b1'], c.postnetKernel));
  return tf.add(x, conv1dSame(h, B, T, params['postnet.w2'], params['postnet.b2'], c.postnetKernel));
}

export function computeLoss(c: MeldConfig, params: Params, batch: Batch, opts: ForwardOptions): LossParts {
  const v = buildVocab(c.codebookSize);
  const { B, T } = batch;
  const N = B * T;
  const S = stepSize(c);
  const zero = tf.scalar(0);
  const w = opts.weights;
  const aligned = { target: batch.guideTarget, rows: w.guideAlignedRows };
  const guide = w.guide > 0 ? new GuideCollector(w.guideLayers, B, T, batch.guideSpans, w.guideWidth, aligned) : undefined;
  const sink = bothSinks(guide, opts.watch);
  const withGuide = (loss: tf.Scalar) => {
    const attn = guide ? guide.loss() : zero;
    return { total: guide ? (tf.add(loss, tf.mul(w.guide, attn)) as tf.Scalar) : loss, attn };
  };

  // Which phoneme each aligned speech step speaks, on the head's phoneme columns (no new parameter);
  // also how often the head's first choice is right (a diagnostic, no gradient).
  let phonemeAcc = zero;
  const phonemeCE = (h: tf.Tensor2D, weight: number) => {
    if (weight <= 0) return zero;
    const logits = headLogits(params, h, v.phonemes.start, v.phonemes.end);
    const target = tf.tensor1d(batch.phonemeTarget, 'int32');
    const mask = tf.tensor1d(batch.phonemeMask);
    phonemeAcc = maskedMean(tf.cast(tf.equal(tf.argMax(logits, 1), target), 'float32') as tf.Tensor1D, mask);
    return maskedMean(crossEntropy(logits, target), mask);
  };

  if (batch.task === 'stt' && batch.slots) {
    // Time-aligned STT: each row's character slots (a character, <EOS> or a pad), teacher-forced.
    const h = trunk(c, params, batch, null, sink);
    const { target, mask, count } = batch.slots;
    const logits = tf.reshape(linear(h, params['head.slots.w'], params['head.slots.b']), [N * count, -1]) as tf.Tensor2D;
    const slotMask = tf.reshape(tf.tile(tf.reshape(tf.tensor1d(mask), [N, 1]), [1, count]), [N * count]) as tf.Tensor1D;
    const text = maskedMean(crossEntropy(logits, tf.tensor1d(target, 'int32')), slotMask);
    const phoneme = phonemeCE(h, w.sttPhoneme);
    return { ...withGuide(tf.add(text, tf.mul(w.sttPhoneme, phoneme)) as tf.Scalar), kl: zero, recon: zero, eos: zero, slow: zero, text, qEntropy: zero, phoneme, phonemeAcc, advance: zero };
  }

  if (batch.task === 'stt') {
    const h = trunk(c, params, batch, null, sink);
    const logits = headLogits(params, h, v.sttOutputs.start, v.sttOutputs.end);
    const text = maskedMean(crossEntropy(logits, tf.tensor1d(batch.textTarget, 'int32')), tf.tensor1d(batch.textMask));
    const phoneme = phonemeCE(h, w.sttPhoneme);
    return { ...withGuide(tf.add(text, tf.mul(w.sttPhoneme, phoneme)) as tf.Scalar), kl: zero, recon: zero, eos: zero, slow: zero, text, qEntropy: zero, phoneme, phonemeAcc, advance: zero };
  }

  const keep = dropoutMasks(N, c.prenetHidden, c.prenetDropout, opts.dropoutSeed);
  const voice = batchVoice(c, params, batch); // [N, D] or null
  const h = trunk(c, params, batch, keep, sink, voice); // [N, D]
  const frameMask = tf.tensor1d(batch.frameMask);
  const x = tf.tensor2d(batch.frameTarget, [N, S]); // [N, S]
  const L = latentsPerStep(c);

  // Prior over each of a step's L latents (slot 0 shares its mass with <EOS>) at every row; the KL
  // against the posterior, summed over the step's latents, on frame rows; CE(<EOS>) on the last.
  const logQ = posteriorLogQ(c, params, x); // [N*L, K]
  // In-order slots read the posterior's first choice of the slot before (no gradient through the choice).
  const slotCodes = c.slotTransitions ? (tf.reshape(tf.argMax(logQ, 1), [N, L]) as tf.Tensor2D) : undefined; // [N, L]
  const { logPCodes, logEos } = latentPrior(c, params, h, slotCodes); // [N*L, K], [N]
  const perStep = (perLatent: tf.Tensor1D, reduce: 'sum' | 'mean') =>
    (L === 1 ? perLatent : reduce === 'sum' ? tf.sum(tf.reshape(perLatent, [N, L]), 1) : tf.mean(tf.reshape(perLatent, [N, L]), 1)) as tf.Tensor1D; // [N]
  const kl = maskedMean(perStep(categoricalKL(logQ, logPCodes), 'sum'), frameMask);
  const eosMask = tf.tensor1d(batch.eosMask);
  const eos = maskedMean(tf.neg(logEos) as tf.Tensor1D, eosMask);
  const q = tf.exp(logQ) as tf.Tensor2D;
  const qEntropy = maskedMean(perStep(tf.neg(tf.sum(tf.mul(q, logQ), -1)) as tf.Tensor1D, 'mean'), frameMask);

  // Reconstruction from the expected latent embeddings under q (soft VQ), the Transformer state and the voice.
  const cz = latentEmbedding(c, params, q); // [N, D]
  const pre = reconstruct(params, cz, h, voice); // [N, S]
  const post = postnet(c, params, tf.mul(pre, tf.reshape(frameMask, [N, 1])), B, T);
  const recon = maskedMean(tf.add(meanSquaredError(x, pre), meanSquaredError(x, post)) as tf.Tensor1D, frameMask);

  const frames = tf.reshape(post, [B, T * c.framesPerStep, c.nMels]) as tf.Tensor3D;
  const slow = slownessLoss(frames, tf.tensor2d(batch.pairMask, [B, T * c.framesPerStep - 1]));

  // Which phoneme each aligned step speaks, from the same state that predicts its latent code.
  const phoneme = phonemeCE(h, w.phoneme);

  // Time-aligned TTS: how far the next step moves on in the text, from the same state.
  const advance = batch.advance
    ? maskedMean(crossEntropy(linear(h, params['head.advance.w'], params['head.advance.b']), tf.tensor1d(batch.advance.target, 'int32')), tf.tensor1d(batch.advance.mask))
    : zero;

  const total = tf.addN([kl, recon, eos, tf.mul(w.slow, slow), tf.mul(w.phoneme, phoneme), tf.mul(w.advance, advance)]) as tf.Scalar;
  return { ...withGuide(total), kl, recon, eos, slow, text: zero, qEntropy, phoneme, phonemeAcc, advance };
}
