// A YIN pitch tracker (de Cheveigné & Kawahara 2002: cumulative-mean-normalised difference function,
// absolute threshold, parabolic interpolation) for the F0 statistics of the speaker-ID judge.
// Direct O(window x lag) difference function: a few tens of ms per second of audio, fine for eval.

import { AUDIO } from '../../models/config/audio';
import { quantile, voiceActivity, withDefaults } from './silence';

export interface PitchOptions {
  sampleRate?: number;
  /** Search range in Hz (the longest lag is sampleRate / fMin). */
  fMin?: number;
  fMax?: number;
  /** Integration window of the difference function, in seconds. */
  windowSec?: number;
  hopSec?: number;
  /** YIN absolute threshold on the normalised difference: lower is stricter voicing. */
  threshold?: number;
}

const DEFAULTS: Required<PitchOptions> = {
  sampleRate: AUDIO.sampleRate,
  fMin: 60,
  fMax: 500,
  windowSec: 0.025,
  hopSec: 0.01,
  threshold: 0.15,
};

export interface PitchTrack {
  hopSec: number;
  /** F0 in Hz per frame, 0 where unvoiced (or silent). Frame t starts at sample t * hop. */
  f0: Float64Array;
}

export function trackPitch(signal: ArrayLike<number>, options: PitchOptions = {}): PitchTrack {
  const { sampleRate, fMin, fMax, windowSec, hopSec, threshold } = withDefaults(DEFAULTS, options);
  const window = Math.round(windowSec * sampleRate);
  const hop = Math.round(hopSec * sampleRate);
  const minLag = Math.max(2, Math.floor(sampleRate / fMax));
  const maxLag = Math.ceil(sampleRate / fMin);
  const span = window + maxLag + 1;
  const frames = signal.length >= span ? Math.floor((signal.length - span) / hop) + 1 : 0;
  const f0 = new Float64Array(frames);

  // Silent frames are unvoiced whatever YIN says (the normalised difference of near-silence is noise).
  const vad = voiceActivity(signal, { sampleRate, frameSec: hopSec });
  const diff = new Float64Array(maxLag + 2);
  const cmnd = new Float64Array(maxLag + 2);

  for (let t = 0; t < frames; t++) {
    const start = t * hop;
    const vadFrame = Math.min(vad.speech.length - 1, Math.floor((start + window / 2) / hop));
    if (!vad.speech[vadFrame]) continue;

    for (let lag = 1; lag <= maxLag + 1; lag++) {
      let sum = 0;
      for (let j = start; j < start + window; j++) {
        const d = signal[j] - signal[j + lag];
        sum += d * d;
      }
      diff[lag] = sum;
    }
    cmnd[0] = 1;
    let running = 0;
    for (let lag = 1; lag <= maxLag + 1; lag++) {
      running += diff[lag];
      cmnd[lag] = running > 0 ? (diff[lag] * lag) / running : 1;
    }

    // First dip under the threshold, followed down to its local minimum.
    let best = -1;
    for (let lag = minLag; lag <= maxLag; lag++) {
      if (cmnd[lag] < threshold) {
        while (lag + 1 <= maxLag && cmnd[lag + 1] < cmnd[lag]) lag++;
        best = lag;
        break;
      }
    }
    if (best < 0) continue;

    // Parabolic interpolation of the minimum for sub-sample lag precision.
    const a = cmnd[best - 1];
    const b = cmnd[best];
    const c = cmnd[best + 1];
    const denominator = a - 2 * b + c;
    const shift = denominator > 0 ? (0.5 * (a - c)) / denominator : 0;
    f0[t] = sampleRate / (best + Math.max(-1, Math.min(1, shift)));
  }
  return { hopSec: hop / sampleRate, f0 };
}

export interface PitchStats {
  /** Median F0 of voiced frames in Hz (0 when nothing is voiced). */
  medianHz: number;
  /** Interquartile range of voiced F0 in semitones (scale-free, so comparable across voices). */
  iqrSemitones: number;
  /** Voiced frames / speech frames. */
  voicedFraction: number;
}

export function pitchStats(signal: ArrayLike<number>, options: PitchOptions = {}): PitchStats {
  const track = trackPitch(signal, options);
  const voiced = Array.from(track.f0).filter((f) => f > 0);
  const speechFrames = voiceActivity(signal, { sampleRate: options.sampleRate, frameSec: track.hopSec }).speech.filter(Boolean).length;
  if (voiced.length === 0) return { medianHz: 0, iqrSemitones: 0, voicedFraction: 0 };
  const semitones = voiced.map((f) => 12 * Math.log2(f));
  return {
    medianHz: quantile(voiced, 0.5),
    iqrSemitones: quantile(semitones, 0.75) - quantile(semitones, 0.25),
    voicedFraction: speechFrames > 0 ? Math.min(1, voiced.length / speechFrames) : 0,
  };
}
