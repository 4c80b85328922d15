import { describe, expect, it } from 'vitest';
import { float32Tensor, maxAbsDifference } from './hostTensor';

describe('maxAbsDifference', () => {
  it('returns the largest element-wise absolute difference', () => {
    expect(maxAbsDifference([1, 2, 3], [1.5, 2, 2])).toBe(1);
    expect(maxAbsDifference(new Float32Array([0.25, -4]), [0.25, -4])).toBe(0);
  });

  it('treats NaN and length mismatches as infinitely wrong, so they never pass a tolerance', () => {
    expect(maxAbsDifference([1, Number.NaN], [1, 2])).toBe(Infinity);
    expect(maxAbsDifference([1, 2], [1, 2, 3])).toBe(Infinity);
  });
});

describe('float32Tensor', () => {
  it('copies the values into a Float32Array with the given dims', () => {
    const source = [1, 2, 3, 4, 5, 6];
    const tensor = float32Tensor([2, 3], source);
    expect(tensor).toMatchObject({ type: 'float32', dims: [2, 3] });
    expect(Array.from(tensor.data)).toEqual(source);
  });

  it('rejects data that does not fill the dims', () => {
    expect(() => float32Tensor([2, 3], [1, 2, 3])).toThrow(/need 6 values, got 3/);
  });
});
