// The vocoder's training loss, against host-computed targets (targets.ts):
//   L = melL1 + mean_r (spectral convergence_r + log-magnitude L1_r) + 0.1 * complex L1
// The complex term compares each frame's predicted spectrum with the recording's own: a direct
// phase target, which a GAN-free vocoder needs to get phase right at all.

import * as tf from '@tensorflow/tfjs';
import { AUDIO } from '../../models/config/audio';
import { hannWindow, melFilterbank } from '../../models/dsp';
import { forwardDftBasis } from '../../models/vocoder/dft';
import { mm } from '../tf/linalg';
import type { VocoderOutput } from './model';
import { LOSS_RESOLUTIONS, type Resolution, lossFrames } from './targets';

/** One training batch: B windows of W frames, with their targets (host arrays). */
export interface VocoderBatch {
  B: number;
  W: number;
  /** Normalised log-mel, the vocoder's input: [B*W, nMels]. */
  mel: Float32Array;
  /** [B, W*hop] */
  wave: Float32Array;
  /** Per loss resolution: [B*frames, bins]. */
  magnitude: Float32Array[];
  /** [B*frames0, nMels] */
  logMel: Float32Array;
  /** [B*W, bins] each. */
  re: Float32Array;
  im: Float32Array;
}

export interface VocoderLossParts {
  total: tf.Scalar;
  mel: tf.Scalar;
  /** Mean over resolutions of spectral convergence + log-magnitude L1. */
  stft: tf.Scalar;
  complex: tf.Scalar;
}

export const COMPLEX_WEIGHT = 0.1;

/** Analysis bases per resolution and the mel filterbank, built once. */
export class LossConstants {
  readonly bases: tf.Tensor2D[];
  /** [bins, nMels] */
  readonly melT: tf.Tensor2D;

  constructor() {
    this.bases = LOSS_RESOLUTIONS.map((r) => tf.keep(tf.tensor2d(forwardDftBasis(r.nFft, hannWindow(r.nFft, r.nFft)), [r.nFft, r.nFft + 2])));
    const bins = AUDIO.nFft / 2 + 1;
    this.melT = tf.keep(tf.transpose(tf.tensor2d(melFilterbank(), [AUDIO.nMels, bins])));
  }

  dispose(): void {
    tf.dispose([...this.bases, this.melT]);
  }
}

/** Unpadded frames of wave [B, L] at a resolution: [B*frames, nFft] (hop divides nFft and L). */
function frame(wave: tf.Tensor2D, r: Resolution): tf.Tensor2D {
  const [B, L] = wave.shape;
  const per = r.nFft / r.hop;
  const n = lossFrames(L, r);
  const seg = tf.reshape(wave, [B, L / r.hop, r.hop]);
  const parts = Array.from({ length: per }, (_, j) => tf.slice(seg, [0, j, 0], [B, n, r.hop]));
  return tf.reshape(tf.concat(parts, 2), [B * n, r.nFft]);
}

function magnitudeOf(frames: tf.Tensor2D, basis: tf.Tensor2D): tf.Tensor2D {
  const spec = mm(frames, basis); // [rows, 2*bins]
  const [re, im] = tf.split(spec, 2, 1);
  return tf.sqrt(tf.add(tf.add(tf.square(re), tf.square(im)), 1e-9)) as tf.Tensor2D;
}

export function vocoderLoss(pred: VocoderOutput, batch: VocoderBatch, k: LossConstants): VocoderLossParts {
  const floor = AUDIO.logFloor;
  const L1 = (a: tf.Tensor, b: tf.Tensor) => tf.mean(tf.abs(tf.sub(a, b))) as tf.Scalar;
  const stftTerms = LOSS_RESOLUTIONS.map((r, i) => {
    const magP = magnitudeOf(frame(pred.wave, r), k.bases[i]);
    const magT = tf.tensor2d(batch.magnitude[i], magP.shape);
    const sc = tf.div(tf.norm(tf.sub(magP, magT)), tf.add(tf.norm(magT), 1e-6));
    const logMag = L1(tf.log(tf.add(magP, floor)), tf.log(tf.add(magT, floor)));
    return { sc, logMag, magP };
  });
  const stft = tf.div(tf.addN(stftTerms.map((t) => tf.add(t.sc, t.logMag))), LOSS_RESOLUTIONS.length) as tf.Scalar;
  const melP = tf.log(tf.add(mm(stftTerms[0].magP, k.melT), floor));
  const mel = L1(melP, tf.tensor2d(batch.logMel, melP.shape as [number, number]));
  const complex = tf.add(L1(pred.re, tf.tensor2d(batch.re, pred.re.shape)), L1(pred.im, tf.tensor2d(batch.im, pred.im.shape))) as tf.Scalar;
  const total = tf.addN([mel, stft, tf.mul(COMPLEX_WEIGHT, complex)]) as tf.Scalar;
  return { total, mel, stft, complex };
}
