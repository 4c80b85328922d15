// The time-aligned layout (models/meld/aligned.ts): each LM row is one speech step and carries the
// text at its time, from the corpus's forced alignment. Same examples as the prefix layout
// (a TTS example may have a same-speaker prompt first), other rows.
//
//   TTS  <TTS> | prompt steps | target steps | -> <EOS>      rows = total steps + 1
//   STT  <STT> | steps | <SEP>... until the transcript and <EOS> are emitted

import { type AlignedLayoutConfig, type MeldConfig, VOICE_SUMMARY_STEPS, requireAlignedLayout, stepSize } from '../../models/meld/config';
import { SLOT_EOS, SLOT_PAD, type StreamLayout, phonemeUnits, stepUnits, sttStreamIds, streamLayout, ttsStreamIds } from '../../models/meld/aligned';
import { buildVocab } from '../../models/meld/vocab';
import { charWordSteps } from '../align/targets';
import type { BatchBase, SttBatch, TtsBatch } from '../model/batch';
import type { TrainUtterance } from '../data/dataset';
import { type SttExample, type TtsExample, markPhoneme, voiceReference } from './prefix';

/** Rows of one example in this layout. */
export function alignedRows(c: MeldConfig, e: TtsExample | SttExample): number {
  if (e.task === 'tts') return 1 + e.speech.reduce((n, u) => n + u.steps, 0);
  return sttSchedule(requireAlignedLayout(c), e.speech).rows;
}

function emptyBase(c: MeldConfig, B: number, T: number, width: number): BatchBase {
  const N = B * T;
  return {
    B, T,
    tokenIds: new Int32Array(N), tokenMask: new Float32Array(N),
    speechIn: new Float32Array(N * stepSize(c)), speechMask: new Float32Array(N), positions: new Int32Array(N),
    guideSpans: new Int32Array(0), guideTarget: new Float32Array(N).fill(NaN),
    phonemeTarget: new Int32Array(N), phonemeMask: new Float32Array(N),
    stream: { ids: new Int32Array(N * width).fill(-1), width },
  };
}

/** Row positions count time: row t of a sequence has position t. */
function stepPositions(b: BatchBase): void {
  for (let i = 0; i < b.B; i++) for (let t = 0; t < b.T; t++) b.positions[i * b.T + t] = t;
}

export function packAlignedTts(c: MeldConfig, examples: TtsExample[]): TtsBatch {
  const a = requireAlignedLayout(c);
  const l: StreamLayout = streamLayout(a);
  const v = buildVocab(c.codebookSize);
  const S = stepSize(c);
  const r = c.framesPerStep;
  const B = examples.length;
  const T = Math.max(...examples.map((e) => alignedRows(c, e)));
  const N = B * T;
  const b: TtsBatch = {
    ...emptyBase(c, B, T, l.width), task: 'tts',
    frameTarget: new Float32Array(N * S), frameMask: new Float32Array(N), targetMask: new Float32Array(N), eosMask: new Float32Array(N),
    pairMask: new Float32Array(B * (T * r - 1)),
    advance: { target: new Int32Array(N), mask: new Float32Array(N) },
  };
  const ids = b.stream!.ids;
  examples.forEach((e, i) => {
    const row0 = i * T;
    b.tokenIds[row0] = v.tts;
    b.tokenMask[row0] = 1;
    let row = 0; // the row that predicts the next step
    let units: number[] = [];
    let last = 0;
    let duration = 0;
    for (const u of e.speech) {
      const pu = phonemeUnits(u.phonemeIds);
      units = pu.ids;
      const at = stepUnits(u.stepTokens, u.steps, pu);
      duration = 0;
      for (let j = 0; j < u.steps; j++) {
        if (j > 0 && at[j] !== at[j - 1]) duration = 0;
        ttsStreamIds(l, units, at[j], duration++, a.maxDuration, ids, (row0 + row) * l.width);
        if (j + 1 < u.steps) {
          b.advance!.target[row0 + row] = Math.min(a.maxAdvance, Math.max(0, at[j + 1] - at[j]));
          b.advance!.mask[row0 + row] = 1;
        }
        const step = u.mel.subarray(j * S, (j + 1) * S);
        b.frameTarget.set(step, (row0 + row) * S);
        b.frameMask[row0 + row] = 1;
        if (u === e.speech.at(-1)) b.targetMask[row0 + row] = 1;
        b.speechIn.set(step, (row0 + row + 1) * S);
        b.speechMask[row0 + row + 1] = 1;
        row++;
      }
      last = at[u.steps - 1];
    }
    // The row after the last step predicts <EOS>, still in the target's last unit.
    ttsStreamIds(l, units, last, duration, a.maxDuration, ids, (row0 + row) * l.width);
    b.eosMask[row0 + row] = 1;
    for (let f = 0; f < row * r - 1; f++) b.pairMask[i * (T * r - 1) + f] = 1;
  });
  stepPositions(b);
  if (c.voiceSummary) b.voice = packVoices(S, examples.map(voiceReference));
  return b;
}

/** The voice references' first steps, stacked, and the sequence of each (a null reference adds none). */
function packVoices(S: number, refs: (TrainUtterance | null)[]): { steps: Float32Array; seq: Int32Array } {
  const counts = refs.map((u) => (u ? Math.min(u.steps, VOICE_SUMMARY_STEPS) : 0));
  const M = counts.reduce((a, n) => a + n, 0);
  const steps = new Float32Array(M * S);
  const seq = new Int32Array(M);
  let m = 0;
  refs.forEach((u, i) => {
    if (!u) return;
    steps.set(u.mel.subarray(0, counts[i] * S), m * S);
    seq.fill(i, m, m + counts[i]);
    m += counts[i];
  });
  return { steps, seq };
}

/** When an STT sequence emits what: the row of each character and of <EOS> (in `rowOf`, <EOS> last), and its rows. */
export interface SttSchedule {
  rowOf: Int32Array;
  rows: number;
}

const schedules = new WeakMap<TrainUtterance, SttSchedule>();

/**
 * Row i reads step i-1. A word's characters (with its trailing space) may be emitted from `sttDelay`
 * rows after the row that reads its last step, <EOS> from `sttDelay` rows after the last step,
 * at most `sttSlots` per row, in order and as early as allowed.
 */
export function sttSchedule(a: AlignedLayoutConfig, u: TrainUtterance, cache = true): SttSchedule {
  const cached = cache ? schedules.get(u) : undefined;
  if (cached) return cached;
  const n = u.charIds.length;
  const ready = new Int32Array(n + 1);
  const ws = charWordSteps(u);
  if (ws) ws.words.forEach(([c0, c1], w) => ready.fill(Math.ceil(ws.steps[w][1]) + a.sttDelay, c0, c1));
  else for (let k = 0; k < n; k++) ready[k] = Math.ceil(((k + 1) * u.steps) / n) + a.sttDelay; // unaligned: evenly
  ready[n] = u.steps + a.sttDelay;
  const rowOf = new Int32Array(n + 1);
  let row = 1;
  let used = 0;
  for (let k = 0; k <= n; k++) {
    const want = Math.max(1, Math.min(ready[k], u.steps + a.sttDelay));
    if (want > row) [row, used] = [want, 0];
    if (used === a.sttSlots) [row, used] = [row + 1, 0];
    rowOf[k] = row;
    used++;
  }
  const s = { rowOf, rows: Math.max(row, u.steps) + 1 };
  if (cache) schedules.set(u, s);
  return s;
}

export function packAlignedStt(c: MeldConfig, examples: SttExample[]): SttBatch {
  const a = requireAlignedLayout(c);
  const l = streamLayout(a);
  const v = buildVocab(c.codebookSize);
  const S = stepSize(c);
  const B = examples.length;
  const T = Math.max(...examples.map((e) => alignedRows(c, e)));
  const N = B * T;
  const b: SttBatch = {
    ...emptyBase(c, B, T, l.width), task: 'stt',
    textTarget: new Int32Array(N), textMask: new Float32Array(N),
    slots: { target: new Int32Array(N * a.sttSlots).fill(SLOT_PAD), mask: new Float32Array(N), count: a.sttSlots },
  };
  const ids = b.stream!.ids;
  examples.forEach(({ speech: u }, i) => {
    const row0 = i * T;
    const { rowOf, rows } = sttSchedule(a, u);
    b.tokenIds[row0] = v.stt;
    b.tokenMask[row0] = 1;
    b.speechIn.set(u.mel.subarray(0, u.steps * S), (row0 + 1) * S);
    b.speechMask.fill(1, row0 + 1, row0 + 1 + u.steps);
    for (let t = 1 + u.steps; t < rows; t++) {
      b.tokenIds[row0 + t] = v.sep; // the audio has ended
      b.tokenMask[row0 + t] = 1;
    }
    for (let j = 0; j < u.steps; j++) markPhoneme(b, row0 + 1 + j, u, j); // the phoneme each speech row hears (the STT phoneme CE)
    const emitted: number[][] = Array.from({ length: rows }, () => []);
    rowOf.forEach((t, k) => emitted[t].push(k < u.charIds.length ? u.charIds[k] : SLOT_EOS));
    for (let t = 0; t < rows; t++) {
      emitted[t].forEach((cls, s) => (b.slots!.target[(row0 + t) * a.sttSlots + s] = cls));
      b.slots!.mask[row0 + t] = 1;
      sttStreamIds(l, t > 0 ? emitted[t - 1] : [], a.sttSlots, ids, (row0 + t) * l.width);
    }
  });
  stepPositions(b);
  return b;
}
