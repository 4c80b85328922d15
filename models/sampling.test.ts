import { describe, expect, it } from 'vitest';
import { createRng } from './random';
import { DEFAULT_SAMPLING, argmax, sampleLogits } from './sampling';

describe('sampling', () => {
  it('top-k 1 is greedy', () => {
    const r = sampleLogits([0.1, 3, 2], { ...DEFAULT_SAMPLING, topK: 1 }, createRng(1));
    expect(r.index).toBe(1);
    expect(r.candidates).toEqual([1]);
  });

  it('top-p keeps the smallest nucleus reaching p', () => {
    // probabilities ~ [0.665, 0.245, 0.090]: p = 0.9 needs the first two
    const logits = [2, 1, 0];
    const r = sampleLogits(logits, { ...DEFAULT_SAMPLING, topP: 0.9 }, createRng(2));
    expect(r.candidates).toEqual([0, 1]);
    const draws = new Set(Array.from({ length: 200 }, (_, i) => sampleLogits(logits, { ...DEFAULT_SAMPLING, topP: 0.9 }, createRng(i)).index));
    expect([...draws].sort()).toEqual([0, 1]);
  });

  it('draws follow the renormalised distribution', () => {
    const rand = createRng(7);
    const counts = [0, 0];
    for (let i = 0; i < 4000; i++) counts[sampleLogits([Math.log(3), 0], { ...DEFAULT_SAMPLING, topP: 1 }, rand).index]++;
    expect(counts[0] / 4000).toBeGreaterThan(0.72);
    expect(counts[0] / 4000).toBeLessThan(0.78);
  });

  it('the repetition penalty subtracts from the previous candidates', () => {
    const opts = { ...DEFAULT_SAMPLING, topK: 1, repetitionPenalty: 1 };
    expect(sampleLogits([1.5, 1], opts, createRng(1), [0]).index).toBe(1); // 0.5 < 1
    expect(sampleLogits([1.5, 1], { ...opts, repetitionPenalty: 0 }, createRng(1), [0]).index).toBe(0);
  });

  it('is deterministic for a seed', () => {
    const logits = Array.from({ length: 100 }, (_, i) => Math.sin(i));
    const run = (seed: number) => {
      const rand = createRng(seed);
      return Array.from({ length: 20 }, () => sampleLogits(logits, DEFAULT_SAMPLING, rand).index);
    };
    expect(run(9)).toEqual(run(9));
    expect(run(9)).not.toEqual(run(10));
  });

  it('argmax', () => {
    expect(argmax([1, 5, 2])).toBe(1);
  });
});
