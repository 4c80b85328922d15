import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, toFloat16Bits } from './float16';

describe('binary16', () => {
  it('round-trips exactly representable values and special values', () => {
    for (const v of [0, 1, -2, 0.5, 65504, -65504, 2 ** -14, 2 ** -24, 1 + 2 ** -10, Infinity, -Infinity]) expect(fromFloat16Bits(toFloat16Bits(v))).toBe(v);
    expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(NaN)))).toBe(true);
    expect(toFloat16Bits(1e6)).toBe(0x7c00); // overflow to infinity
  });

  it('rounds to the nearest binary16, within half a unit in the last place', () => {
    for (let i = 0; i < 2000; i++) {
      const v = Math.sin(i) * 10 ** ((i % 9) - 4);
      const back = fromFloat16Bits(toFloat16Bits(v));
      if (Math.abs(v) >= 2 ** -14) expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11);
      else expect(Math.abs(back - v)).toBeLessThanOrEqual(2 ** -25);
    }
  });
});
