import { describe, expect, it } from 'vitest';
import { AUDIO, resolveAudioConfig } from '../config/audio';
import { createRng } from '../random';
import { hannWindow, istft, stft, stftFrameCount } from './stft';

function noise(length: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => rng() * 2 - 1);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('hannWindow', () => {
  it('is the periodic Hann window (zero at 0, one at N/2, sum N/2)', () => {
    const w = hannWindow(1024, 1024);
    expect(w[0]).toBe(0);
    expect(w[512]).toBe(1);
    expect(w[256]).toBeCloseTo(0.5, 12);
    expect(w[1]).toBeCloseTo(w[1023], 12); // periodic: symmetric about N/2, not about (N-1)/2
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(512, 9);
  });

  it('is centred inside nFft when winLength is shorter', () => {
    const w = hannWindow(1024, 512);
    expect(w[255]).toBe(0);
    expect(w[256]).toBe(0);
    expect(w[512]).toBe(1);
    expect(w[768]).toBe(0);
  });
});

describe('stft', () => {
  it('gives 1 + floor(len / hop) frames of nFft/2 + 1 bins', () => {
    for (const length of [0, 1, 255, 256, 300, 513, 1000, 16000, 16001]) {
      const { frames, bins, magnitude } = stft(new Float32Array(length));
      expect(frames).toBe(stftFrameCount(length, AUDIO.hop));
      expect(frames).toBe(1 + Math.floor(length / AUDIO.hop));
      expect(bins).toBe(513);
      expect(magnitude.length).toBe(frames * bins);
    }
  });

  it('centres frame t on sample t * hop', () => {
    // An impulse at sample t*hop is under the window's peak (weight 1) in frame t only: flat spectrum of 1.
    const signal = new Float32Array(4000);
    signal[5 * AUDIO.hop] = 1;
    const { bins, magnitude } = stft(signal);
    for (const k of [0, 100, 512]) expect(magnitude[5 * bins + k]).toBeCloseTo(1, 9);
    expect(magnitude[4 * bins]).toBeCloseTo(0.5, 9); // one hop away: w[768] = 0.5
  });

  it('puts a bin-centred sine in its bin with amplitude * sum(window) / 2', () => {
    const amplitude = 0.4;
    const frequency = 64 * (AUDIO.sampleRate / AUDIO.nFft); // exactly bin 64 (1000 Hz)
    const signal = Float32Array.from({ length: 8000 }, (_, n) => amplitude * Math.sin((2 * Math.PI * frequency * n) / AUDIO.sampleRate));
    const { frames, bins, magnitude } = stft(signal);
    const middle = magnitude.subarray((frames >> 1) * bins, ((frames >> 1) + 1) * bins);
    expect(middle.indexOf(Math.max(...middle))).toBe(64);
    expect(middle[64]).toBeCloseTo((amplitude * 512) / 2, 2);
    expect(middle[66]).toBeLessThan(1e-3); // periodic Hann: zero leakage two bins away
  });

  it('returns complex values consistent with the magnitude', () => {
    const { re, im, magnitude } = stft(noise(3000, 1), { complex: true });
    for (let i = 0; i < magnitude.length; i += 37) expect(Math.hypot(re[i], im[i])).toBeCloseTo(magnitude[i], 4);
  });

  it('rejects a config fft.js cannot do', () => {
    expect(() => stft(new Float32Array(10), { nFft: 1000 })).toThrow(RangeError);
    expect(() => stft(new Float32Array(10), { hop: 2048 })).toThrow(RangeError);
    expect(() => resolveAudioConfig({ fMax: 9000 })).toThrow(/fMax/);
  });
});

describe('istft', () => {
  // Both frame parities (the inverse packs two frames per complex FFT) and a short, zero-padded signal.
  for (const length of [16000, 16256, 12345, 400]) {
    it(`inverts stft (perfect reconstruction, ${length} samples)`, () => {
      const x = noise(length, length);
      const { re, im, frames } = stft(x, { complex: true });
      const y = istft(re, im, frames, { length });
      expect(y.length).toBe(length);
      expect(maxAbsDiff(x, y)).toBeLessThan(1e-5);
    });
  }

  it('defaults to (frames - 1) * hop samples', () => {
    const x = noise(5000, 9);
    const { re, im, frames } = stft(x, { complex: true });
    const y = istft(re, im, frames);
    expect(y.length).toBe((frames - 1) * AUDIO.hop);
    expect(maxAbsDiff(x.subarray(0, y.length), y)).toBeLessThan(1e-5);
  });

  it('inverts with a window shorter than nFft', () => {
    const options = { nFft: 1024, winLength: 512, hop: 128 };
    const x = noise(6000, 3);
    const { re, im, frames } = stft(x, { ...options, complex: true });
    expect(maxAbsDiff(x, istft(re, im, frames, { ...options, length: x.length }))).toBeLessThan(1e-5);
  });

  it('rejects arrays of the wrong size', () => {
    expect(() => istft(new Float32Array(10), new Float32Array(10), 1)).toThrow(RangeError);
  });
});
