import { describe, expect, it } from 'vitest';
import { rowPositions } from './positions';

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
});
