import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { MELD_CONFIGS } from '../../models/meld/config';
import { CHAR_VOCAB, PHONEME_VOCAB } from '../../models/text';
import { computeLoss } from '../model/forward';
import { guideWeights } from '../model/guide';
import { initParams } from '../model/params';
import { testUtterance } from '../model/testUtterance';
import { packStt, packTts, ttsExample } from '../layout/prefix';
import { SILENCE } from './alignment';
import { charKeySteps, charWordSteps, matchWords, stepKeyTokens } from './targets';

const c = MELD_CONFIGS.tiny;
const ph = (s: string) => [...s].map((x) => PHONEME_VOCAB.indexOf(x));
const ch = (s: string) => [...s].map((x) => CHAR_VOCAB.indexOf(x));

/** "ab cd" said as: silence, a a, b, (space) silent, c, d d d, silence. */
function aligned() {
  const u = testUtterance(c, 'u', 9, 5, 5);
  u.phonemeIds = ph('ab kd');
  u.charIds = ch('ab cd');
  u.stepTokens = Int16Array.from([SILENCE, 0, 0, 1, 3, 4, 4, 4, SILENCE]);
  return u;
}

describe('aligned targets', () => {
  it('TTS: each step reads the phoneme it speaks; the silences read the first and the last', () => {
    expect(Array.from(stepKeyTokens(aligned())!)).toEqual([0, 0, 0, 1, 3, 4, 4, 4, 4]);
    expect(stepKeyTokens(testUtterance(c, 'x', 4, 3, 3))).toBeNull();
  });

  it('STT: each character reads its word\'s steps, spread evenly', () => {
    // Word "ab " spans steps [1, 4), word "cd" steps [4, 8).
    expect(Array.from(charKeySteps(aligned())!)).toEqual([1 + 0.5 - 0.5, 2, 3, 4 + 1 - 0.5, 4 + 3 - 0.5]);
    const mismatch = { ...aligned(), charIds: ch('abcd') }; // one word against two
    expect(charKeySteps(mismatch)).toBeNull();
  });

  it('packed batches carry the targets: guide keys per row and the phoneme each step speaks', () => {
    const u = aligned();
    const tts = packTts(c, [ttsExample(c, u, null)]);
    // <TTS> a b ␣ k d <SEP>: phoneme rows 1..5, <SEP> row 6 predicts step 0.
    expect(Array.from(tts.guideTarget.subarray(6, 15))).toEqual([1, 1, 1, 2, 4, 5, 5, 5, 5]);
    expect(Array.from(tts.phonemeMask.subarray(6, 15))).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 0]);
    expect(tts.phonemeTarget[6 + 4]).toBe(PHONEME_VOCAB.indexOf('k'));
    expect(Number.isNaN(tts.guideTarget[0])).toBe(true);
    const stt = packStt(c, [{ task: 'stt', speech: u }]);
    // <STT>, 9 speech rows (1..9), <SEP> at row 10 predicts the first character.
    expect(Array.from(stt.guideTarget.subarray(10, 15))).toEqual([2, 3, 4, 5.5, 7.5]);
    // Each speech row carries the phoneme it hears; the silences and the text rows carry none.
    expect(Array.from(stt.phonemeMask.subarray(0, 16))).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(stt.phonemeTarget.subarray(2, 9))).toEqual(ph('aabkddd')); // steps 1..7 speak a a b k d d d
  });

  it('the STT loss adds the weighted phoneme CE of the speech rows, and only when it is weighted', () => {
    const params = initParams(c, 3);
    const stt = packStt(c, [{ task: 'stt', speech: aligned() }]);
    const weights = { slow: 0.2, guide: 0, guideWidth: 0.2, guideLayers: [1], guideAlignedRows: 2, phoneme: 0.5, sttPhoneme: 0.5, advance: 0, ownHistoryRate: 0 };
    const read = (p: ReturnType<typeof computeLoss>) => ({ total: p.total.dataSync()[0], text: p.text.dataSync()[0], phoneme: p.phoneme.dataSync()[0] });
    const on = tf.tidy(() => read(computeLoss(c, params, stt, { dropoutSeed: 1, weights })));
    const off = tf.tidy(() => read(computeLoss(c, params, stt, { dropoutSeed: 1, weights: { ...weights, sttPhoneme: 0 } })));
    expect(on.phoneme).toBeGreaterThan(Math.log(10)); // untrained: near-uniform over the phoneme range
    expect(on.total).toBeCloseTo(on.text + 0.5 * on.phoneme, 4);
    expect(off.phoneme).toBe(0);
    expect(off.total).toBeCloseTo(on.text, 5);
  });

  it('the guide penalises keys by their distance from the aligned target, in rows', () => {
    const T = 8;
    const target = new Float32Array(T).fill(NaN);
    target[5] = 3;
    const { w } = guideWeights(T, Int32Array.from([0, 4, 8, 0, 4]), 0, 0.2, { target, rows: 2 });
    expect(w[5 * T + 3]).toBeCloseTo(0, 6);
    expect(w[5 * T + 1]).toBeCloseTo(1 - Math.exp(-4 / 8), 6);
    // Row 6 has no aligned target: the linear diagonal, as without alignment.
    const linear = guideWeights(T, Int32Array.from([0, 4, 8, 0, 4]), 0, 0.2).w;
    expect(Array.from(w.subarray(6 * T, 7 * T))).toEqual(Array.from(linear.subarray(6 * T, 7 * T)));
  });

  it('words eSpeak merged ("was the" -> "wʌzðə") still get their steps: the merged word\'s steps shared by characters', () => {
    // Character words "it ", "was ", "the ", "end"; phoneme words "ɪt ", "wʌzðə ", "ɛnd".
    expect(matchWords([3, 4, 4, 3], [3, 6, 3])).toEqual([[0, 1, 0, 1], [1, 3, 1, 2], [3, 4, 2, 3]]);
    expect(matchWords([3, 3], [3, 3])).toEqual([[0, 1, 0, 1], [1, 2, 1, 2]]);
    const u = testUtterance(c, 'm', 14, 1, 1);
    u.phonemeIds = ph('ɪt wʌzðə ɛnd');
    u.charIds = ch('it was the end');
    // silence, ɪ t, (space), w ʌ z ð ə ə, (space), ɛ n d, silence
    u.stepTokens = Int16Array.from([SILENCE, 0, 1, 3, 4, 5, 6, 7, 7, 9, 10, 11, SILENCE, SILENCE]);
    const ws = charWordSteps(u)!;
    expect(ws.regrouped).toBe(true);
    expect(ws.words.length).toBe(4);
    expect(ws.steps[0]).toEqual([1, 3]);
    // "was " and "the " share the merged word's steps [3, 9) by their characters (4 and 4).
    expect(ws.steps[1]).toEqual([3, 6]);
    expect(ws.steps[2]).toEqual([6, 9]);
    expect(ws.steps[3]).toEqual([9, 12]);
    expect(charKeySteps(u)).toBeNull(); // the one-to-one mapping the guide used gives up here
  });
});
