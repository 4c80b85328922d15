// The Vocos-style vocoder in TensorFlow.js: mel frames -> ConvNeXt backbone -> per-frame STFT
// log-magnitude and phase -> windowed inverse DFT (one matrix product) -> overlap-add.
// Layout: B windows of W frames packed as rows [B*W, features]; every product goes through
// linalg.mm (the WASM fast path), every convolution is shifted slices (no conv kernels needed).
//
//   x  = LN(conv_k(mel))                                  [B*W, C]
//   x += scale * W2 relu(W1 LN(depthwise_k(x)))           (blocks times)
//   [log|X|, phase] = LN(x) Whead                         [B*W, 2*bins]
//   X = exp(min(log|X|, maxLog)) * (cos phase, sin phase)
//   wave = overlapAdd(X Binv) / envelope                  [B, W*hop]  (sample i at time f0*hop + i)

import * as tf from '@tensorflow/tfjs';
import { hannWindow } from '../../models/dsp';
import { type VocoderConfig, vocoderBins } from '../../models/vocoder/config';
import { inverseDftBasis, windowEnvelope } from '../../models/vocoder/dft';
import { conv1dSame, layerNorm } from '../model/layers';
import { type Init, type Params, materializeParams } from '../model/params';
import { linear, mm } from '../tf/linalg';

export function vocoderParamSpecs(c: VocoderConfig): Record<string, Init> {
  const C = c.channels;
  const bins = vocoderBins(c);
  const normal = (shape: number[], fanIn: number, scale = 1): Init => ({ shape, kind: 'normal', std: scale / Math.sqrt(fanIn) });
  const zeros = (shape: number[]): Init => ({ shape, kind: 'zeros' });
  const ones = (shape: number[]): Init => ({ shape, kind: 'ones' });
  const specs: Record<string, Init> = {
    'in.w': normal([c.kernel * c.nMels, C], c.kernel * c.nMels),
    'in.b': zeros([C]),
    'in.ln.g': ones([C]),
    'in.ln.b': zeros([C]),
  };
  for (let i = 0; i < c.blocks; i++) {
    const p = `block${i}.`;
    specs[p + 'dw.w'] = normal([c.kernel, C], c.kernel);
    specs[p + 'dw.b'] = zeros([C]);
    specs[p + 'ln.g'] = ones([C]);
    specs[p + 'ln.b'] = zeros([C]);
    specs[p + 'w1'] = normal([C, c.hidden], C);
    specs[p + 'b1'] = zeros([c.hidden]);
    specs[p + 'w2'] = normal([c.hidden, C], c.hidden);
    specs[p + 'b2'] = zeros([C]);
    // Layer scale (ConvNeXt), started at 1/blocks as in Vocos.
    specs[p + 'scale'] = { shape: [C], kind: 'constant', value: 1 / c.blocks };
  }
  Object.assign(specs, {
    'out.ln.g': ones([C]),
    'out.ln.b': zeros([C]),
    'head.w': normal([C, 2 * bins], C, 0.5),
    'head.b': zeros([2 * bins]),
  });
  return specs;
}

export function initVocoderParams(c: VocoderConfig, seed: number): Params {
  return materializeParams(vocoderParamSpecs(c), seed);
}

/** Depthwise 'same' convolution over time for B sequences packed as [B*T, C]: kernel shifted slices. w [k, C]. */
export function depthwiseConv1dSame(x: tf.Tensor2D, B: number, T: number, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  const [k, C] = w.shape;
  const half = (k - 1) / 2;
  const x3 = tf.pad(tf.reshape(x, [B, T, C]), [[0, 0], [half, half], [0, 0]]);
  const taps = Array.from({ length: k }, (_, j) => tf.mul(tf.slice(x3, [0, j, 0], [B, T, C]), tf.reshape(tf.slice(w, [j, 0], [1, C]), [1, 1, C])));
  return tf.reshape(tf.add(tf.addN(taps), b), [B * T, C]);
}

/** Constant tensors of the inverse STFT, built once per (config, W). */
export class IstftConstants {
  readonly basis: tf.Tensor2D; // [2*bins, nFft]
  private readonly envelopes = new Map<number, tf.Tensor2D>();

  constructor(private readonly c: VocoderConfig) {
    this.basis = tf.keep(tf.tensor2d(inverseDftBasis(c.nFft, hannWindow(c.nFft, c.nFft)), [2 * vocoderBins(c), c.nFft]));
  }

  /** 1 / envelope over the rows the output keeps, [W, hop]. */
  inverseEnvelope(W: number): tf.Tensor2D {
    let e = this.envelopes.get(W);
    if (!e) {
      const { nFft, hop } = this.c;
      const env = windowEnvelope(W, nFft, hop, hannWindow(nFft, nFft));
      const first = nFft / hop / 2; // rows before frame 0's centre
      const kept = env.subarray(first * hop, (first + W) * hop).map((v) => 1 / v);
      e = tf.keep(tf.tensor2d(kept, [W, hop]));
      this.envelopes.set(W, e);
    }
    return e;
  }

  dispose(): void {
    this.basis.dispose();
    for (const e of this.envelopes.values()) e.dispose();
  }
}

export interface VocoderOutput {
  /** [B, W*hop] */
  wave: tf.Tensor2D;
  /** The predicted spectrum of each frame, [B*W, bins] each. */
  re: tf.Tensor2D;
  im: tf.Tensor2D;
}

/** mel: normalised log-mel frames [B*W, nMels]. */
export function vocoderForward(c: VocoderConfig, params: Params, k: IstftConstants, mel: tf.Tensor2D, B: number, W: number): VocoderOutput {
  let x = layerNorm(conv1dSame(mel, B, W, params['in.w'], params['in.b'], c.kernel), params['in.ln.g'], params['in.ln.b']); // [B*W, C]
  for (let i = 0; i < c.blocks; i++) {
    const p = `block${i}.`;
    const d = layerNorm(depthwiseConv1dSame(x, B, W, params[p + 'dw.w'], params[p + 'dw.b']), params[p + 'ln.g'], params[p + 'ln.b']);
    const y = linear(tf.relu(linear(d, params[p + 'w1'], params[p + 'b1'])), params[p + 'w2'], params[p + 'b2']);
    x = tf.add(x, tf.mul(y, params[p + 'scale']));
  }
  const head = linear(layerNorm(x, params['out.ln.g'], params['out.ln.b']), params['head.w'], params['head.b']); // [B*W, 2*bins]
  const [logMag, phase] = tf.split(head, 2, 1) as tf.Tensor2D[];
  const mag = tf.exp(tf.minimum(logMag, c.maxLogMagnitude));
  const re = tf.mul(mag, tf.cos(phase)) as tf.Tensor2D;
  const im = tf.mul(mag, tf.sin(phase)) as tf.Tensor2D;
  const frames = mm(tf.concat([re, im], 1) as tf.Tensor2D, k.basis); // [B*W, nFft]
  return { wave: overlapAdd(c, k, frames, B, W), re, im };
}

/** Frames [B*W, nFft] (frame f centred on sample f*hop) -> [B, W*hop], normalised by the window envelope. */
function overlapAdd(c: VocoderConfig, k: IstftConstants, frames: tf.Tensor2D, B: number, W: number): tf.Tensor2D {
  const per = c.nFft / c.hop; // segments of one hop per frame
  const seg = tf.reshape(frames, [B, W, per, c.hop]);
  const shifted = Array.from({ length: per }, (_, j) =>
    tf.pad(tf.reshape(tf.slice(seg, [0, 0, j, 0], [B, W, 1, c.hop]), [B, W, c.hop]), [[0, 0], [j, per - 1 - j], [0, 0]]),
  ); // frame f's segment j lands on row f + j
  const rows = tf.addN(shifted); // [B, W + per - 1, hop]
  const kept = tf.slice(rows, [0, per / 2, 0], [B, W, c.hop]); // from frame 0's centre on
  return tf.reshape(tf.mul(kept, k.inverseEnvelope(W)), [B, W * c.hop]);
}
