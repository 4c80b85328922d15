import { describe, expect, it } from 'vitest';
import { AUDIO } from '../config/audio';
import { createRng } from '../random';
import { hzToMel, logMel, logMelFrames, magnitudeToLogMel, melBands, melFilterbank, melToHz } from './mel';
import { stft } from './stft';

const bins = AUDIO.nFft / 2 + 1;
const binHz = AUDIO.sampleRate / AUDIO.nFft;

describe('Slaney mel scale', () => {
  it('is linear below 1 kHz and logarithmic above', () => {
    expect(hzToMel(1000)).toBeCloseTo(15, 12);
    expect(hzToMel(500)).toBeCloseTo(7.5, 12);
    expect(hzToMel(6400)).toBeCloseTo(15 + 27, 12); // 27 mels per factor 6.4
    for (const hz of [0, 37, 999, 1000, 4321, 8000]) expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 9);
  });
});

describe('melFilterbank', () => {
  const dense = melFilterbank();

  it('agrees with its sparse bands, each one contiguous run of non-zero bins', () => {
    const bands = melBands();
    expect(bands.length).toBe(AUDIO.nMels);
    expect(dense.length).toBe(AUDIO.nMels * bins);
    const rebuilt = new Float32Array(dense.length);
    bands.forEach(({ start, weights }, m) => {
      expect(weights.length).toBeGreaterThan(0);
      expect(weights.every((w) => w > 0)).toBe(true);
      rebuilt.set(weights, m * bins + start);
    });
    // Same values everywhere, so every weight outside a band's run is exactly zero.
    expect(rebuilt).toEqual(dense);
  });

  it('has Slaney area normalisation: each triangle integrates to ~1 over Hz', () => {
    // Summing bins approximates the integral; wide (high) bands are sampled finely enough for 2 %.
    for (let m = 40; m < AUDIO.nMels; m++) {
      const area = dense.subarray(m * bins, (m + 1) * bins).reduce((a, b) => a + b, 0) * binHz;
      expect(area).toBeGreaterThan(0.98);
      expect(area).toBeLessThan(1.02);
    }
  });

  it('returns a copy that callers may modify', () => {
    dense.fill(0);
    expect(melFilterbank().some((w) => w > 0)).toBe(true);
  });
});

describe('logMel', () => {
  it('is the log floor on silence', () => {
    const { frames, data } = logMel(new Float32Array(2000));
    expect(frames).toBe(8);
    expect(data.length).toBe(8 * AUDIO.nMels);
    expect(data.every((v) => v === Math.fround(Math.log(AUDIO.logFloor)))).toBe(true);
  });

  it('equals the filterbank applied to the STFT magnitude, then the log', () => {
    const rng = createRng(5);
    const signal = Float32Array.from({ length: 4000 }, () => rng() - 0.5);
    const direct = logMel(signal);
    const { frames, magnitude } = stft(signal);
    const viaMagnitude = magnitudeToLogMel(magnitude, frames);
    expect(viaMagnitude.frames).toBe(direct.frames);
    const dense = melFilterbank();
    for (const [t, m] of [[0, 0], [3, 40], [15, 79]]) {
      let sum = 0;
      for (let k = 0; k < bins; k++) sum += dense[m * bins + k] * magnitude[t * bins + k];
      expect(direct.data[t * AUDIO.nMels + m]).toBeCloseTo(Math.log(Math.max(sum, AUDIO.logFloor)), 4);
    }
    for (let i = 0; i < direct.data.length; i++) expect(viaMagnitude.data[i]).toBeCloseTo(direct.data[i], 4);
  });

  it('scales by log: doubling the signal adds ln 2 where above the floor', () => {
    const signal = Float32Array.from({ length: 3000 }, (_, n) => 0.1 * Math.sin(n * 0.3) + 0.05 * Math.sin(n * 1.7));
    const a = logMel(signal).data;
    const b = logMel(signal.map((x) => 2 * x)).data;
    for (let i = 0; i < a.length; i++) if (a[i] > -5) expect(b[i] - a[i]).toBeCloseTo(Math.LN2, 4);
  });

  it('honours config overrides', () => {
    const { frames, data } = logMel(new Float32Array(1600), { nMels: 40, hop: 160 });
    expect(frames).toBe(11);
    expect(data.length).toBe(11 * 40);
  });
});

describe('logMelFrames', () => {
  it('gives the same frames as slicing the full log-mel, from the samples the frames read', () => {
    let x = 1;
    const signal = Float32Array.from({ length: 9000 }, () => ((x = (x * 16807) % 2147483647) / 2147483647) * 2 - 1);
    const full = logMel(signal);
    for (const [from, to] of [[0, 5], [1, 3], [2, 9], [7, 15], [20, full.frames]]) {
      expect(Array.from(logMelFrames(signal, from, to))).toEqual(Array.from(full.data.subarray(from * 80, to * 80)));
    }
  });
});
