// Mel filterbank and log-mel spectrogram.
//
// Convention: librosa.filters.mel(htk=False, norm='slaney'), i.e. the Slaney (Auditory Toolbox) mel
// scale, linear below 1 kHz (mel = 3 f / 200) and logarithmic above (27 mels per factor 6.4), with
// nMels + 2 edge frequencies evenly spaced in mel between fMin and fMax; triangle m rises from edge m
// to edge m+1 and falls to edge m+2, evaluated at the FFT bin frequencies k * sampleRate / nFft, and
// is scaled by 2 / (edge[m+2] - edge[m]) so every triangle has the same area in Hz (Slaney norm).
//
// logMel = ln(max(filterbank · |STFT|, logFloor)) on the MAGNITUDE (power 1) spectrogram.

import { fftBins, resolveAudioConfig, type AudioConfig } from '../config/audio';
import { forEachSpectrum, stftFrameCount, stftGeometry } from './stft';

export type MelOptions = Partial<AudioConfig>;

/** A log-mel spectrogram, frame-major: band m of frame t at index t * nMels + m. */
export interface LogMel {
  frames: number;
  data: Float32Array;
}

/** One mel band: its non-zero weights cover bins [start, start + weights.length). */
export interface MelBand {
  start: number;
  weights: Float32Array;
}

const F_SP = 200 / 3; // Hz per mel in the linear part
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP; // 15
const LOG_STEP = Math.log(6.4) / 27;

/** Slaney mel of a frequency in Hz. */
export function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

/** Frequency in Hz of a Slaney mel. */
export function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

const bandCache = new Map<string, MelBand[]>();

/** The filterbank as one contiguous run of weights per band. Cached: do not mutate. */
export function melBands(options: MelOptions = {}): MelBand[] {
  const { sampleRate, nFft, nMels, fMin, fMax } = resolveAudioConfig(options);
  const key = [sampleRate, nFft, nMels, fMin, fMax].join(':');
  const cached = bandCache.get(key);
  if (cached) return cached;

  // Edges evenly spaced in mel the way numpy.linspace does it (start + i * step, exact last point).
  const melMin = hzToMel(fMin);
  const melMax = hzToMel(fMax);
  const step = (melMax - melMin) / (nMels + 1);
  const edges = new Float64Array(nMels + 2);
  for (let i = 0; i < nMels + 2; i++) edges[i] = melToHz(i === nMels + 1 ? melMax : melMin + i * step);

  const bins = fftBins(nFft);
  const bands: MelBand[] = [];
  for (let m = 0; m < nMels; m++) {
    const [lo, centre, hi] = [edges[m], edges[m + 1], edges[m + 2]];
    const area = 2 / (hi - lo);
    const row = new Float32Array(bins);
    let start = bins;
    let end = 0;
    for (let k = 0; k < bins; k++) {
      const f = (k * sampleRate) / nFft;
      const weight = Math.max(0, Math.min((f - lo) / (centre - lo), (hi - f) / (hi - centre))) * area;
      if (weight > 0) {
        row[k] = weight;
        start = Math.min(start, k);
        end = k + 1;
      }
    }
    // A triangle narrower than one bin has no weight at all; keep it as an empty band (always floor).
    bands.push(start < end ? { start, weights: row.slice(start, end) } : { start: 0, weights: new Float32Array(0) });
  }
  bandCache.set(key, bands);
  return bands;
}

/** The dense filterbank, band-major [nMels * (nFft/2 + 1)] (librosa's [n_mels, 1 + n_fft/2]). */
export function melFilterbank(options: MelOptions = {}): Float32Array {
  const bins = fftBins(resolveAudioConfig(options).nFft);
  const bands = melBands(options);
  const dense = new Float32Array(bands.length * bins);
  bands.forEach(({ start, weights }, m) => dense.set(weights, m * bins + start));
  return dense;
}

/** mel[m] = Σ_k F[m, k] spectrum[spectrumOffset + k], using only each band's non-zero run. */
export function melProject(bands: MelBand[], spectrum: ArrayLike<number>, spectrumOffset: number, mel: Float64Array): void {
  for (let m = 0; m < bands.length; m++) {
    const { start, weights } = bands[m];
    const base = spectrumOffset + start;
    let sum = 0;
    for (let j = 0; j < weights.length; j++) sum += weights[j] * spectrum[base + j];
    mel[m] = sum;
  }
}

/** ln(max(mel, floor)) written at data[offset ...]. */
function logInto(mel: Float64Array, floor: number, data: Float32Array, offset: number): void {
  for (let m = 0; m < mel.length; m++) data[offset + m] = Math.log(mel[m] > floor ? mel[m] : floor);
}

/** Log-mel spectrogram of a mono signal at config.sampleRate. */
export function logMel(signal: ArrayLike<number>, options: MelOptions = {}): LogMel {
  const { nMels, logFloor } = resolveAudioConfig(options);
  const geometry = stftGeometry(options);
  const bands = melBands(options);
  const bins = geometry.bins;
  const frames = stftFrameCount(signal.length, geometry.hop);
  const data = new Float32Array(frames * nMels);
  const magnitude = new Float64Array(bins);
  const mel = new Float64Array(nMels);
  forEachSpectrum(signal, geometry, (t, spectrum) => {
    for (let k = 0; k < bins; k++) {
      const r = spectrum[2 * k];
      const i = spectrum[2 * k + 1];
      magnitude[k] = Math.sqrt(r * r + i * i);
    }
    melProject(bands, magnitude, 0, mel);
    logInto(mel, logFloor, data, t * nMels);
  });
  return { frames, data };
}

/** Log-mel of an existing magnitude spectrogram (frame-major [frames * (nFft/2 + 1)]). */
export function magnitudeToLogMel(magnitude: ArrayLike<number>, frames: number, options: MelOptions = {}): LogMel {
  const { nFft, nMels, logFloor } = resolveAudioConfig(options);
  const bins = fftBins(nFft);
  if (magnitude.length !== frames * bins) {
    throw new RangeError(`magnitudeToLogMel: expected ${frames} x ${bins} values, got ${magnitude.length}`);
  }
  const bands = melBands(options);
  const data = new Float32Array(frames * nMels);
  const mel = new Float64Array(nMels);
  for (let t = 0; t < frames; t++) {
    melProject(bands, magnitude, t * bins, mel);
    logInto(mel, logFloor, data, t * nMels);
  }
  return { frames, data };
}

/**
 * Frames [from, to) of logMel(signal), computed from only the samples they read (a frame is
 * centred on sample f x hop and reads nFft / 2 either side): what a streaming front end needs, at
 * a cost that does not grow with the signal. Identical to slicing the full logMel.
 */
export function logMelFrames(signal: Float32Array, from: number, to: number, options: MelOptions = {}): Float32Array {
  const { nMels } = resolveAudioConfig(options);
  const { hop, nFft } = stftGeometry(options);
  const half = nFft >> 1;
  if (half % hop !== 0 || from * hop < half) return logMel(signal, options).data.slice(from * nMels, to * nMels);
  // The slice starts `half` samples before frame `from`, so its frame half / hop is frame `from`,
  // read without touching the slice's padded start; its end is the signal's (same padding there).
  const skip = half / hop;
  const part = logMel(signal.subarray(from * hop - half), options);
  return part.data.slice(skip * nMels, (skip + to - from) * nMels);
}
