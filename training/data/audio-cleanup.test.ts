import { describe, expect, it } from 'vitest';
import { createRng } from '../../models/random';
import { addNoise, colouredNoise, inaudibleReason, setPeak, speechPower, trimSilence } from './audio-cleanup';

const RATE = 16000;
function tone(seconds: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: seconds * RATE }, (_, i) => amplitude * Math.sin((2 * Math.PI * 220 * i) / RATE));
}
function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('clip clean-up', () => {
  it('trims leading and trailing silence down to the pad', () => {
    const x = concat(new Float32Array(RATE), tone(1), new Float32Array(2 * RATE));
    const trimmed = trimSilence(x);
    expect(trimmed.length / RATE).toBeGreaterThan(1.2);
    expect(trimmed.length / RATE).toBeLessThan(1.3);
  });

  it('reports empty, silent and too short clips', () => {
    expect(inaudibleReason(new Float32Array(0), RATE)).toMatch(/empty/);
    expect(inaudibleReason(new Float32Array(RATE), RATE)).toMatch(/silent/);
    expect(inaudibleReason(tone(0.1), RATE)).toMatch(/too short/);
    expect(inaudibleReason(tone(1), RATE)).toBeNull();
    expect(trimSilence(new Float32Array(RATE))).toHaveLength(0);
  });

  it('adds noise at the requested SNR over the speech, reproducibly from the seed', () => {
    const speech = concat(tone(1), new Float32Array(RATE / 2), tone(1));
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
    const y = setPeak(tone(1, 0.1), -6);
    expect(Math.max(...y.map(Math.abs))).toBeCloseTo(10 ** (-6 / 20), 5);
  });
});
