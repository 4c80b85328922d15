// The Transformer's building blocks as pure functions of (params, inputs). All products go through
// linalg (mm; bmm where batched products are fast); shapes are written [rows, features] with
// rows = batch x time.

import * as tf from '@tensorflow/tfjs';
import { positionSinusoid } from '../../models/meld/positions';
import { batchedProductsFast, bmm, linear, mm } from '../tf/linalg';
import type { AttentionSink } from './guide';
import type { Params } from './params';

export function layerNorm(x: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  const mean = tf.mean(x, -1, true); // [N, 1]
  const xc = tf.sub(x, mean);
  const variance = tf.mean(tf.square(xc), -1, true); // [N, 1]
  return tf.add(tf.mul(tf.mul(xc, tf.rsqrt(tf.add(variance, 1e-5))), g), b);
}

const sinusoids = new Map<string, Float32Array>();

/** positionSinusoid for a whole table, computed once per shape (row p depends on p alone, so its first rows serve any prefix). */
function tableSinusoid(rows: number, D: number): Float32Array {
  const key = `${rows}x${D}`;
  let s = sinusoids.get(key);
  if (!s) sinusoids.set(key, (s = positionSinusoid(rows, D)));
  return s;
}

/**
 * The vectors of the given positions [N] -> [N, D]: learned table row + fixed sinusoid
 * (models/meld/positions.ts). A one-hot product over the table's used rows rather than a gather:
 * the gather's gradient (UnsortedSegmentSum) has no kernel on tfjs-wasm, and this is one plain
 * 2-D product (~2% of a training step).
 */
export function embedPositions(params: Params, positions: Int32Array): tf.Tensor2D {
  const table = params['embed.positions'];
  const used = Math.max(2, positions.reduce((m, p) => Math.max(m, p), 0) + 1); // tf.oneHot wants depth >= 2
  const [rows, D] = table.shape as [number, number];
  if (used > rows) throw new Error(`position ${used - 1} is past the position table (${rows} rows)`); // the table has maxPositions >= 2 rows
  const onehot = tf.oneHot(tf.tensor1d(positions, 'int32'), used).toFloat() as tf.Tensor2D; // [N, used]
  const sinusoid = tf.tensor2d(tableSinusoid(rows, D).subarray(0, used * D), [used, D]);
  const vectors = tf.add(tf.slice(table, [0, 0], [used, D]), sinusoid) as tf.Tensor2D; // [used, D]
  return mm(onehot, vectors); // [N, D]
}

/** An additive mask [T, T]: 0 on and below the diagonal, -1e9 above (no attending to the future). */
export function causalMask(T: number): tf.Tensor2D {
  const m = new Float32Array(T * T);
  for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) m[i * T + j] = -1e9;
  return tf.tensor2d(m, [T, T]);
}

/** Splits [B*T, D] into per-(batch, head) matrices [B*H, ...]: q and v as [T, dh], k pre-transposed as [dh, T]. */
function splitHeads(x: tf.Tensor2D, B: number, T: number, H: number, transposeForKeys: boolean): tf.Tensor3D {
  const dh = x.shape[1] / H;
  const x4 = tf.reshape(x, [B, T, H, dh]);
  const perm = transposeForKeys ? [0, 2, 3, 1] : [0, 2, 1, 3]; // [B, H, dh, T] or [B, H, T, dh]
  return tf.reshape(tf.transpose(x4, perm), transposeForKeys ? [B * H, dh, T] : [B * H, T, dh]);
}

/** Attention of every (sequence, head) pair in batched products: [B*H, T, dh] out. */
function attendBatched(qs: tf.Tensor3D, ks: tf.Tensor3D, vs: tf.Tensor3D, B: number, H: number, mask: tf.Tensor2D, guide?: AttentionSink): tf.Tensor3D {
  const probs = tf.softmax(tf.add(bmm(qs, ks), mask)) as tf.Tensor3D; // [B*H, T, T]
  if (guide) {
    const T = probs.shape[1];
    const head0 = tf.reshape(tf.slice(tf.reshape(probs, [B, H, T, T]), [0, 0, 0, 0], [B, 1, T, T]), [B, T, T]);
    // Slices rather than tf.unstack: the sink may leave some sequences unused, and unstack's
    // gradient (a stack of all its outputs' gradients) fails on a missing one.
    for (let b = 0; b < B; b++) guide.add(b, tf.reshape(tf.slice(head0, [b, 0, 0], [1, T, T]), [T, T]));
  }
  return bmm(probs, vs);
}

/**
 * Attention of every (sequence, head) pair as its own pair of 2-D products: batched products run
 * ~10x slower than 2-D ones on tfjs-wasm. (Unstacking costs too: tfjs-wasm's Slice copies its
 * whole input per slice, so this is the slower path wherever batched products are fast.)
 */
function attendPerPair(qs: tf.Tensor3D, ks: tf.Tensor3D, vs: tf.Tensor3D, H: number, mask: tf.Tensor2D, guide?: AttentionSink): tf.Tensor3D {
  const [q2, k2, v2] = [qs, ks, vs].map((x) => tf.unstack(x) as tf.Tensor2D[]);
  const outs = q2.map((qi, i) => {
    const probs = tf.softmax(tf.add(mm(qi, k2[i]), mask)) as tf.Tensor2D; // [T, T]
    if (guide && i % H === 0) guide.add(i / H, probs); // pairs are (sequence, head) in sequence-major order
    return mm(probs, v2[i]); // [T, dh]
  });
  return tf.stack(outs) as tf.Tensor3D;
}

/**
 * Causal multi-head self-attention over B sequences of length T packed as [B*T, D].
 * `guide` receives head 0's attention weights of each sequence.
 */
export function selfAttention(
  x: tf.Tensor2D, B: number, T: number, nHeads: number, params: Params, prefix: string, mask: tf.Tensor2D, guide?: AttentionSink,
): tf.Tensor2D {
  const D = x.shape[1];
  const dh = D / nHeads;
  const qkv = linear(x, params[prefix + 'wqkv'], params[prefix + 'bqkv']); // [B*T, 3D]
  const [q, k, v] = tf.split(qkv, 3, 1) as tf.Tensor2D[];
  const qs = splitHeads(tf.mul(q, 1 / Math.sqrt(dh)), B, T, nHeads, false);
  const ks = splitHeads(k, B, T, nHeads, true);
  const vs = splitHeads(v, B, T, nHeads, false);
  const outs = batchedProductsFast() ? attendBatched(qs, ks, vs, B, nHeads, mask, guide) : attendPerPair(qs, ks, vs, nHeads, mask, guide);
  const o = tf.reshape(tf.transpose(tf.reshape(outs, [B, nHeads, T, dh]), [0, 2, 1, 3]), [B * T, D]);
  return linear(o as tf.Tensor2D, params[prefix + 'wo'], params[prefix + 'bo']);
}

export function feedForward(x: tf.Tensor2D, params: Params, prefix: string): tf.Tensor2D {
  const h = tf.relu(linear(x, params[prefix + 'w1'], params[prefix + 'b1']));
  return linear(h, params[prefix + 'w2'], params[prefix + 'b2']);
}

/** Pre-LayerNorm Transformer block. */
export function block(x: tf.Tensor2D, B: number, T: number, nHeads: number, params: Params, i: number, mask: tf.Tensor2D, guide?: AttentionSink): tf.Tensor2D {
  const p = `layer${i}.`;
  const a = selfAttention(layerNorm(x, params[p + 'ln1.g'], params[p + 'ln1.b']), B, T, nHeads, params, p + 'attn.', mask, guide?.wants(i) ? guide : undefined);
  const h = tf.add(x, a) as tf.Tensor2D;
  return tf.add(h, feedForward(layerNorm(h, params[p + 'ln2.g'], params[p + 'ln2.b']), params, p + 'ffn.'));
}

/**
 * The mel pre-net: a 3-layer MLP; the two hidden ReLU layers are each followed by dropout whose
 * keep-mask is an input (it stays on at inference, drawn from a seeded RNG). null = no dropout.
 */
export function prenet(frames: tf.Tensor2D, params: Params, keepMasks: [tf.Tensor2D, tf.Tensor2D] | null): tf.Tensor2D {
  let h = frames;
  for (let l = 0; l < 2; l++) {
    h = tf.relu(linear(h, params[`prenet.w${l + 1}`], params[`prenet.b${l + 1}`]));
    if (keepMasks) h = tf.mul(h, keepMasks[l]); // the mask holds 0 or 1/keep (inverted dropout)
  }
  return linear(h, params['prenet.w3'], params['prenet.b3']);
}

/** A 'same' 1-D convolution over time for B sequences packed as [B*T, C]: im2col, then one 2-D product. */
export function conv1dSame(x: tf.Tensor2D, B: number, T: number, w: tf.Tensor, b: tf.Tensor, kernel: number): tf.Tensor2D {
  const C = x.shape[1];
  const half = (kernel - 1) / 2;
  const x3 = tf.pad(tf.reshape(x, [B, T, C]), [[0, 0], [half, half], [0, 0]]);
  const cols = Array.from({ length: kernel }, (_, j) => tf.slice(x3, [0, j, 0], [B, T, C]));
  const im = tf.reshape(tf.concat(cols, 2), [B * T, kernel * C]) as tf.Tensor2D; // [B*T, k*C]
  return linear(im, w, b);
}
