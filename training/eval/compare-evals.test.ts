import { describe, expect, it } from 'vitest';
import type { ErrorCounts } from '../../models/metrics/wer';
import { createRng } from '../../models/random';
import { compareEvals } from './compare-evals';
import type { ItemResult } from './results';

const words = (reference: number, substitutions: number): ErrorCounts => ({ reference, hypothesis: reference, matches: reference - substitutions, substitutions, deletions: 0, insertions: 0 });
const scored = (errors: number) => ({ transcript: '', words: words(10, errors), chars: words(40, errors) });
const length = { totalSec: 1, speechSpanSec: 1, longSilences: [] };

/** An item of 10 words: `ttsErrors` in the TTS judge's transcript, `sttErrors` in the STT's, the voice named or not. */
function item(id: number, ttsErrors: number, sttErrors: number, voiceRight = true): ItemResult {
  return {
    id: `item-${id}`, speaker: 'v', family: 'f', promptId: 'p', fold: 0, text: '',
    groundTruth: { judge: scored(0), length, predictedSpeaker: 'v' },
    tts: { judge: scored(ttsErrors), length, durationRatio: 1, predictedSpeaker: voiceRight ? 'v' : 'w', synthesisSec: 0 },
    stt: { ...scored(sttErrors), transcribeSec: 0 },
  };
}

describe('compare-evals', () => {
  const a = Array.from({ length: 50 }, (_, i) => item(i, 5 + (i % 5), 8, i % 2 === 0));

  it('the same results give B - A = 0 on every resample', () => {
    for (const c of compareEvals(a, a, 200, createRng(1))) expect([c.b - c.a, c.low, c.high]).toEqual([0, 0, 0]);
  });

  it('a system better on every item has its whole interval below zero; one that differs by chance straddles it', () => {
    const better = a.map((x, i) => item(i, x.tts!.judge.words.substitutions - 2, 8, i % 2 === 0));
    const [tts, , stt] = compareEvals(a, better, 500, createRng(2));
    expect(tts.name).toBe('TTS judge WER');
    expect(tts.b - tts.a).toBeCloseTo(-0.2);
    expect(tts.high).toBeLessThan(0);
    expect([stt.low, stt.high]).toEqual([0, 0]);
    // STT: one error more on half the items and one fewer on the other half: the same WER, told apart by no resample.
    const mixed = a.map((x, i) => item(i, x.tts!.judge.words.substitutions, i % 2 === 0 ? 9 : 7, i % 2 === 0));
    const [, , noisy] = compareEvals(a, mixed, 500, createRng(3));
    expect(noisy.b - noisy.a).toBeCloseTo(0);
    expect(noisy.low).toBeLessThan(0);
    expect(noisy.high).toBeGreaterThan(0);
  });

  it('refuses evaluations of different items', () => {
    expect(() => compareEvals(a, a.slice(1), 10, createRng(1))).toThrow(/not of the same items/);
  });
});
