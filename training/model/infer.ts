// Incremental (KV-cached) inference with the training weights: the reference the ONNX graphs are
// checked against, and the sampler that evaluates checkpoints before the export exists.
// Batch size 1; rows are positions.

import * as tf from '@tensorflow/tfjs';
import { type MeldConfig, latentSize, latentsPerStep } from '../../models/meld/config';
import { FIRST_POSITION, type PositionCursor, rowPositions } from '../../models/meld/positions';
import { buildVocab, inputTokenCount } from '../../models/meld/vocab';
import { linear, mm } from '../tf/linalg';
import { embedPositions, feedForward, layerNorm } from './layers';
import { CodeSampler, SlotCodeSampler } from '../../models/meld/codeSampler';
import type { Rng } from '../../models/random';
import type { SamplingOptions } from '../../models/sampling';
import { headLogits, postnet, reconstruct, slotTransitions, speechFeatures } from './forward';
import { nearestCodes } from './kmeans';
import type { Params } from './params';

/** Per layer, the keys [dh, t] and values [t, dh] of each head so far. */
export interface KvCache {
  length: number;
  /** Where the per-segment position count stands (models/meld/positions.ts). */
  cursor: PositionCursor;
  keys: tf.Tensor2D[][];
  values: tf.Tensor2D[][];
}

export function emptyCache(c: MeldConfig): KvCache {
  return { length: 0, cursor: FIRST_POSITION, keys: Array.from({ length: c.nLayers }, () => []), values: Array.from({ length: c.nLayers }, () => []) };
}

export function disposeCache(cache: KvCache): void {
  for (const l of [...cache.keys, ...cache.values]) tf.dispose(l);
}

/** Token embeddings [n, D] for ids of the joint vocabulary's input part. */
export function embedTokens(c: MeldConfig, params: Params, ids: number[]): tf.Tensor2D {
  const nTok = inputTokenCount(buildVocab(c.codebookSize));
  for (const id of ids) if (id < 0 || id >= nTok) throw new Error(`token id ${id} is not an input token`);
  return tf.gather(params['embed.tokens'], tf.tensor1d(ids, 'int32')) as tf.Tensor2D;
}

/** Speech steps [n, S] through the pre-net (and its LayerNorm); keep masks [n, prenetHidden] x2 (or null: no dropout). */
export function embedSpeech(c: MeldConfig, params: Params, steps: tf.Tensor2D, keepMasks: [tf.Tensor2D, tf.Tensor2D] | null): tf.Tensor2D {
  return speechFeatures(c, params, steps, keepMasks);
}

/** Text-token rows through the LM (see lmForward). */
export function lmTokens(c: MeldConfig, params: Params, ids: number[], cache: KvCache, positions?: Int32Array): tf.Tensor2D {
  return lmForward(c, params, embedTokens(c, params, ids), cache, new Uint8Array(ids.length), positions);
}

/** Speech-step rows (pre-net features [n, D]) through the LM (see lmForward). */
export function lmSpeech(c: MeldConfig, params: Params, features: tf.Tensor2D, cache: KvCache, positions?: Int32Array): tf.Tensor2D {
  return lmForward(c, params, features, cache, new Uint8Array(features.shape[0]).fill(1), positions);
}

/**
 * Runs n new rows through the Transformer given the cache (which it extends and whose old
 * tensors it disposes); isSpeech[i] is 1 where row i is a speech step. The rows' positions count per
 * text or speech run unless given (per-utterance clocks and the time-aligned layout set their own).
 * Returns the final-LayerNorm states h [n, D].
 */
export function lmForward(c: MeldConfig, params: Params, embeds: tf.Tensor2D, cache: KvCache, isSpeech: ArrayLike<number>, explicit?: Int32Array): tf.Tensor2D {
  const n = embeds.shape[0];
  const start = cache.length;
  if (start + n > c.maxPositions) throw new Error(`sequence would reach ${start + n} rows; the model trained on at most ${c.maxPositions}`);
  if (isSpeech.length !== n) throw new Error(`isSpeech has ${isSpeech.length} entries for ${n} rows`);
  const counted = rowPositions(isSpeech, cache.cursor);
  const positions = explicit ?? counted.positions;
  const cursor = counted.cursor;
  const H = c.nHeads;
  const D = c.dModel;
  const dh = D / H;
  // Causal mask for the new rows over [past, new]: row i sees columns <= start + i.
  const m = new Float32Array(n * (start + n));
  for (let i = 0; i < n; i++) for (let j = start + i + 1; j < start + n; j++) m[i * (start + n) + j] = -1e9;
  const mask = tf.tensor2d(m, [n, start + n]);
  let x = tf.add(embeds, embedPositions(params, positions)) as tf.Tensor2D;
  for (let l = 0; l < c.nLayers; l++) {
    const p = `layer${l}.`;
    const a = layerNorm(x, params[p + 'ln1.g'], params[p + 'ln1.b']);
    const qkv = linear(a, params[p + 'attn.wqkv'], params[p + 'attn.bqkv']);
    const [q, k, v] = tf.split(qkv, 3, 1) as tf.Tensor2D[];
    const heads: tf.Tensor2D[] = [];
    for (let h = 0; h < H; h++) {
      const qh = tf.mul(tf.slice(q, [0, h * dh], [n, dh]), 1 / Math.sqrt(dh)) as tf.Tensor2D;
      const kh = tf.transpose(tf.slice(k, [0, h * dh], [n, dh])) as tf.Tensor2D; // [dh, n]
      const vh = tf.slice(v, [0, h * dh], [n, dh]) as tf.Tensor2D;
      const prevK = cache.keys[l][h];
      const prevV = cache.values[l][h];
      const K = tf.keep(prevK ? tf.concat([prevK, kh], 1) : kh) as tf.Tensor2D; // [dh, start + n]
      const V = tf.keep(prevV ? tf.concat([prevV, vh], 0) : vh) as tf.Tensor2D; // [start + n, dh]
      if (prevK) prevK.dispose();
      if (prevV) prevV.dispose();
      cache.keys[l][h] = K;
      cache.values[l][h] = V;
      heads.push(mm(tf.softmax(tf.add(mm(qh, K), mask)) as tf.Tensor2D, V));
    }
    x = tf.add(x, linear(tf.concat(heads, 1) as tf.Tensor2D, params[p + 'attn.wo'], params[p + 'attn.bo'])) as tf.Tensor2D;
    x = tf.add(x, feedForward(layerNorm(x, params[p + 'ln2.g'], params[p + 'ln2.b']), params, p + 'ffn.')) as tf.Tensor2D;
  }
  cache.length = start + n;
  cache.cursor = cursor;
  return layerNorm(x, params['final.ln.g'], params['final.ln.b']);
}

/** Logits over [<EOS>, codes...] (TTS) or [characters..., <EOS>] (STT). h [n, D] */
export function ttsLogits(c: MeldConfig, params: Params, h: tf.Tensor2D): tf.Tensor2D {
  const v = buildVocab(c.codebookSize);
  return headLogits(params, h, v.ttsOutputs.start, v.ttsOutputs.end);
}

export function sttLogits(c: MeldConfig, params: Params, h: tf.Tensor2D): tf.Tensor2D {
  const v = buildVocab(c.codebookSize);
  return headLogits(params, h, v.sttOutputs.start, v.sttOutputs.end);
}

/** Per-frame latents: the prior's logits of a step's latent slots 1..L-1, [n, (L-1) * K] (slot 0 is ttsLogits' codes). */
export function latentSlotLogits(params: Params, h: tf.Tensor2D): tf.Tensor2D {
  return linear(h, params['head.latent.w'], params['head.latent.b']);
}

/** The slot-transition table as SlotCodeSampler reads it (flat, in logits); null for models that draw a step's slots independently. */
export function transitionTable(c: MeldConfig, params: Params): Float32Array | null {
  return c.slotTransitions ? tf.tidy(() => slotTransitions(params).dataSync() as Float32Array) : null;
}

/**
 * Every step's codes (L each, step-major) drawn from the prior at the states h [n, D] in order, as the
 * decoders draw them but never <EOS> (each state is known to predict speech).
 */
export function drawPriorCodes(c: MeldConfig, params: Params, h: tf.Tensor2D, sampling: SamplingOptions, rand: Rng): number[] {
  const n = h.shape[0];
  const K = c.codebookSize;
  const L = latentsPerStep(c);
  const chooser = new CodeSampler(sampling, rand, 0);
  const slots = L > 1 ? new SlotCodeSampler(sampling, rand, L - 1, K, transitionTable(c, params)) : null;
  const slot0 = tf.tidy(() => ttsLogits(c, params, h).dataSync()); // [n, 1+K]
  const rest = L > 1 ? tf.tidy(() => latentSlotLogits(params, h).dataSync()) : null; // [n, (L-1)*K]
  const codes: number[] = [];
  for (let r = 0; r < n; r++) {
    const z = slot0.slice(r * (K + 1), (r + 1) * (K + 1));
    z[0] = -Infinity;
    const choice = chooser.next(z);
    if (choice.eos) throw new Error('<EOS> drawn with its logit at -Infinity');
    codes.push(choice.code, ...(slots && rest ? slots.next(rest.subarray(r * (L - 1) * K, (r + 1) * (L - 1) * K), choice.code) : []));
  }
  return codes;
}

/**
 * The next steps' frames [n, S] (before the post-net) from hard latent codes (L per step, step-major:
 * n * L of them) and states h [n, D]; voice [1 or n, D] for voiceSummary models.
 */
export function reconFromCodes(c: MeldConfig, params: Params, codes: number[], h: tf.Tensor2D, voice?: tf.Tensor2D | null): tf.Tensor2D {
  if (codes.length !== h.shape[0] * latentsPerStep(c)) throw new Error(`${codes.length} codes for ${h.shape[0]} steps of ${latentsPerStep(c)} latents`);
  const cz = tf.gather(params['latent.embed'], tf.tensor1d(codes, 'int32')) as tf.Tensor2D; // [n*L, D/L]
  return reconstruct(params, tf.reshape(cz, [h.shape[0], c.dModel]) as tf.Tensor2D, h, voice);
}

/** The post-net over a whole generated sequence of steps [M, S]. */
export function postnetSteps(c: MeldConfig, params: Params, steps: tf.Tensor2D): tf.Tensor2D {
  return postnet(c, params, steps, 1, steps.shape[0]);
}

/** Hard posterior codes argmax q(z|x) of steps [n, S]: L per step, step-major (the encoder's codes, for display and tests). */
export function posteriorCodes(c: MeldConfig, params: Params, steps: tf.Tensor2D): number[] {
  return nearestCodes(tf.reshape(steps, [-1, latentSize(c)]) as tf.Tensor2D, params['latent.codebookT'] as tf.Tensor2D);
}
