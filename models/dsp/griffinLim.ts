// From log-mel back to a waveform without a trained vocoder: undo the log, undo the filterbank, then
// recover phases with the fast Griffin-Lim algorithm.

import { fftBins, resolveAudioConfig } from '../config/audio';
import { createRng } from '../random';
import { melBands, melProject, type MelBand, type MelOptions } from './mel';
import { istft, stft, stftGeometry, type StftOptions } from './stft';

/** The filterbank's Gram matrix F Fᵀ [nMels x nMels], factorised as L Lᵀ (L lower, row-major). */
interface GramCholesky {
  nMels: number;
  lower: Float64Array;
}

const choleskyCache = new Map<MelBand[], GramCholesky>();

function gramCholesky(bands: MelBand[]): GramCholesky {
  const cached = choleskyCache.get(bands);
  if (cached) return cached;
  const nMels = bands.length;
  const gram = new Float64Array(nMels * nMels);
  for (let i = 0; i < nMels; i++) {
    for (let j = 0; j <= i; j++) {
      const a = bands[i];
      const b = bands[j];
      const from = Math.max(a.start, b.start);
      const to = Math.min(a.start + a.weights.length, b.start + b.weights.length);
      let dot = 0;
      for (let k = from; k < to; k++) dot += a.weights[k - a.start] * b.weights[k - b.start];
      gram[i * nMels + j] = dot;
      gram[j * nMels + i] = dot;
    }
    // An empty band (narrower than a bin) adds nothing to the output; decouple it so L exists.
    if (gram[i * nMels + i] === 0) gram[i * nMels + i] = 1;
  }
  const lower = new Float64Array(nMels * nMels);
  for (let i = 0; i < nMels; i++) {
    for (let j = 0; j <= i; j++) {
      let s = gram[i * nMels + j];
      for (let k = 0; k < j; k++) s -= lower[i * nMels + k] * lower[j * nMels + k];
      lower[i * nMels + j] = i === j ? Math.sqrt(s) : s / lower[j * nMels + j];
    }
  }
  const result = { nMels, lower };
  choleskyCache.set(bands, result);
  return result;
}

export interface MelToLinearOptions extends MelOptions {
  /** Multiplicative NNLS refinement steps after the pseudo-inverse; default 30, 0 keeps the clamped pseudo-inverse. */
  refineIterations?: number;
}

/**
 * Linear magnitude spectrogram [frames * (nFft/2 + 1)] from a frame-major log-mel [frames * nMels]:
 * the non-negative S with F S ≈ M = exp(log-mel), F the mel filterbank.
 *
 * Start: the Moore-Penrose pseudo-inverse S = Fᵀ (F Fᵀ)⁻¹ M, clamped at zero. It is the minimum-norm
 * spectrum whose mel projection is exactly M (F has full row rank), so nothing is blurred across bands
 * as with the transposed filterbank (which also needs an ad-hoc rescaling). F Fᵀ is small (nMels²) and
 * well conditioned (condition ≈ 20 for the default config): one cached Cholesky factorisation, then
 * two triangular solves per frame.
 * Refinement: clamping breaks F S = M badly next to strong bands (the minimum-norm solution has deep
 * negative lobes there; measured on pure tones, mel -> linear -> mel was off by 1.5 nats on average).
 * A few Lee-Seung multiplicative steps S <- S * (Fᵀ M) / (Fᵀ F S) move S toward the non-negative
 * least-squares solution (what librosa.feature.inverse.mel_to_stft solves) while staying >= 0; 30
 * steps bring that error to ~0.25 nats on pure tones and ~0.01 on a chirp. When refining, bins start
 * at logFloor or above because a multiplicative step cannot revive an exact zero.
 */
export function melToLinear(
  logMelData: ArrayLike<number>,
  frames: number,
  options: MelToLinearOptions = {},
): Float32Array {
  const { nFft, nMels, logFloor } = resolveAudioConfig(options);
  const { refineIterations = 30 } = options;
  if (logMelData.length !== frames * nMels) {
    throw new RangeError(`melToLinear: expected ${frames} x ${nMels} values, got ${logMelData.length}`);
  }
  const bins = fftBins(nFft);
  const bands = melBands(options);
  const { lower } = gramCholesky(bands);
  const out = new Float32Array(frames * bins);
  const target = new Float64Array(nMels);
  const y = new Float64Array(nMels);
  const spectrum = new Float64Array(bins);
  const numerator = new Float64Array(bins);
  const denominator = new Float64Array(bins);
  for (let t = 0; t < frames; t++) {
    for (let i = 0; i < nMels; i++) target[i] = Math.exp(logMelData[t * nMels + i]);
    // Forward solve L y = M.
    for (let i = 0; i < nMels; i++) {
      let s = target[i];
      for (let k = 0; k < i; k++) s -= lower[i * nMels + k] * y[k];
      y[i] = s / lower[i * nMels + i];
    }
    // Back solve Lᵀ u = y, in place.
    for (let i = nMels - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < nMels; k++) s -= lower[k * nMels + i] * y[k];
      y[i] = s / lower[i * nMels + i];
    }
    melTranspose(bands, y, spectrum);
    const floor = refineIterations > 0 ? logFloor : 0;
    for (let k = 0; k < bins; k++) spectrum[k] = spectrum[k] > floor ? spectrum[k] : floor;
    if (refineIterations > 0) {
      melTranspose(bands, target, numerator);
      for (let n = 0; n < refineIterations; n++) {
        melProject(bands, spectrum, 0, y);
        melTranspose(bands, y, denominator);
        // Bins outside every band (denominator 0) carry no information: zero.
        for (let k = 0; k < bins; k++) spectrum[k] = denominator[k] > 0 ? (spectrum[k] * numerator[k]) / denominator[k] : 0;
      }
    }
    for (let k = 0; k < bins; k++) out[t * bins + k] = spectrum[k];
  }
  return out;
}

/** spectrum[k] = Σ_m F[m, k] mel[m]. */
function melTranspose(bands: MelBand[], mel: Float64Array, spectrum: Float64Array): void {
  spectrum.fill(0);
  for (let m = 0; m < bands.length; m++) {
    const { start, weights } = bands[m];
    for (let j = 0; j < weights.length; j++) spectrum[start + j] += weights[j] * mel[m];
  }
}

export interface GriffinLimOptions extends StftOptions {
  /** Projection rounds; default 32. */
  iterations?: number;
  /** Fast Griffin-Lim momentum α (Perraudin, Balazs & Søndergaard 2013); 0 is plain Griffin-Lim. Default 0.99. */
  momentum?: number;
  /** Seed of the random initial phases; default 0, so the output is always reproducible. */
  seed?: number;
}

/** Griffin-Lim's starting point: uniformly random phases from a seed, as unit complex numbers (cos, sin). */
export function randomPhases(size: number, seed: number): { re: Float64Array; im: Float64Array } {
  const rng = createRng(seed);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const angle = 2 * Math.PI * rng();
    re[i] = Math.cos(angle);
    im[i] = Math.sin(angle);
  }
  return { re, im };
}

/**
 * A waveform of (frames - 1) * hop samples whose STFT magnitude approximates `magnitude`
 * (frame-major [frames * (nFft/2 + 1)]), by the fast Griffin-Lim algorithm as in librosa.griffinlim:
 *   c_n = P(X_{n-1});  X_n = phase of (c_n + α (c_n - c_{n-1})) applied to the target magnitude,
 * where P is stft(istft(·)), starting from uniformly random phases.
 */
export function griffinLim(magnitude: ArrayLike<number>, frames: number, options: GriffinLimOptions = {}): Float32Array {
  const { iterations = 32, momentum = 0.99, seed = 0 } = options;
  const geometry = stftGeometry(options);
  const { bins, hop } = geometry;
  if (magnitude.length !== frames * bins) {
    throw new RangeError(`griffinLim: expected ${frames} x ${bins} values, got ${magnitude.length}`);
  }
  if (!(Number.isInteger(iterations) && iterations >= 0)) throw new RangeError(`griffinLim: bad iterations ${iterations}`);
  const stftOptions: StftOptions = { nFft: geometry.nFft, winLength: geometry.winLength, hop };
  const length = Math.max(0, frames - 1) * hop;
  const size = frames * bins;

  const { re: phaseRe, im: phaseIm } = randomPhases(size, seed);
  const specRe = new Float64Array(size);
  const specIm = new Float64Array(size);
  const applyPhases = (): void => {
    for (let i = 0; i < size; i++) {
      specRe[i] = magnitude[i] * phaseRe[i];
      specIm[i] = magnitude[i] * phaseIm[i];
    }
  };

  // librosa's form of the update: phase of (c_n - α/(1+α) c_{n-1}), the same direction as above.
  const beta = momentum / (1 + momentum);
  let previousRe: Float32Array = new Float32Array(size);
  let previousIm: Float32Array = new Float32Array(size);
  for (let n = 0; n < iterations; n++) {
    applyPhases();
    const rebuilt = stft(istft(specRe, specIm, frames, { ...stftOptions, length }), { ...stftOptions, complex: true });
    for (let i = 0; i < size; i++) {
      const re = rebuilt.re[i] - beta * previousRe[i];
      const im = rebuilt.im[i] - beta * previousIm[i];
      const norm = Math.sqrt(re * re + im * im) + 1e-16;
      phaseRe[i] = re / norm;
      phaseIm[i] = im / norm;
    }
    previousRe = rebuilt.re;
    previousIm = rebuilt.im;
  }
  applyPhases();
  return istft(specRe, specIm, frames, { ...stftOptions, length });
}
