import { describe, expect, it } from 'vitest';
import { MELD_CONFIGS, stepSize } from '../../models/meld/config';
import { buildVocab } from '../../models/meld/vocab';
import { createRng } from '../../models/random';
import { packStt, packTts, ttsExample } from '../layout/prefix';
import { permuteSpeech, shufflePhonemes } from './conditioning';
import { testUtterance } from './testUtterance';

const c = MELD_CONFIGS.tiny;
const S = stepSize(c);

describe('conditioning probes', () => {
  it('shufflePhonemes reorders each sequence\'s phonemes in place and touches nothing else', () => {
    const { phonemes } = buildVocab(c.codebookSize);
    const a = testUtterance(c, 'a', 6, 12, 5);
    const b = testUtterance(c, 'b', 4, 9, 5);
    const batch = packTts(c, [ttsExample(c, a, b), ttsExample(c, b, null)]);
    const out = shufflePhonemes(c, batch, createRng(3));
    const isPhoneme = (id: number) => id >= phonemes.start && id < phonemes.end;
    for (let s = 0; s < batch.B; s++) {
      const rows = Array.from({ length: batch.T }, (_, j) => s * batch.T + j);
      const before = rows.map((r) => batch.tokenIds[r]);
      const after = rows.map((r) => out.tokenIds[r]);
      expect(after.filter(isPhoneme).sort()).toEqual(before.filter(isPhoneme).sort()); // same phonemes per sequence
      rows.forEach((r, j) => { if (!isPhoneme(before[j])) expect(after[j]).toBe(before[j]); }); // other rows unchanged
    }
    expect(Array.from(out.tokenIds)).not.toEqual(Array.from(batch.tokenIds));
    expect(out.speechIn).toBe(batch.speechIn);
  });

  it('permuteSpeech moves whole speech steps between speech rows only', () => {
    const batch = packStt(c, [{ task: 'stt', speech: testUtterance(c, 'a', 6, 3, 5) }, { task: 'stt', speech: testUtterance(c, 'b', 4, 3, 5) }]);
    const out = permuteSpeech(c, batch, createRng(5));
    const stepValue = (x: Float32Array, r: number) => x.subarray(r * S, (r + 1) * S);
    const speechRows = Array.from({ length: batch.B * batch.T }, (_, r) => r).filter((r) => batch.speechMask[r] > 0);
    for (const r of speechRows) expect(new Set(stepValue(out.speechIn, r)).size).toBe(1); // a whole step, not a mix
    const firsts = (x: Float32Array) => speechRows.map((r) => x[r * S]);
    expect(firsts(out.speechIn).sort()).toEqual(firsts(batch.speechIn).sort());
    expect(firsts(out.speechIn)).not.toEqual(firsts(batch.speechIn));
    for (let r = 0; r < batch.B * batch.T; r++) if (!batch.speechMask[r]) expect(stepValue(out.speechIn, r).every((v) => v === 0)).toBe(true);
    expect(out.tokenIds).toBe(batch.tokenIds);
  });
});
