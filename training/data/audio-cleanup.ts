// Clip post-processing after synthesis, in a fixed order: check that there is speech at all, trim
// leading/trailing silence to a short pad (engines pad very differently, which would teach the model
// engine-specific silences), mix in seeded noise and set the peak level.

import type { Rng } from '../../models/random';
import type { NoiseColor } from './augmentation';

/** Analysis window for the energy envelope: 10 ms at 16 kHz. */
const WINDOW = 160;

/** Frame RMS in dBFS, one value per WINDOW samples. */
function frameLevels(x: Float32Array): Float64Array {
  const frames = Math.ceil(x.length / WINDOW);
  const levels = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    const end = Math.min(x.length, (f + 1) * WINDOW);
    for (let i = f * WINDOW; i < end; i++) sum += x[i] * x[i];
    levels[f] = 10 * Math.log10(sum / (end - f * WINDOW) + 1e-20);
  }
  return levels;
}

/** Frames louder than the loudest frame minus rangeDb (and louder than -60 dBFS) count as speech. */
function speechFrames(levels: Float64Array, rangeDb: number): boolean[] {
  const top = levels.reduce((m, l) => Math.max(m, l), -Infinity);
  const threshold = Math.max(top - rangeDb, -60);
  return Array.from(levels, (l) => l > threshold);
}

export interface TrimOptions {
  /** Silence kept before the first and after the last speech frame, in seconds. */
  padSec: number;
  /** How far below the loudest 10 ms frame counts as silence. */
  rangeDb: number;
  sampleRate: number;
}

export const DEFAULT_TRIM: TrimOptions = { padSec: 0.12, rangeDb: 45, sampleRate: 16000 };

/** The signal without its leading and trailing silence (pad kept); empty when it is all silence. */
export function trimSilence(x: Float32Array, options: TrimOptions = DEFAULT_TRIM): Float32Array {
  const speech = speechFrames(frameLevels(x), options.rangeDb);
  const first = speech.indexOf(true);
  if (first < 0) return new Float32Array(0);
  const last = speech.lastIndexOf(true);
  const pad = Math.round(options.padSec * options.sampleRate);
  const start = Math.max(0, first * WINDOW - pad);
  const end = Math.min(x.length, (last + 1) * WINDOW + pad);
  return x.slice(start, end);
}

/** Why a synthesised clip is unusable, or null when it is fine. */
export function inaudibleReason(x: Float32Array, sampleRate: number, minSeconds = 0.3): string | null {
  if (x.length === 0) return 'empty audio';
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  if (!(peak > 1e-3)) return `silent (peak ${peak.toExponential(1)})`;
  if (x.length < minSeconds * sampleRate) return `too short (${(x.length / sampleRate).toFixed(2)} s)`;
  return null;
}

/** Mean power of the speech frames (frames within rangeDb of the loudest). */
export function speechPower(x: Float32Array, rangeDb = 30): number {
  const levels = frameLevels(x);
  const speech = speechFrames(levels, rangeDb);
  let sum = 0;
  let count = 0;
  speech.forEach((isSpeech, f) => {
    if (!isSpeech) return;
    sum += 10 ** (levels[f] / 10);
    count++;
  });
  return count > 0 ? sum / count : 0;
}

/** Unit-power noise of a colour: white, pink (Paul Kellet's filter) or brown (leaky integrator). */
export function colouredNoise(length: number, color: NoiseColor, rng: Rng): Float32Array {
  const out = new Float32Array(length);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, brown = 0;
  for (let i = 0; i < length; i++) {
    const w = gauss();
    if (color === 'white') out[i] = w;
    else if (color === 'pink') {
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.969 * b2 + w * 0.153852;
      b3 = 0.8665 * b3 + w * 0.3104856;
      b4 = 0.55 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.016898;
      out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
      b6 = w * 0.115926;
    } else {
      brown = 0.995 * brown + w;
      out[i] = brown;
    }
  }
  let power = 0;
  for (let i = 0; i < length; i++) power += out[i] * out[i];
  power /= Math.max(1, length);
  const scale = power > 0 ? 1 / Math.sqrt(power) : 0;
  for (let i = 0; i < length; i++) out[i] *= scale;
  return out;
}

/** x plus noise at snrDb below the speech power (a new array). */
export function addNoise(x: Float32Array, color: NoiseColor, snrDb: number, rng: Rng): Float32Array {
  const noise = colouredNoise(x.length, color, rng);
  const gain = Math.sqrt(speechPower(x) / 10 ** (snrDb / 10));
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i] + gain * noise[i];
  return out;
}

/** Scale so that the largest |sample| is at peakDb dBFS (a new array). */
export function setPeak(x: Float32Array, peakDb: number): Float32Array {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  const gain = peak > 0 ? 10 ** (peakDb / 20) / peak : 0;
  return x.map((v) => v * gain);
}
