import { describe, expect, it } from 'vitest';
import { AUDIO } from '../config/audio';
import { resample, toModelAudio, toMono } from './resample';
import { tone } from '../testSignals';

const sine = (hz: number, sampleRate: number, seconds: number, amplitude: number) => tone(hz, seconds, { amplitude, sampleRate });

function add(a: Float32Array, b: Float32Array): Float32Array {
  return a.map((x, i) => x + b[i]);
}

/** Amplitude of the `frequency` component over the middle 80% (away from filter edge effects). */
function amplitudeAt(x: Float32Array, sampleRate: number, frequency: number): number {
  const start = Math.floor(x.length * 0.1);
  const end = Math.floor(x.length * 0.9);
  let re = 0;
  let im = 0;
  for (let i = start; i < end; i++) {
    const phase = (2 * Math.PI * frequency * i) / sampleRate;
    re += x[i] * Math.cos(phase);
    im += x[i] * Math.sin(phase);
  }
  return (2 * Math.hypot(re, im)) / (end - start);
}

/** The frequency with the largest amplitude between lo and hi Hz, on a 0.25 Hz grid. */
function peakFrequency(x: Float32Array, sampleRate: number, lo: number, hi: number): number {
  let best = lo;
  let bestAmplitude = -1;
  for (let f = lo; f <= hi; f += 0.25) {
    const a = amplitudeAt(x, sampleRate, f);
    if (a > bestAmplitude) [best, bestAmplitude] = [f, a];
  }
  return best;
}

describe('resample', () => {
  it.each([44100, 48000, 22050, 8000])('a 440 Hz sine at %i Hz keeps its frequency, amplitude and duration at 16 kHz', (rate) => {
    const input = sine(440, rate, 1, 0.5);
    const output = resample(input, rate, 16000);
    expect(Math.abs(output.length - (input.length * 16000) / rate)).toBeLessThanOrEqual(1);
    expect(peakFrequency(output, 16000, 430, 450)).toBeCloseTo(440, 0);
    expect(amplitudeAt(output, 16000, 440)).toBeCloseTo(0.5, 2);
    // Nothing else appears: no harmonics, no aliases, and (from 8 kHz) no image at 8000 - 440 Hz.
    for (const other of [880, 1320, 3000, 7560]) expect(amplitudeAt(output, 16000, other), `${other} Hz`).toBeLessThan(0.005);
  });

  it.each([
    [48000, 12000], // would alias to 4 kHz
    [44100, 10000], // would alias to 6 kHz
    [22050, 9000], // would alias to 7 kHz
  ])('downsampling from %i Hz removes a %i Hz tone above the new Nyquist', (rate, tone) => {
    const input = add(sine(440, rate, 1, 0.5), sine(tone, rate, 1, 0.5));
    const output = resample(input, rate, 16000);
    const alias = 16000 - tone;
    expect(amplitudeAt(output, 16000, 440)).toBeCloseTo(0.5, 2);
    expect(amplitudeAt(output, 16000, alias)).toBeLessThan(0.005); // at least 40 dB down
  });

  it('keeps content below the new Nyquist when downsampling', () => {
    const output = resample(sine(6000, 48000, 1, 0.5), 48000, 16000);
    expect(amplitudeAt(output, 16000, 6000)).toBeGreaterThan(0.45);
  });

  it('does not modify its input and copies when the rates are equal', () => {
    const input = sine(440, 48000, 0.1, 0.5);
    const before = input.slice();
    resample(input, 48000, 16000);
    expect(input).toEqual(before);
    const same = resample(input, 48000, 48000);
    expect(same).toEqual(input);
    expect(same).not.toBe(input);
  });

  it('handles empty input and rejects bad rates', () => {
    expect(resample(new Float32Array(0), 44100, 16000)).toHaveLength(0);
    expect(() => resample(new Float32Array(4), 0, 16000)).toThrow(RangeError);
    expect(() => resample(new Float32Array(4), 16000, -1)).toThrow(RangeError);
  });
});

describe('toMono / toModelAudio', () => {
  it('averages channels over the shortest length', () => {
    const mono = toMono([Float32Array.from([1, 1, 0.5]), Float32Array.from([0, -1])]);
    expect(Array.from(mono)).toEqual([0.5, 0]);
  });

  it('averages samples near float32\'s limit without overflowing (a fuzz counterexample)', () => {
    const mono = toMono([Float32Array.from([-3.1871056397396345e38]), Float32Array.from([-2.1571792805770213e37])]);
    expect(mono[0]).toBeCloseTo(-1.7014e38, -34);
  });

  it('copies a single channel', () => {
    const channel = Float32Array.from([0.1, 0.2]);
    const mono = toMono([channel]);
    expect(mono).toEqual(channel);
    expect(mono).not.toBe(channel);
    expect(() => toMono([])).toThrow(RangeError);
  });

  it('brings a stereo 48 kHz file to mono at the model rate', () => {
    const left = sine(440, 48000, 0.5, 0.5);
    const right = sine(440, 48000, 0.5, 0.3);
    const audio = toModelAudio({ sampleRate: 48000, channels: [left, right] });
    expect(AUDIO.sampleRate).toBe(16000);
    expect(Math.abs(audio.length - 8000)).toBeLessThanOrEqual(1);
    expect(amplitudeAt(audio, 16000, 440)).toBeCloseTo(0.4, 2);
  });
});
