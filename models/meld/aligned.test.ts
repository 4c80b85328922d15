import { describe, expect, it } from 'vitest';
import { readSlots, SLOT_CLASSES, SLOT_EOS, SLOT_PAD } from './aligned';

/** Logits for `slots` slots, each preferring `winners[s]` by `margin` over `runnerUp[s]`. */
function logits(winners: number[], runnerUp: number[], margin: number): Float32Array {
  const out = new Float32Array(winners.length * SLOT_CLASSES).fill(-10);
  winners.forEach((w, s) => {
    out[s * SLOT_CLASSES + w] = margin;
    out[s * SLOT_CLASSES + runnerUp[s]] = 0;
  });
  return out;
}

describe('readSlots', () => {
  it('reads characters until a pad or the end', () => {
    expect(readSlots(logits([3, 4], [0, 0], 1), 2)).toEqual({ chars: [3, 4], end: false });
    expect(readSlots(logits([3, SLOT_PAD], [0, 0], 1), 2)).toEqual({ chars: [3], end: false });
    expect(readSlots(logits([SLOT_PAD, 4], [0, 0], 1), 2)).toEqual({ chars: [], end: false });
    expect(readSlots(logits([3, SLOT_EOS], [0, 0], 1), 2)).toEqual({ chars: [3], end: true });
  });

  it('a pad bias lets through a character the pad beat by less than the bias, and no more', () => {
    const close = logits([SLOT_PAD, SLOT_PAD], [7, 8], 1.5);
    expect(readSlots(close, 2, 0).chars).toEqual([]);
    expect(readSlots(close, 2, 1).chars).toEqual([]);
    expect(readSlots(close, 2, 2).chars).toEqual([7, 8]);
    // The bias never turns <EOS> into anything else, and never changes a choice between characters.
    expect(readSlots(logits([SLOT_EOS], [SLOT_PAD], 1), 1, 5)).toEqual({ chars: [], end: true });
    expect(readSlots(logits([5], [6], 1), 1, 5).chars).toEqual([5]);
  });
});
