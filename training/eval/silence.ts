// Energy voice-activity detection for the length-pathology judge: where speech starts and ends,
// how long the speech span is, and which silences inside it run longer than a second (the paper's
// "long silence" failure, where a model stalls mid-sentence).

import { AUDIO } from '../../models/config/audio';

export interface VadOptions {
  sampleRate?: number;
  /** Analysis frame length in seconds (non-overlapping frames). */
  frameSec?: number;
  /** A frame is speech when its energy is within this many dB of the reference level. */
  relativeDb?: number;
  /** The reference level is this quantile of the frame energies (robust to a few clicks). */
  referenceQuantile?: number;
  /** Frames quieter than this (dBFS) are always silent, so an all-quiet signal has no speech. */
  floorDb?: number;
}

const DEFAULTS: Required<VadOptions> = {
  sampleRate: AUDIO.sampleRate,
  frameSec: 0.02,
  relativeDb: 40,
  referenceQuantile: 0.95,
  floorDb: -60,
};

/** Options over defaults, where an explicitly undefined option also means "the default". */
export function withDefaults<T extends object>(defaults: Required<T>, options: T): Required<T> {
  const merged = { ...defaults };
  for (const [key, value] of Object.entries(options)) if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  return merged;
}

/** The q-quantile (0..1) of values by linear interpolation between order statistics. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const position = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Mean-square energy in dBFS of consecutive non-overlapping frames (a partial last frame counts). */
export function frameEnergiesDb(signal: ArrayLike<number>, frameLength: number): Float64Array {
  const frames = Math.ceil(signal.length / frameLength);
  const energies = new Float64Array(frames);
  for (let f = 0; f < frames; f++) {
    const start = f * frameLength;
    const end = Math.min(start + frameLength, signal.length);
    let sum = 0;
    for (let i = start; i < end; i++) sum += signal[i] * signal[i];
    energies[f] = 10 * Math.log10(sum / (end - start) + 1e-12);
  }
  return energies;
}

/** Per-frame speech (true) / silence (false) decision with a threshold relative to the signal's own level. */
export function voiceActivity(signal: ArrayLike<number>, options: VadOptions = {}): { speech: boolean[]; frameSec: number } {
  const { sampleRate, frameSec, relativeDb, referenceQuantile, floorDb } = withDefaults(DEFAULTS, options);
  const frameLength = Math.max(1, Math.round(frameSec * sampleRate));
  const energies = frameEnergiesDb(signal, frameLength);
  const threshold = Math.max(quantile(energies, referenceQuantile) - relativeDb, floorDb);
  return { speech: Array.from(energies, (e) => e > threshold), frameSec: frameLength / sampleRate };
}

export interface SilenceRun {
  startSec: number;
  durationSec: number;
}

export interface SilenceAnalysis {
  totalSec: number;
  /** First and last speech frame edges; both 0 when nothing is loud enough to be speech. */
  speechStartSec: number;
  speechEndSec: number;
  /** speechEndSec - speechStartSec: the duration without leading and trailing silence. */
  speechSpanSec: number;
  /** Silences strictly inside the speech span, at least minSilenceSec long. */
  longSilences: SilenceRun[];
}

/** Leading/trailing-trimmed speech span and the internal silences of at least minSilenceSec. */
export function analyseSilences(signal: ArrayLike<number>, options: VadOptions & { minSilenceSec?: number } = {}): SilenceAnalysis {
  const sampleRate = options.sampleRate ?? DEFAULTS.sampleRate;
  const minSilenceSec = options.minSilenceSec ?? 1;
  const { speech, frameSec } = voiceActivity(signal, options);
  const totalSec = signal.length / sampleRate;
  const first = speech.indexOf(true);
  if (first < 0) return { totalSec, speechStartSec: 0, speechEndSec: 0, speechSpanSec: 0, longSilences: [] };
  const last = speech.lastIndexOf(true);

  const longSilences: SilenceRun[] = [];
  let runStart = -1;
  for (let f = first; f <= last; f++) {
    if (!speech[f] && runStart < 0) runStart = f;
    if (speech[f] && runStart >= 0) {
      const durationSec = (f - runStart) * frameSec;
      // A tiny epsilon so a run of exactly minSilenceSec (in whole frames) counts despite rounding.
      if (durationSec >= minSilenceSec - 1e-9) longSilences.push({ startSec: runStart * frameSec, durationSec });
      runStart = -1;
    }
  }
  const speechStartSec = first * frameSec;
  const speechEndSec = Math.min((last + 1) * frameSec, totalSec);
  return { totalSec, speechStartSec, speechEndSec, speechSpanSec: speechEndSec - speechStartSec, longSilences };
}

/** Generated / true duration, both measured as trimmed speech spans (0 when the truth has no speech). */
export function durationRatio(generated: { speechSpanSec: number }, truth: { speechSpanSec: number }): number {
  return truth.speechSpanSec > 0 ? generated.speechSpanSec / truth.speechSpanSec : 0;
}
