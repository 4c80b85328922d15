import { describe, expect, it } from 'vitest';
import { MELD_CONFIGS, stepSize } from '../../models/meld/config';
import { SLOT_EOS, SLOT_PAD, UNIT_NONE, UNIT_SILENCE, phonemeUnits, streamLayout } from '../../models/meld/aligned';
import { buildVocab } from '../../models/meld/vocab';
import { CHAR_VOCAB, PHONEME_VOCAB } from '../../models/text';
import { SILENCE } from '../align/alignment';
import { testUtterance } from '../model/testUtterance';
import { alignedRows, packAlignedStt, packAlignedTts, sttSchedule } from './aligned';
import { ttsExample } from './prefix';

const c = MELD_CONFIGS['tiny-aligned'];
const a = c.aligned;
const l = streamLayout(a);
const S = stepSize(c);
const v = buildVocab(c.codebookSize);
const ph = (s: string) => [...s].map((x) => PHONEME_VOCAB.indexOf(x));
const ch = (s: string) => [...s].map((x) => CHAR_VOCAB.indexOf(x));
const UNIT_IDS = PHONEME_VOCAB.length + 2;

/** "ab cd" (phonemes "ab kd") said as: silence, a a, b, (the space silent), k, d d d, silence. */
function aligned(id = 'u') {
  const u = testUtterance(c, id, 9, 5, 5);
  u.phonemeIds = ph('ab kd');
  u.charIds = ch('ab cd');
  u.stepTokens = Int16Array.from([SILENCE, 0, 0, 1, 3, 4, 4, 4, SILENCE]);
  return u;
}

/** The unit pointer each row of a packed TTS sequence carries (slot 0), and its duration counter. */
function streamOf(ids: Int32Array, row: number) {
  const at = row * l.width;
  return { unit: ids[at] % UNIT_IDS, next: ids[at + 1] - UNIT_IDS, duration: ids[at + l.unitSlots] - l.durationBase };
}

describe('time-aligned layout', () => {
  it('phoneme units drop modifiers and put a silence at both ends', () => {
    const u = phonemeUnits(ph('ˈab'));
    expect(u.ids).toEqual([UNIT_SILENCE, ...ph('ab'), UNIT_SILENCE]);
    expect(Array.from(u.unitOfToken)).toEqual([-1, 1, 2]);
  });

  it('TTS: one row per step and one for <EOS>; each row carries the unit its step speaks, what follows, and how long it has lasted', () => {
    const u = aligned();
    const b = packAlignedTts(c, [ttsExample(c, u, null)]);
    expect(b.T).toBe(alignedRows(c, ttsExample(c, u, null)));
    expect(b.T).toBe(u.steps + 1);
    expect(b.tokenIds[0]).toBe(v.tts);
    // Units: 0 SIL, 1 a, 2 b, 3 space, 4 k, 5 d, 6 SIL. Steps speak: SIL a a b k d d d SIL (the space is silent).
    const units = [UNIT_SILENCE, ...ph('ab kd'), UNIT_SILENCE];
    const pointer = [0, 1, 1, 2, 4, 5, 5, 5, 6];
    const rows = Array.from({ length: u.steps + 1 }, (_, r) => streamOf(b.stream!.ids, r));
    rows.slice(0, u.steps).forEach((s, j) => {
      expect(s.unit).toBe(units[pointer[j]]);
      expect(s.next).toBe(units[pointer[j] + 1] ?? UNIT_NONE);
    });
    expect(rows.slice(0, u.steps).map((s) => s.duration)).toEqual([0, 0, 1, 0, 0, 0, 1, 2, 0]);
    // The advance targets are the pointer's moves (the silent space is jumped over: 2).
    expect(Array.from(b.advance!.target.subarray(0, u.steps - 1))).toEqual([1, 0, 1, 2, 1, 0, 0, 1]);
    expect(Array.from(b.advance!.mask.subarray(0, u.steps))).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0]);
    // Row j predicts step j and row j + 1 reads it; the last row predicts <EOS>.
    for (let j = 0; j < u.steps; j++) {
      expect(b.frameTarget[j * S]).toBe(j + 1);
      expect(b.speechIn[(j + 1) * S]).toBe(j + 1);
    }
    expect(b.eosMask[u.steps]).toBe(1);
    expect(Array.from(b.positions)).toEqual(Array.from({ length: b.T }, (_, t) => t));
  });

  it('TTS with a prompt: the target\'s rows start over at its own first unit, and only the target ends in <EOS>', () => {
    const [p, t] = [aligned('p'), aligned('t')];
    const b = packAlignedTts(c, [ttsExample(c, t, p)]);
    expect(b.T).toBe(p.steps + t.steps + 1);
    expect(streamOf(b.stream!.ids, p.steps - 1).unit).toBe(UNIT_SILENCE); // the prompt's trailing silence
    expect(streamOf(b.stream!.ids, p.steps).duration).toBe(0); // the target's first step, its own clock
    expect(b.advance!.mask[p.steps - 1]).toBe(0); // no move is learnt across the two utterances
    expect(Array.from(b.eosMask).indexOf(1)).toBe(p.steps + t.steps);
  });

  it('STT: characters come in order, never before their word has been heard plus the delay, at most sttSlots a row, then <EOS>', () => {
    const u = aligned();
    const s = sttSchedule(a, u);
    // "ab " is heard by step 4 (steps 1-3), "cd" by step 8; row i reads step i - 1.
    const rows = Array.from(s.rowOf);
    expect(rows.slice(0, 3).every((r) => r >= 4 + a.sttDelay)).toBe(true);
    expect(rows.slice(3, 5).every((r) => r >= 8 + a.sttDelay)).toBe(true);
    for (let k = 1; k < rows.length; k++) expect(rows[k]).toBeGreaterThanOrEqual(rows[k - 1]);
    for (const r of new Set(rows)) expect(rows.filter((x) => x === r).length).toBeLessThanOrEqual(a.sttSlots);
    expect(rows.at(-1)).toBeGreaterThanOrEqual(u.steps + a.sttDelay); // <EOS> after the audio and its delay
    expect(s.rows).toBe(rows.at(-1)! + 1);

    const b = packAlignedStt(c, [{ task: 'stt', speech: u }]);
    expect(b.T).toBe(s.rows);
    const emitted: number[] = [];
    for (let t = 0; t < b.T; t++) {
      const slots = Array.from(b.slots!.target.subarray(t * a.sttSlots, (t + 1) * a.sttSlots));
      const real = slots.filter((x) => x !== SLOT_PAD);
      expect(slots.slice(real.length).every((x) => x === SLOT_PAD)).toBe(true); // pads only after what a row emits
      // The next row's stream holds what this row emitted.
      if (t + 1 < b.T) {
        const next = Array.from(b.stream!.ids.subarray((t + 1) * l.width, (t + 1) * l.width + a.sttSlots)).map((id, k) => id - l.charBase - k * (CHAR_VOCAB.length + 1));
        expect(next).toEqual(slots.map((x) => (x === SLOT_PAD || x === SLOT_EOS ? CHAR_VOCAB.length : x)));
      }
      emitted.push(...real);
    }
    expect(emitted).toEqual([...u.charIds, SLOT_EOS]);
    // Rows 1..steps read the audio; later rows say the audio has ended.
    expect(Array.from(b.speechMask.subarray(0, b.T))).toEqual(Array.from({ length: b.T }, (_, t) => (t >= 1 && t <= u.steps ? 1 : 0)));
    for (let t = u.steps + 1; t < b.T; t++) expect(b.tokenIds[t]).toBe(v.sep);
  });
});
