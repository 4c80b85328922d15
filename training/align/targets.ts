// From an utterance's alignment (which phoneme token each step speaks) to what the guided attention
// and the phoneme loss want per row: for TTS, the phoneme row each speech step reads; for STT, the
// speech step each character reads (through the words, which text and phonemes share).

import { CHAR_VOCAB, PHONEME_VOCAB } from '../../models/text';
import type { TrainUtterance } from '../dataset';
import { SILENCE } from './alignment';

const PHONEME_SPACE = PHONEME_VOCAB.indexOf(' ');
const CHAR_SPACE = CHAR_VOCAB.indexOf(' ');

/**
 * Per step, the token index (into the utterance's phonemes) it speaks: the leading silence reads the
 * first token, the trailing silence the last. null when the utterance is not aligned.
 */
export function stepKeyTokens(u: TrainUtterance): Int16Array | null {
  if (!u.stepTokens) return null;
  const out = new Int16Array(u.steps);
  let seen = false;
  u.stepTokens.forEach((tok, j) => {
    if (tok !== SILENCE) seen = true;
    out[j] = tok !== SILENCE ? tok : seen ? u.phonemeIds.length - 1 : 0;
  });
  return out;
}

/** Splits a token sequence into word spans [start, end) at the space token (a word keeps its trailing space). */
function words(ids: readonly number[], space: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  ids.forEach((id, i) => {
    if (id === space && i + 1 < ids.length && ids[i + 1] !== space) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  });
  if (start < ids.length) out.push([start, ids.length]);
  return out;
}

/**
 * Per character, the speech step (fractional, in [0, steps)) it reads: its word's steps under the
 * alignment, spread evenly over the word's characters. null when the utterance is not aligned or its
 * text and phonemes do not have the same number of words.
 */
export function charKeySteps(u: TrainUtterance): Float32Array | null {
  if (!u.stepTokens) return null;
  const phWords = words(u.phonemeIds, PHONEME_SPACE);
  const chWords = words(u.charIds, CHAR_SPACE);
  if (phWords.length !== chWords.length || phWords.length === 0) return null;
  // Each phoneme word's steps [first, last + 1); words the aligner gave no step start where the previous ended.
  const wordOf = new Int32Array(u.phonemeIds.length);
  phWords.forEach(([a, b], w) => wordOf.fill(w, a, b));
  const first = new Float64Array(phWords.length).fill(Infinity);
  const last = new Float64Array(phWords.length).fill(-Infinity);
  u.stepTokens.forEach((tok, j) => {
    if (tok === SILENCE) return;
    const w = wordOf[tok];
    first[w] = Math.min(first[w], j);
    last[w] = Math.max(last[w], j + 1);
  });
  let cursor = 0;
  for (let w = 0; w < phWords.length; w++) {
    if (!Number.isFinite(first[w])) [first[w], last[w]] = [cursor, cursor];
    cursor = last[w];
  }
  const out = new Float32Array(u.charIds.length);
  chWords.forEach(([a, b], w) => {
    for (let i = a; i < b; i++) out[i] = first[w] + ((i - a + 0.5) / (b - a)) * (last[w] - first[w]) - 0.5;
  });
  return out;
}
