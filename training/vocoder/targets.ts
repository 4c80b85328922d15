// What the vocoder's losses compare against, computed on the host with fft.js (cheaper than asking
// tfjs to transform the target too): for a training window of W mel frames starting at frame f0,
//   - the waveform segment [f0*hop, (f0+W)*hop);
//   - its magnitude spectrogram at each loss resolution (frames of the segment itself, no padding:
//     the same framing the loss applies to the prediction) and its log-mel at the first;
//   - the complex spectrum of each of the W frames as the mel front end framed them (centred on
//     f*hop), the direct target of the predicted spectrum.

import { fftOfSize, hannWindow } from '../../models/dsp/stft';
import { melBands, melProject } from '../../models/dsp';
import { AUDIO } from '../../models/config/audio';

export interface Resolution {
  nFft: number;
  hop: number;
}

/** The multi-resolution STFT loss's resolutions (the first is also the mel loss's). */
export const LOSS_RESOLUTIONS: readonly Resolution[] = [
  { nFft: 1024, hop: 256 },
  { nFft: 512, hop: 128 },
  { nFft: 256, hop: 64 },
];

/** Frames a resolution cuts from L samples without padding. */
export function lossFrames(L: number, r: Resolution): number {
  return Math.floor((L - r.nFft) / r.hop) + 1;
}

/**
 * Windowed DFTs of frames [start + i*hop, start + i*hop + N) of `signal`, i < frames: re and im
 * [frames * bins] (bin k = sum_n x[n] w[n] e^{-2 pi i k n / N}, the models/dsp convention).
 */
export function frameSpectra(signal: ArrayLike<number>, start: number, frames: number, r: Resolution): { re: Float32Array; im: Float32Array } {
  const N = r.nFft;
  const bins = N / 2 + 1;
  const w = hannWindow(N, N);
  const fft = fftOfSize(N);
  const input = new Array<number>(N);
  const out = fft.createComplexArray() as number[];
  const re = new Float32Array(frames * bins);
  const im = new Float32Array(frames * bins);
  for (let f = 0; f < frames; f++) {
    const s = start + f * r.hop;
    for (let n = 0; n < N; n++) input[n] = signal[s + n] * w[n];
    fft.realTransform(out, input);
    for (let k = 0; k < bins; k++) {
      re[f * bins + k] = out[2 * k];
      im[f * bins + k] = out[2 * k + 1];
    }
  }
  return { re, im };
}

export function magnitudes(s: { re: Float32Array; im: Float32Array }): Float32Array {
  return s.re.map((r, i) => Math.sqrt(r * r + s.im[i] * s.im[i]));
}

export interface WindowTargets {
  /** [W*hop] */
  wave: Float32Array;
  /** Per resolution: [frames * bins]. */
  magnitude: Float32Array[];
  /** ln(mel + floor) of magnitude[0] (the loss takes the same smooth log of the prediction): [frames * nMels]. */
  logMel: Float32Array;
  /** The W centred frames' spectra: [W * bins] each. */
  re: Float32Array;
  im: Float32Array;
}

/**
 * Targets of the window of W frames from f0 of an utterance's samples. The window must keep
 * nFft/2 samples of real signal on both sides of its centred frames: f0*hop >= nFft/2 and
 * (f0+W-1)*hop + nFft/2 <= samples.length.
 */
export function windowTargets(samples: ArrayLike<number>, f0: number, W: number): WindowTargets {
  const { hop, nFft, nMels, logFloor } = AUDIO;
  const L = W * hop;
  const wave = Float32Array.from({ length: L }, (_, i) => samples[f0 * hop + i]);
  const magnitude = LOSS_RESOLUTIONS.map((r) => magnitudes(frameSpectra(wave, 0, lossFrames(L, r), r)));
  const bands = melBands();
  const bins = nFft / 2 + 1;
  const frames0 = lossFrames(L, LOSS_RESOLUTIONS[0]);
  const logMel = new Float32Array(frames0 * nMels);
  const mel = new Float64Array(nMels);
  for (let f = 0; f < frames0; f++) {
    melProject(bands, magnitude[0], f * bins, mel);
    for (let m = 0; m < nMels; m++) logMel[f * nMels + m] = Math.log(mel[m] + logFloor);
  }
  const centred = frameSpectra(samples, f0 * hop - nFft / 2, W, { nFft, hop });
  return { wave, magnitude, logMel, re: centred.re, im: centred.im };
}
