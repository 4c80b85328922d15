import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MELD_CONFIGS } from '../../models/meld/config';
import { buildVocab } from '../../models/meld/vocab';
import { packStt, packTts, ttsExample } from '../layout/prefix';
import { initBackend } from '../tf/backend';
import { GUIDE_SPAN_FIELDS, GuideCollector, guideWeights } from './guide';
import { testUtterance } from './testUtterance';

beforeAll(async () => {
  await initBackend('wasm');
});

const c = MELD_CONFIGS.tiny;

const utterance = (id: string, steps: number, phonemes: number, chars: number) => testUtterance(c, id, steps, phonemes, chars);

/** The spans of sequence `seq` as objects. */
function spansOf(spans: Int32Array, seq: number) {
  const out = [];
  for (let s = 0; s < spans.length; s += GUIDE_SPAN_FIELDS) {
    if (spans[s] === seq) out.push({ q0: spans[s + 1], q1: spans[s + 2], k0: spans[s + 3], k1: spans[s + 4] });
  }
  return out;
}

describe('packed batches', () => {
  it('number each sequence per text and speech run, prompt speech and target speech as one run', () => {
    const prompt = utterance('p', 5, 3, 4);
    const target = utterance('t', 7, 4, 6);
    const tts = packTts(c, [ttsExample(c, target, prompt), ttsExample(c, target, null)]);
    // Sequence 0: <TTS> 3 + ␣ + 4 phonemes <SEP> (10 token rows), then 12 speech rows.
    expect(Array.from(tts.positions.subarray(0, 22))).toEqual([...Array(10).keys(), ...Array(12).keys()]);
    // Sequence 1 starts again at 0: <TTS> 4 phonemes <SEP>, then 7 speech rows.
    expect(Array.from(tts.positions.subarray(tts.T, tts.T + 13))).toEqual([...Array(6).keys(), ...Array(7).keys()]);
    const stt = packStt(c, [{ task: 'stt', speech: target }]);
    // <STT>, 7 speech rows, then <SEP> and the characters.
    expect(Array.from(stt.positions.subarray(0, 15))).toEqual([0, ...Array(7).keys(), ...Array(7).keys()]);
  });
});

describe('guided attention', () => {
  it('penalty matrix: the diagonal band of the span, 1 for every other visible key, nothing for unguided rows', () => {
    const T = 8;
    const g = 0.2;
    const { w, rows } = guideWeights(T, Int32Array.from([0, 4, 8, 0, 4]), 0, g);
    expect(rows).toBe(4);
    for (let i = 0; i < 4; i++) expect(w.subarray(i * T, (i + 1) * T).every((x) => x === 0)).toBe(true);
    // Row 5: progress t = 1.5/4; key 1 at n = 1.5/4 sits on the diagonal (penalty 0), key 3 at 3.5/4 does not.
    const at = (i: number, j: number) => w[i * T + j];
    expect(at(5, 1)).toBeCloseTo(0, 6);
    expect(at(5, 3)).toBeCloseTo(1 - Math.exp(-(0.5 * 0.5) / (2 * g * g)), 6);
    expect(at(5, 4)).toBe(1); // a speech row: not where this head should look
    expect(at(5, 5)).toBe(1);
    expect(at(5, 6)).toBe(0); // the future (masked anyway)
    // Monotone: the cheapest key moves forward with the query row.
    const argmin = (i: number) => [0, 1, 2, 3].reduce((b, j) => (at(i, j) < at(i, b) ? j : b), 0);
    expect([4, 5, 6, 7].map(argmin)).toEqual([0, 1, 2, 3]);
  });

  it('TTS spans: each utterance speech rows read its own phoneme rows; STT character rows read the speech rows', () => {
    const v = buildVocab(c.codebookSize);
    const prompt = utterance('p', 5, 3, 4);
    const target = utterance('t', 7, 4, 6);
    const tts = packTts(c, [ttsExample(c, target, prompt), ttsExample(c, target, null)]);
    const [sp, st] = spansOf(tts.guideSpans, 0);
    const row = (i: number) => tts.tokenIds[i];
    // <TTS> p p p ␣ t t t t <SEP>: prompt phonemes are rows 1..3, the target's 5..8, <SEP> is row 9.
    expect(sp).toEqual({ q0: 9, q1: 14, k0: 1, k1: 4 });
    expect(st).toEqual({ q0: 14, q1: 21, k0: 5, k1: 9 });
    expect(row(9)).toBe(v.sep);
    for (let i = sp.q0; i < st.q1; i++) expect(tts.frameMask[i]).toBe(1);
    for (const s of [sp, st]) for (let j = s.k0; j < s.k1; j++) expect(row(j)).toBeGreaterThanOrEqual(v.phonemes.start);
    expect(spansOf(tts.guideSpans, 1)).toEqual([{ q0: 5, q1: 12, k0: 1, k1: 5 }]);

    const stt = packStt(c, [{ task: 'stt', speech: target }]);
    const [s] = spansOf(stt.guideSpans, 0);
    expect(s).toEqual({ q0: 8, q1: 14, k0: 1, k1: 8 });
    for (let i = s.q0; i < s.q1; i++) expect(stt.textMask[i]).toBe(1);
    for (let j = s.k0; j < s.k1; j++) expect(stt.speechMask[j]).toBe(1);
  });

  it('loss: near 0 for attention on the diagonal, larger for uniform attention, and it has a gradient', () => {
    const T = 8;
    const spans = Int32Array.from([0, 4, 8, 0, 4]);
    const loss = (probs: tf.Tensor2D) => {
      const g = new GuideCollector([0], 1, T, spans, 0.2);
      g.add(0, probs);
      return g.loss();
    };
    const diag = new Float32Array(T * T);
    const uniform = new Float32Array(T * T);
    for (let i = 0; i < T; i++) {
      diag[i * T + (i >= 4 ? i - 4 : i)] = 1;
      for (let j = 0; j <= i; j++) uniform[i * T + j] = 1 / (i + 1);
    }
    const onDiag = loss(tf.tensor2d(diag, [T, T])).dataSync()[0];
    const spread = loss(tf.tensor2d(uniform, [T, T])).dataSync()[0];
    expect(onDiag).toBeCloseTo(0, 6);
    expect(spread).toBeGreaterThan(0.5);
    const grad = tf.grad((x: tf.Tensor) => loss(tf.softmax(x) as tf.Tensor2D))(tf.zeros([T, T]));
    expect(tf.max(tf.abs(grad)).dataSync()[0]).toBeGreaterThan(0);
  });
});
