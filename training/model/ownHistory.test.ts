// Parallel scheduled sampling: which steps are replaced, by what, and that the targets stay the recording's.

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MELD_CONFIGS, stepSize } from '../../models/meld/config';
import { packBatch, ttsExample } from '../layout';
import { initBackend } from '../tf/backend';
import type { TtsBatch } from './batch';
import { withOwnHistory } from './ownHistory';
import { initParams } from './params';
import { testUtterance } from './testUtterance';

beforeAll(async () => {
  await initBackend('wasm');
});

const c = MELD_CONFIGS['tiny-frames'];
const S = stepSize(c);

function batch(): TtsBatch {
  const b = packBatch(c, [ttsExample(c, testUtterance(c, 't', 7, 8, 5), testUtterance(c, 'p', 5, 6, 4)), ttsExample(c, testUtterance(c, 'a', 4, 5, 3), null)]);
  if (b.task !== 'tts') throw new Error('expected a TTS batch');
  return b;
}

const rowOf = (x: Float32Array, r: number) => Array.from(x.subarray(r * S, (r + 1) * S));

describe('withOwnHistory', () => {
  it('replaces the inputs that read a target step with a reconstruction; the prompt, the rest and the targets stay', () => {
    const params = initParams(c, 3);
    const b = batch();
    const before = tf.memory().numTensors;
    const own = withOwnHistory(c, params, b, 1, 5);
    expect(tf.memory().numTensors).toBe(before); // the first pass leaves nothing behind
    expect(own.frameTarget).toBe(b.frameTarget);
    expect(own.speechIn).not.toBe(b.speechIn);
    let replaced = 0;
    for (let r = 0; r < b.B * b.T; r++) {
      const readsAStep = r > 0 && r % b.T !== 0 && b.targetMask[r - 1] > 0 && b.speechMask[r] > 0;
      if (readsAStep) {
        expect(rowOf(own.speechIn, r)).not.toEqual(rowOf(b.speechIn, r));
        expect(rowOf(own.speechIn, r).every(Number.isFinite)).toBe(true);
        replaced++;
      } else expect(rowOf(own.speechIn, r)).toEqual(rowOf(b.speechIn, r));
    }
    expect(replaced).toBe(7 + 4); // every target step (the next row reads it; the last, the <EOS> row), no prompt step
  });

  it('replaces about `rate` of them, the same ones for the same seed; rate 0 is the recording', () => {
    const params = initParams(c, 3);
    const b = batch();
    expect(withOwnHistory(c, params, b, 0, 5)).toBe(b);
    const changed = (x: TtsBatch) => Array.from({ length: b.B * b.T }, (_, r) => rowOf(x.speechIn, r).join() !== rowOf(b.speechIn, r).join());
    const half = changed(withOwnHistory(c, params, b, 0.5, 9));
    expect(half).toEqual(changed(withOwnHistory(c, params, b, 0.5, 9)));
    const n = half.filter(Boolean).length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(11);
  });

  it('a step is reconstructed from the state that predicts it: the rows before it, not its own input', () => {
    const params = initParams(c, 3);
    const b = batch();
    // Sequence 0: <TTS> and the prompt's 5 steps, then rows 6-12 read the target's steps 0-6 (predicted by rows 5-11).
    const own = withOwnHistory(c, params, b, 1, 5);
    const nudged = { ...b, speechIn: b.speechIn.slice() };
    nudged.speechIn.fill(3, 9 * S, 10 * S);
    const ownNudged = withOwnHistory(c, params, nudged, 1, 5);
    expect(rowOf(ownNudged.speechIn, 9)).toEqual(rowOf(own.speechIn, 9)); // replaced from the state at row 8
    expect(rowOf(ownNudged.speechIn, 10)).not.toEqual(rowOf(own.speechIn, 10)); // the state at row 9 read the nudge
  });
});
