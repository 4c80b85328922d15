// Short-time Fourier transform and its inverse, the one implementation shared by trainer and browser.
//
// Conventions (the same as librosa.stft(center=True, pad_mode='reflect') and torch.stft(center=True)):
// - window: periodic Hann of winLength samples (scipy get_window('hann', N, fftbins=True)), centred
//   inside nFft with zeros when winLength < nFft;
// - the signal is padded by nFft/2 on both sides by REFLECTION (x[1], x[2], ... mirrored, the edge
//   sample not repeated), so frame t is centred on sample t*hop and numFrames = 1 + floor(len / hop);
// - a signal of nFft/2 samples or fewer cannot be reflected, so it is padded with ZEROS instead;
// - spectra are one-sided (nFft/2 + 1 bins), unscaled (bin k = sum_n x[n] w[n] e^{-2πikn/nFft}),
//   stored frame-major: value (t, k) at index t * bins + k.

import FFT from 'fft.js';
import { fftBins, resolveAudioConfig, type AudioConfig } from '../config/audio';

export type StftOptions = Partial<Pick<AudioConfig, 'nFft' | 'winLength' | 'hop'>>;

export interface Spectrogram {
  frames: number;
  /** nFft/2 + 1. */
  bins: number;
  /** |X|, frame-major [frames * bins]. */
  magnitude: Float32Array;
}

export interface ComplexSpectrogram extends Spectrogram {
  /** Real and imaginary parts, frame-major [frames * bins]. */
  re: Float32Array;
  im: Float32Array;
}

export interface IstftOptions extends StftOptions {
  /** Output length in samples; default (frames - 1) * hop. Shorter truncates, longer pads with zeros. */
  length?: number;
}

/** The STFT geometry after defaults and validation. */
export interface StftGeometry {
  nFft: number;
  winLength: number;
  hop: number;
  bins: number;
}

export function stftGeometry(options: StftOptions = {}): StftGeometry {
  const { nFft, winLength, hop } = resolveAudioConfig(options);
  return { nFft, winLength, hop, bins: fftBins(nFft) };
}

/** Frames produced by the centred STFT for a signal of `length` samples. */
export function stftFrameCount(length: number, hop: number): number {
  return 1 + Math.floor(length / hop);
}

const windowCache = new Map<string, Float64Array>();

/** Periodic Hann window of winLength, zero-padded to nFft around its centre. Cached: do not mutate. */
export function hannWindow(nFft: number, winLength: number): Float64Array {
  const key = `${nFft}:${winLength}`;
  let window = windowCache.get(key);
  if (!window) {
    window = new Float64Array(nFft);
    const offset = (nFft - winLength) >> 1;
    for (let n = 0; n < winLength; n++) window[offset + n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / winLength);
    windowCache.set(key, window);
  }
  return window;
}

const fftCache = new Map<number, FFT>();

/** One fft.js instance per size: its twiddle tables are the expensive part. */
export function fftOfSize(nFft: number): FFT {
  let fft = fftCache.get(nFft);
  if (!fft) {
    fft = new FFT(nFft);
    fftCache.set(nFft, fft);
  }
  return fft;
}

/** The signal with nFft/2 samples added on both sides: reflected, or zeros when it is too short. */
function centerPad(signal: ArrayLike<number>, pad: number): Float64Array {
  const length = signal.length;
  const padded = new Float64Array(length + 2 * pad);
  for (let i = 0; i < length; i++) padded[pad + i] = signal[i];
  if (length > pad) {
    for (let i = 1; i <= pad; i++) {
      padded[pad - i] = signal[i];
      padded[pad + length - 1 + i] = signal[length - 1 - i];
    }
  }
  return padded;
}

/**
 * The STFT engine: calls onFrame(t, spectrum) for every frame, with fft.js's interleaved complex
 * output (re at 2k, im at 2k + 1; bins 0..nFft/2 are valid). The buffer is reused between calls,
 * so consumers read what they need and keep nothing. Returns the number of frames.
 */
export function forEachSpectrum(
  signal: ArrayLike<number>,
  geometry: StftGeometry,
  onFrame: (frame: number, spectrum: Float64Array) => void,
): number {
  const { nFft, winLength, hop } = geometry;
  const window = hannWindow(nFft, winLength);
  const fft = fftOfSize(nFft);
  const padded = centerPad(signal, nFft >> 1);
  const frames = stftFrameCount(signal.length, hop);
  const windowed = new Float64Array(nFft);
  const spectrum = new Float64Array(2 * nFft);
  for (let t = 0; t < frames; t++) {
    const offset = t * hop;
    for (let n = 0; n < nFft; n++) windowed[n] = padded[offset + n] * window[n];
    fft.realTransform(spectrum, windowed);
    onFrame(t, spectrum);
  }
  return frames;
}

/** Centred STFT magnitude (and, with `complex: true`, the complex values). */
export function stft(signal: ArrayLike<number>, options: StftOptions & { complex: true }): ComplexSpectrogram;
export function stft(signal: ArrayLike<number>, options?: StftOptions & { complex?: false }): Spectrogram;
export function stft(
  signal: ArrayLike<number>,
  options: StftOptions & { complex?: boolean } = {},
): Spectrogram | ComplexSpectrogram {
  const geometry = stftGeometry(options);
  const { bins } = geometry;
  const frames = stftFrameCount(signal.length, geometry.hop);
  const magnitude = new Float32Array(frames * bins);
  const re = options.complex ? new Float32Array(frames * bins) : undefined;
  const im = options.complex ? new Float32Array(frames * bins) : undefined;
  forEachSpectrum(signal, geometry, (t, spectrum) => {
    const base = t * bins;
    for (let k = 0; k < bins; k++) {
      const r = spectrum[2 * k];
      const i = spectrum[2 * k + 1];
      magnitude[base + k] = Math.sqrt(r * r + i * i);
      if (re && im) {
        re[base + k] = r;
        im[base + k] = i;
      }
    }
  });
  return re && im ? { frames, bins, magnitude, re, im } : { frames, bins, magnitude };
}

/**
 * Inverse of stft: per-frame inverse FFT, synthesis by the same window, overlap-add, then division
 * by the overlap-added squared window (the window-sum-square normalisation of librosa.istft). This
 * inverts stft exactly wherever the squared windows sum to more than zero, i.e. everywhere inside
 * the signal since hop <= winLength. The nFft/2 centre padding is removed again.
 * The imaginary parts of the DC and Nyquist bins are ignored (as numpy.fft.irfft does).
 */
export function istft(
  re: ArrayLike<number>,
  im: ArrayLike<number>,
  frames: number,
  options: IstftOptions = {},
): Float32Array {
  const geometry = stftGeometry(options);
  const { nFft, winLength, hop, bins } = geometry;
  if (re.length !== frames * bins || im.length !== frames * bins) {
    throw new RangeError(`istft: expected ${frames} x ${bins} values, got re ${re.length}, im ${im.length}`);
  }
  const length = options.length ?? Math.max(0, frames - 1) * hop;
  const window = hannWindow(nFft, winLength);
  const fft = fftOfSize(nFft);
  const total = nFft + hop * Math.max(0, frames - 1);
  const sum = new Float64Array(total);
  const windowSquareSum = new Float64Array(total);
  const packed = new Float64Array(2 * nFft);
  const out = new Float64Array(2 * nFft);
  const half = nFft >> 1;

  // Both outputs are real, so two frames share one complex inverse FFT: ifft(X1 + i X2) = x1 + i x2.
  for (let t = 0; t < frames; t += 2) {
    const a = t * bins;
    const hasSecond = t + 1 < frames;
    const b = a + bins;
    for (let k = 0; k <= half; k++) {
      const edge = k === 0 || k === half;
      const r1 = re[a + k];
      const i1 = edge ? 0 : im[a + k];
      const r2 = hasSecond ? re[b + k] : 0;
      const i2 = hasSecond && !edge ? im[b + k] : 0;
      packed[2 * k] = r1 - i2;
      packed[2 * k + 1] = i1 + r2;
      if (!edge) {
        // Bin nFft - k holds conj(X1[k]) + i conj(X2[k]).
        packed[2 * (nFft - k)] = r1 + i2;
        packed[2 * (nFft - k) + 1] = r2 - i1;
      }
    }
    fft.inverseTransform(out, packed);
    const offset1 = t * hop;
    const offset2 = offset1 + hop;
    for (let n = 0; n < nFft; n++) {
      const w = window[n];
      sum[offset1 + n] += out[2 * n] * w;
      windowSquareSum[offset1 + n] += w * w;
      if (hasSecond) {
        sum[offset2 + n] += out[2 * n + 1] * w;
        windowSquareSum[offset2 + n] += w * w;
      }
    }
  }

  const signal = new Float32Array(length);
  const available = Math.min(length, total - half);
  for (let i = 0; i < available; i++) {
    const norm = windowSquareSum[half + i];
    // Below this the windows barely overlap (only possible outside the signal): leave the sum as is.
    signal[i] = norm > 1e-10 ? sum[half + i] / norm : sum[half + i];
  }
  return signal;
}
