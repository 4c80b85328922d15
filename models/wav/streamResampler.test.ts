import { describe, expect, it } from 'vitest';
import { concatFloat32 } from '../arrays';
import { createRng } from '../random';
import { resample } from './resample';
import { StreamResampler } from './streamResampler';

const TONES = [
  [180, 0.3],
  [1230, 0.2],
  [3400, 0.1],
] as const;

/** A voice-like test signal at any rate: a few harmonics under a slow envelope. */
function signal(rate: number, seconds: number): Float32Array {
  const x = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < x.length; i++) {
    const t = i / rate;
    const env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
    x[i] = env * TONES.reduce((sum, [f, a]) => sum + a * Math.sin(2 * Math.PI * f * t), 0);
  }
  return x;
}

/** Feeds x in blocks of random sizes (as an AudioWorklet delivers them) and joins the output. */
function streamed(x: Float32Array, fromRate: number, seed: number): Float32Array {
  const rand = createRng(seed);
  const r = new StreamResampler(fromRate, 16000, 0.2);
  const parts: Float32Array[] = [];
  for (let i = 0; i < x.length; ) {
    const n = 64 + Math.floor(rand() * 3000);
    parts.push(r.push(x.subarray(i, i + n)));
    i += n;
  }
  parts.push(r.flush());
  return concatFloat32(parts);
}

describe('StreamResampler', () => {
  for (const rate of [48000, 44100, 22050]) {
    it(`matches the signal sampled at 16 kHz, as resampling the whole recording does (${rate} Hz, blocks of random sizes)`, () => {
      const seconds = 3.3;
      const ideal = signal(16000, seconds);
      const live = streamed(signal(rate, seconds), rate, 2);
      const whole = resample(signal(rate, seconds), rate, 16000);
      expect(Math.abs(live.length - ideal.length)).toBeLessThanOrEqual(Math.ceil(16000 / 100));
      // Away from the ends (where the filter sees the recording start or stop), sample by sample;
      // the whole-file resampler drifts by up to one input sample over the clip (resample.ts).
      const maxError = (y: Float32Array, from: number, to: number) => {
        let m = 0;
        for (let i = from; i < to; i++) m = Math.max(m, Math.abs(y[i] - ideal[i]));
        return m;
      };
      const [from, to] = [400, ideal.length - 400];
      expect(maxError(live, from, to)).toBeLessThan(0.01);
      expect(maxError(live, from, to)).toBeLessThanOrEqual(maxError(whole, from, to));
    });
  }

  it('delivers audio while recording, not only at the end', () => {
    const r = new StreamResampler(48000, 16000, 0.2);
    const block = new Float32Array(128).fill(0.1);
    let delivered = 0;
    for (let i = 0; i < 48000 / 128; i++) delivered += r.push(block).length;
    // One second in: all but the last chunk and the margin have come out.
    expect(delivered).toBeGreaterThanOrEqual(16000 * 0.75);
    expect(delivered + r.flush().length).toBe(16000);
  });

  it('refuses sample rates it cannot stream', () => {
    expect(() => new StreamResampler(0, 16000)).toThrow(RangeError);
    expect(() => new StreamResampler(44100.5, 16000)).toThrow(RangeError);
  });
});
