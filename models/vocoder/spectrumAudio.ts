// The vocoder graph's output, each frame's complex spectrum, to audio: the inverse STFT on the CPU with
// an FFT (models/dsp istft) instead of inside the graph, where it was a [2*bins, nFft] matrix product per
// frame, over half of the vocoder's arithmetic; an FFT does the same in a few hundredths of it.

import { istft } from '../dsp';
import { type VocoderConfig, vocoderBins } from './config';

/**
 * spectrum [n, 2*bins] ([re | im] per frame, frame f centred on sample f*hop) -> n*hop samples from frame 0's
 * centre: the window-sum-square inverse STFT with the periodic Hann window of nFft samples, as in training.
 */
export function spectrumToAudio(spectrum: Float32Array, n: number, c: VocoderConfig): Float32Array {
  const bins = vocoderBins(c);
  if (spectrum.length !== n * 2 * bins) throw new RangeError(`vocoder spectrum: expected ${n} x ${2 * bins} values, got ${spectrum.length}`);
  const re = new Float32Array(n * bins);
  const im = new Float32Array(n * bins);
  for (let f = 0; f < n; f++) {
    re.set(spectrum.subarray(f * 2 * bins, f * 2 * bins + bins), f * bins);
    im.set(spectrum.subarray(f * 2 * bins + bins, (f + 1) * 2 * bins), f * bins);
  }
  return istft(re, im, n, { nFft: c.nFft, winLength: c.nFft, hop: c.hop, length: n * c.hop });
}
