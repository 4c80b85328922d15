import { describe, expect, it } from 'vitest';
import { createRng } from '../../models/random';
import { concatFloat32 } from '../../models/arrays';
import { silence, tone } from '../../models/testSignals';
import { addNoise, colouredNoise, inaudibleReason, setPeak, speechPower, trimSilence } from './audio-cleanup';

const RATE = 16000;
const hum = (seconds: number, amplitude = 0.5) => tone(220, seconds, { amplitude });

describe('clip clean-up', () => {
  it('trims leading and trailing silence down to the pad', () => {
    const x = concatFloat32([silence(1), hum(1), silence(2)]);
    const trimmed = trimSilence(x);
    expect(trimmed.length / RATE).toBeGreaterThan(1.2);
    expect(trimmed.length / RATE).toBeLessThan(1.3);
  });

  it('reports empty, silent and too short clips', () => {
    expect(inaudibleReason(new Float32Array(0), RATE)).toMatch(/empty/);
    expect(inaudibleReason(new Float32Array(RATE), RATE)).toMatch(/silent/);
    expect(inaudibleReason(hum(0.1), RATE)).toMatch(/too short/);
    expect(inaudibleReason(hum(1), RATE)).toBeNull();
    expect(trimSilence(new Float32Array(RATE))).toHaveLength(0);
  });

  it('adds noise at the requested SNR over the speech, reproducibly from the seed', () => {
    const speech = concatFloat32([hum(1), silence(0.5), hum(1)]);
    for (const color of ['white', 'pink', 'brown'] as const) {
      const noisy = addNoise(speech, color, 20, createRng(7));
      const noise = noisy.map((v, i) => v - speech[i]);
      const snr = 10 * Math.log10(speechPower(speech) / (noise.reduce((s, v) => s + v * v, 0) / noise.length));
      expect(snr).toBeCloseTo(20, 0);
      expect(addNoise(speech, color, 20, createRng(7))).toEqual(noisy);
    }
    expect(colouredNoise(100, 'white', createRng(1))).not.toEqual(colouredNoise(100, 'white', createRng(2)));
  });

  it('sets the peak level', () => {
    const y = setPeak(hum(1, 0.1), -6);
    expect(Math.max(...y.map(Math.abs))).toBeCloseTo(10 ** (-6 / 20), 5);
  });
});
