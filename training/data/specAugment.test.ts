import { describe, expect, it } from 'vitest';
import { MELD_CONFIGS, stepSize } from '../../models/meld/config';
import { createRng } from '../../models/random';
import { packBatch } from '../layout';
import type { SttBatch } from '../model/batch';
import { testUtterance } from '../model/testUtterance';
import { maskSttSpeech } from './specAugment';

const c = MELD_CONFIGS['tiny-aligned'];
const S = stepSize(c);
const batch = () => packBatch(c, [10, 7].map((n, i) => ({ task: 'stt' as const, speech: testUtterance(c, `u${i}`, n, 6, 8) }))) as SttBatch;

describe('STT masks (SpecAugment)', () => {
  it('zero whole frequency bands and time spans of the speech rows only, and say how much', () => {
    const b = batch();
    const before = b.speechIn.slice();
    const share = maskSttSpeech(c, b, { freq: { count: 2, maxBins: 10 }, time: { count: 1, maxShare: 0.2 } }, createRng(3));
    const zeroed = b.speechIn.reduce((n, v, i) => n + (v === 0 && before[i] !== 0 ? 1 : 0), 0);
    const speechValues = b.speechMask.reduce((n, m) => n + m, 0) * S;
    expect(share).toBeCloseTo(zeroed / speechValues, 6); // testUtterance's values are never 0 themselves
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(2 * 10 / 80 + 0.2 + 1e-9);
    // Rows that are not speech are untouched.
    for (let row = 0; row < b.B * b.T; row++) if (!b.speechMask[row]) expect(b.speechIn.subarray(row * S, (row + 1) * S)).toEqual(before.subarray(row * S, (row + 1) * S));
    // A frequency band covers every frame of its sequence: a bin masked in the first frame is masked in
    // the last too (where neither frame lies in a time mask, which would mask all of its bins).
    const rows0 = Array.from({ length: b.T }, (_, t) => t).filter((t) => b.speechMask[t]);
    const frameZeros = (at: number) => Array.from({ length: c.nMels }, (_, m) => b.speechIn[at + m] === 0);
    const first = frameZeros(rows0[0] * S);
    const last = frameZeros(rows0.at(-1)! * S + (c.framesPerStep - 1) * c.nMels);
    if (!first.every(Boolean) && !last.every(Boolean)) first.forEach((z, m) => z && expect(last[m]).toBe(true));
  });

  it('draws the same masks from the same seed', () => {
    const a = batch();
    const b = batch();
    const masks = { freq: { count: 1, maxBins: 20 }, time: { count: 2, maxShare: 0.1 } };
    maskSttSpeech(c, a, masks, createRng(9));
    maskSttSpeech(c, b, masks, createRng(9));
    expect(b.speechIn).toEqual(a.speechIn);
  });
});
