// The text-prefix layout (DESIGN.md section 2): the sequences one MELD model trains on, packed into batches.
//
//   TTS  <TTS> prompt_phonemes ␣ target_phonemes <SEP> prompt_speech target_speech -> <EOS>
//   STT  <STT> speech <SEP> characters -> <EOS>
//
// Row i's output predicts what row i+1 holds: the <SEP> row predicts the first speech step (or
// character), the last speech row predicts <EOS>.

import { type MeldConfig, stepSize } from '../../models/meld/config';
import { buildVocab } from '../../models/meld/vocab';
import { rowPositions } from '../../models/meld/positions';
import { PHONEME_VOCAB } from '../../models/text';
import { SILENCE } from '../align/alignment';
import type { BatchBase, SttBatch, TtsBatch } from '../model/batch';
import { pushSpan } from '../model/guide';
import { charKeySteps, stepKeyTokens } from '../align/targets';
import type { Corpus, TrainUtterance } from '../data/dataset';

/** The phoneme loss's target at a row: the phoneme step j of u speaks, when u is aligned and the step is not silence. */
export function markPhoneme(b: BatchBase, row: number, u: TrainUtterance, j: number): void {
  const tok = u.stepTokens?.[j];
  if (tok === undefined || tok === SILENCE) return;
  b.phonemeTarget[row] = u.phonemeIds[tok];
  b.phonemeMask[row] = 1;
}

export interface TtsExample {
  task: 'tts';
  tokens: number[];
  /** Speech utterances in order (prompt first when there is one). */
  speech: TrainUtterance[];
  /** voiceSummary models: the same-speaker utterance whose voice is summarised, when there is no prompt (the prompt is). */
  voice?: TrainUtterance;
}

/** The utterance a TTS example's voice summary reads: the prompt, else its own voice reference. */
export function voiceReference(e: TtsExample): TrainUtterance | null {
  return e.speech.length > 1 ? e.speech[0] : e.voice ?? null;
}

export interface SttExample {
  task: 'stt';
  speech: TrainUtterance;
}

export type Example = TtsExample | SttExample;

const SPACE_ID = PHONEME_VOCAB.indexOf(' ');

/**
 * Per-utterance clocks (positions 'per-utterance-sinusoid'): a TTS row's position counts within its
 * own utterance, so the target's phonemes and speech keep the same positions with or without a
 * prompt. Text rows: <TTS> 0, each utterance's phonemes from 1 (the prompt's trailing space goes
 * on its clock); a row that predicts a speech step (<SEP> and the speech rows) has that step's
 * index in its utterance, and the last row the target's length.
 */
function perUtterancePositions(b: TtsBatch, i: number, e: TtsExample): void {
  const row0 = i * b.T;
  const prompt = e.speech.length > 1 ? e.speech[0].phonemeIds.length + 1 : 0; // the prompt's phonemes and the space
  for (let j = 0; j < e.tokens.length; j++) b.positions[row0 + j] = j <= prompt ? j : j - prompt;
  let row = e.tokens.length;
  for (const u of e.speech) for (let j = 0; j < u.steps; j++) b.positions[row0 + row++] = j;
  b.positions[row0 + row] = e.speech.at(-1)!.steps; // the row that predicts <EOS>
}

export function ttsExample(c: MeldConfig, target: TrainUtterance, prompt: TrainUtterance | null): TtsExample {
  const v = buildVocab(c.codebookSize);
  const ph = prompt ? [...prompt.phonemeIds, SPACE_ID, ...target.phonemeIds] : target.phonemeIds;
  return { task: 'tts', tokens: [v.tts, ...ph.map((id) => v.phonemes.start + id)], speech: prompt ? [prompt, target] : [target] };
}

export function prefixRows(e: Example): number {
  if (e.task === 'tts') return e.tokens.length + 1 + e.speech.reduce((n, u) => n + u.steps, 0);
  return 1 + e.speech.steps + 1 + e.speech.charIds.length;
}

export function packTts(c: MeldConfig, examples: TtsExample[]): TtsBatch {
  const v = buildVocab(c.codebookSize);
  const S = stepSize(c);
  const r = c.framesPerStep;
  const B = examples.length;
  const T = Math.max(...examples.map(prefixRows));
  const N = B * T;
  const b: TtsBatch = {
    task: 'tts', B, T,
    tokenIds: new Int32Array(N), tokenMask: new Float32Array(N),
    speechIn: new Float32Array(N * S), speechMask: new Float32Array(N), positions: new Int32Array(N),
    frameTarget: new Float32Array(N * S), frameMask: new Float32Array(N), targetMask: new Float32Array(N), eosMask: new Float32Array(N),
    pairMask: new Float32Array(B * (T * r - 1)), guideSpans: new Int32Array(0), guideTarget: new Float32Array(N).fill(NaN),
    phonemeTarget: new Int32Array(N), phonemeMask: new Float32Array(N),
  };
  const spans: number[] = [];
  examples.forEach((e, i) => {
    const row0 = i * T;
    e.tokens.forEach((id, j) => {
      b.tokenIds[row0 + j] = id;
      b.tokenMask[row0 + j] = 1;
    });
    const sep = e.tokens.length;
    b.tokenIds[row0 + sep] = v.sep;
    b.tokenMask[row0 + sep] = 1;
    let row = sep; // the row that predicts the next step
    // Each utterance's speech rows align with its own phoneme rows: [1, 1+Lp) then, after the
    // space, the target's (or [1, 1+Lt) without a prompt).
    let k0 = 1;
    for (const u of e.speech) {
      pushSpan(spans, i, { q0: row, q1: row + u.steps, k0, k1: k0 + u.phonemeIds.length });
      const keys = stepKeyTokens(u); // aligned: the phoneme each step speaks
      for (let j = 0; j < u.steps; j++) {
        const step = u.mel.subarray(j * S, (j + 1) * S);
        b.frameTarget.set(step, (row0 + row) * S);
        b.frameMask[row0 + row] = 1;
        if (u === e.speech.at(-1)) b.targetMask[row0 + row] = 1;
        b.speechIn.set(step, (row0 + row + 1) * S);
        b.speechMask[row0 + row + 1] = 1;
        if (keys) b.guideTarget[row0 + row] = k0 + keys[j];
        markPhoneme(b, row0 + row, u, j);
        row++;
      }
      k0 += u.phonemeIds.length + 1;
    }
    b.eosMask[row0 + row] = 1;
    if (c.positions === 'per-utterance-sinusoid') perUtterancePositions(b, i, e);
    // Consecutive target frames inside the speech rows [sep, row): frame f of row k is index k*r + f.
    for (let f = sep * r; f < row * r - 1; f++) b.pairMask[i * (T * r - 1) + f] = 1;
  });
  b.guideSpans = Int32Array.from(spans);
  if (c.positions !== 'per-utterance-sinusoid') fillPositions(b);
  return b;
}

export function packStt(c: MeldConfig, examples: SttExample[]): SttBatch {
  const v = buildVocab(c.codebookSize);
  const S = stepSize(c);
  const B = examples.length;
  const T = Math.max(...examples.map(prefixRows));
  const N = B * T;
  const nChars = v.chars.end - v.chars.start;
  const b: SttBatch = {
    task: 'stt', B, T,
    tokenIds: new Int32Array(N), tokenMask: new Float32Array(N),
    speechIn: new Float32Array(N * S), speechMask: new Float32Array(N), positions: new Int32Array(N),
    textTarget: new Int32Array(N), textMask: new Float32Array(N), guideSpans: new Int32Array(0), guideTarget: new Float32Array(N).fill(NaN),
    phonemeTarget: new Int32Array(N), phonemeMask: new Float32Array(N),
  };
  const spans: number[] = [];
  examples.forEach(({ speech: u }, i) => {
    const row0 = i * T;
    b.tokenIds[row0] = v.stt;
    b.tokenMask[row0] = 1;
    b.speechIn.set(u.mel.subarray(0, u.steps * S), (row0 + 1) * S);
    b.speechMask.fill(1, row0 + 1, row0 + 1 + u.steps);
    for (let j = 0; j < u.steps; j++) markPhoneme(b, row0 + 1 + j, u, j); // the phoneme each speech row hears
    const sep = 1 + u.steps;
    b.tokenIds[row0 + sep] = v.sep;
    b.tokenMask[row0 + sep] = 1;
    u.charIds.forEach((ch, j) => {
      b.tokenIds[row0 + sep + 1 + j] = v.chars.start + ch;
      b.tokenMask[row0 + sep + 1 + j] = 1;
      b.textTarget[row0 + sep + j] = ch; // the row before each character predicts it
      b.textMask[row0 + sep + j] = 1;
    });
    b.textTarget[row0 + sep + u.charIds.length] = nChars; // <EOS>: last index of the STT output range
    b.textMask[row0 + sep + u.charIds.length] = 1;
    // The rows predicting characters read the speech rows [1, 1 + steps) in order.
    pushSpan(spans, i, { q0: sep, q1: sep + u.charIds.length, k0: 1, k1: 1 + u.steps });
    charKeySteps(u)?.forEach((step, j) => (b.guideTarget[row0 + sep + j] = 1 + step)); // aligned: the speech step each character reads
  });
  b.guideSpans = Int32Array.from(spans);
  fillPositions(b);
  return b;
}

/** Each sequence's row positions, counted per text or speech run as at inference (padding rows are never attended). */
function fillPositions(b: BatchBase): void {
  for (let i = 0; i < b.B; i++) b.positions.set(rowPositions(b.speechMask.subarray(i * b.T, (i + 1) * b.T)).positions, i * b.T);
}

/** Picks a prompt: another utterance of the target's speaker that fits the step budget with it, or null. */
export function choosePrompt(corpus: Corpus, targetIndex: number, maxSteps: number, rand: () => number): TrainUtterance | null {
  const target = corpus.utterances[targetIndex];
  const others = (corpus.bySpeaker.get(target.speaker) ?? []).filter(
    (i) => i !== targetIndex && corpus.utterances[i].steps + target.steps <= maxSteps,
  );
  if (others.length === 0) return null;
  return corpus.utterances[others[Math.floor(rand() * others.length)]];
}
