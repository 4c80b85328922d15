// Sample-rate conversion and channel mixing, to bring any decoded file to the model's audio format
// (mono, AUDIO.sampleRate).

import * as waveResamplerModule from 'wave-resampler';
import { AUDIO } from '../config/audio';
import { namedExport } from './commonjs-interop';
import type { DecodedAudio } from './wav';

const waveResample = namedExport(waveResamplerModule, 'resample');

/**
 * Resample with windowed-sinc interpolation. wave-resampler low-passes first when downsampling
 * (zero-phase IIR Butterworth at the new Nyquist, so nothing above it aliases) and after
 * interpolation when upsampling (at the old Nyquist, against imaging). The output has
 * floor(x.length * toRate / fromRate) samples (within one sample). Note: wave-resampler maps output
 * sample t to input position t * (N - 1) / M (N in, M out), so first and last samples line up and
 * the clip is stretched by N / (N - 1): under one input sample over the whole clip.
 */
export function resample(x: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!(fromRate > 0) || !(toRate > 0)) {
    throw new RangeError(`resample: sample rates must be positive, got ${fromRate} -> ${toRate}`);
  }
  if (fromRate === toRate) return x.slice();
  // wave-resampler filters its input in place when downsampling: hand it a float64 copy, which
  // also keeps the IIR filter state in double precision.
  const output = waveResample(Float64Array.from(x), fromRate, toRate, { method: 'sinc', LPF: true });
  return Float32Array.from(output);
}

/** Average the channels into one (equal weights, so a centred voice keeps its level). */
export function toMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) throw new RangeError('toMono: no channels');
  if (channels.length === 1) return channels[0].slice();
  const length = Math.min(...channels.map((c) => c.length));
  const mono = new Float32Array(length);
  // Summed in double precision: two float32 samples near float32's limit overflow it as a float32 sum.
  for (let i = 0; i < length; i++) {
    let sum = 0;
    for (const channel of channels) sum += channel[i];
    mono[i] = sum / channels.length;
  }
  return mono;
}

/** A decoded file as the model hears it: mono at AUDIO.sampleRate (16 kHz). */
export function toModelAudio(decoded: DecodedAudio): Float32Array {
  return resample(toMono(decoded.channels), decoded.sampleRate, AUDIO.sampleRate);
}
