import { describe, expect, it } from 'vitest';
import { POSITION_SINUSOID_NORM, positionSinusoid, rowPositions } from './positions';

describe('per-segment row positions', () => {
  it('count from 0 in each run of token rows and of speech rows', () => {
    // <TTS> a b <SEP> s s s | <STT> s s <SEP> c
    expect(Array.from(rowPositions([0, 0, 0, 0, 1, 1, 1]).positions)).toEqual([0, 1, 2, 3, 0, 1, 2]);
    expect(Array.from(rowPositions([0, 1, 1, 0, 0]).positions)).toEqual([0, 0, 1, 0, 1]);
  });

  it('continue across calls from the cursor exactly as one call over all rows', () => {
    const rows = [0, 0, 0, 1, 1, 1, 1, 0, 0];
    const whole = rowPositions(rows).positions;
    for (let cut = 0; cut <= rows.length; cut++) {
      const a = rowPositions(rows.slice(0, cut));
      const b = rowPositions(rows.slice(cut), a.cursor);
      expect([...a.positions, ...b.positions], `cut at ${cut}`).toEqual(Array.from(whole));
    }
  });

  it('sinusoid rows have the set norm, and nearby positions are more alike than distant ones', () => {
    const D = 64;
    const t = positionSinusoid(400, D);
    const row = (p: number) => t.subarray(p * D, (p + 1) * D);
    const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);
    const cos = (p: number, q: number) => dot(row(p), row(q)) / POSITION_SINUSOID_NORM ** 2;
    for (const p of [0, 17, 399]) expect(Math.sqrt(dot(row(p), row(p)))).toBeCloseTo(POSITION_SINUSOID_NORM, 5);
    for (const p of [10, 100, 300]) {
      expect(cos(p, p + 1)).toBeGreaterThan(0.8);
      expect(cos(p, p + 1)).toBeGreaterThan(cos(p, p + 10));
      expect(cos(p, p + 10)).toBeGreaterThan(cos(p, p + 90));
    }
  });
});
