import { describe, expect, it } from 'vitest';
import { tone } from '../../models/testSignals';
import { pitchStats, trackPitch } from './pitch';
import { quantile } from './silence';

const SR = 16000;
const harmonic = (hz: number, seconds: number, harmonics = 1) => tone(hz, seconds, { amplitude: 0.4, harmonics });

describe('YIN pitch tracker', () => {
  it.each([80, 110, 200, 333, 440])('tracks a %d Hz sine within 2%%', (hz) => {
    const { f0 } = trackPitch(harmonic(hz, 1));
    const voiced = Array.from(f0).filter((f) => f > 0);
    expect(voiced.length).toBeGreaterThan(0.9 * f0.length);
    expect(Math.abs(quantile(voiced, 0.5) - hz) / hz).toBeLessThan(0.02);
    for (const f of voiced) expect(Math.abs(f - hz) / hz).toBeLessThan(0.02);
  });

  it('finds the fundamental of a harmonic-rich tone, not a harmonic', () => {
    const { f0 } = trackPitch(harmonic(120, 1, 8));
    const median = quantile(Array.from(f0).filter((f) => f > 0), 0.5);
    expect(Math.abs(median - 120) / 120).toBeLessThan(0.02);
  });

  it('leaves silence and white noise unvoiced', () => {
    let seed = 1;
    const noise = Float32Array.from({ length: SR }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648 - 0.5;
    });
    const fromNoise = Array.from(trackPitch(noise).f0).filter((f) => f > 0).length;
    expect(fromNoise / trackPitch(noise).f0.length).toBeLessThan(0.1);
    expect(Array.from(trackPitch(new Float32Array(SR)).f0).every((f) => f === 0)).toBe(true);
  });

  it('summarises a half-voiced signal: median, zero IQR, voiced fraction of speech frames', () => {
    const half = new Float32Array(2 * SR);
    half.set(harmonic(150, 1));
    const stats = pitchStats(half);
    expect(Math.abs(stats.medianHz - 150) / 150).toBeLessThan(0.02);
    expect(stats.iqrSemitones).toBeLessThan(0.1);
    // Silence is not speech, so the voiced fraction counts only the tone's frames.
    expect(stats.voicedFraction).toBeGreaterThan(0.9);
  });

  it('measures a two-pitch signal IQR of about the interval between them', () => {
    const a = harmonic(100, 1);
    const b = harmonic(200, 1);
    const both = new Float32Array(a.length + b.length);
    both.set(a);
    both.set(b, a.length);
    const stats = pitchStats(both);
    // Quartiles fall on the two plateaus: one octave = 12 semitones.
    expect(stats.iqrSemitones).toBeGreaterThan(11);
    expect(stats.iqrSemitones).toBeLessThan(13);
  });
});
