// From an utterance's alignment (which phoneme token each step speaks) to what the guided attention
// and the phoneme loss want per row: for TTS, the phoneme row each speech step reads; for STT, the
// speech step each character reads (through the words, which text and phonemes share).

import { CHAR_VOCAB, PHONEME_VOCAB } from '../../models/text';
import type { TrainUtterance } from '../data/dataset';
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
  const spans = phonemeWordSpans(u as TrainUtterance & { stepTokens: Int16Array }, phWords);
  const out = new Float32Array(u.charIds.length);
  chWords.forEach(([a, b], w) => {
    const [first, end] = spans[w];
    for (let i = a; i < b; i++) out[i] = first + ((i - a + 0.5) / (b - a)) * (end - first) - 0.5;
  });
  return out;
}

/** Each phoneme word's steps [first, end) under the alignment; a word the aligner gave no step starts and ends where the previous ended. */
function phonemeWordSpans(u: TrainUtterance & { stepTokens: Int16Array }, phWords: [number, number][]): [number, number][] {
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
  return phWords.map((_, w) => {
    if (!Number.isFinite(first[w])) [first[w], last[w]] = [cursor, cursor];
    cursor = last[w];
    return [first[w], last[w]];
  });
}

/** Most words one side of a word match may group (eSpeak merges "was the" into one word "wʌzðə"). */
const MAX_GROUP = 3;
/** Cost of a match that is not one word to one word, in squared phonemes. */
const GROUP_PENALTY = 4;

/**
 * Matches character words to phoneme words in order, where eSpeak merged (or split) words: a DP over
 * 1:1, 1:n and n:1 groups that fits lengths (phonemes ~ ratio x characters) and prefers 1:1.
 * Returns, per match, [char words start, end, phoneme words start, end].
 */
export function matchWords(chLens: readonly number[], phLens: readonly number[]): [number, number, number, number][] {
  const C = chLens.length;
  const P = phLens.length;
  const ratio = phLens.reduce((a, b) => a + b, 0) / Math.max(1, chLens.reduce((a, b) => a + b, 0));
  const cost = new Float64Array((C + 1) * (P + 1)).fill(Infinity);
  const from = new Int32Array((C + 1) * (P + 1) * 2);
  cost[0] = 0;
  for (let i = 0; i <= C; i++)
    for (let j = 0; j <= P; j++) {
      const here = cost[i * (P + 1) + j];
      if (!Number.isFinite(here)) continue;
      for (let a = 1; a <= MAX_GROUP && i + a <= C; a++)
        for (let b = 1; b <= MAX_GROUP && j + b <= P; b++) {
          if (a > 1 && b > 1) continue;
          let ch = 0;
          let ph = 0;
          for (let k = 0; k < a; k++) ch += chLens[i + k];
          for (let k = 0; k < b; k++) ph += phLens[j + k];
          const c = here + (ph - ratio * ch) ** 2 / (ph + 1) + (a + b > 2 ? GROUP_PENALTY * (a + b - 2) : 0);
          const at = (i + a) * (P + 1) + j + b;
          if (c < cost[at]) {
            cost[at] = c;
            from[at * 2] = i;
            from[at * 2 + 1] = j;
          }
        }
    }
  if (!Number.isFinite(cost[C * (P + 1) + P])) return [];
  const out: [number, number, number, number][] = [];
  for (let i = C, j = P; i > 0 || j > 0; ) {
    const at = i * (P + 1) + j;
    const [pi, pj] = [from[at * 2], from[at * 2 + 1]];
    out.push([pi, i, pj, j]);
    [i, j] = [pi, pj];
  }
  return out.reverse();
}

/**
 * Per character word (a word keeps its trailing space), the steps [first, end) in which it is
 * spoken, from the alignment through the phoneme words; where eSpeak merged words, the merged
 * word's steps are shared by its character words in proportion to their characters. Also the char
 * words themselves and whether any group was not one to one. null when the utterance is not aligned.
 */
export function charWordSteps(u: TrainUtterance): { words: [number, number][]; steps: [number, number][]; regrouped: boolean } | null {
  if (!u.stepTokens) return null;
  const phWords = words(u.phonemeIds, PHONEME_SPACE);
  const chWords = words(u.charIds, CHAR_SPACE);
  if (phWords.length === 0 || chWords.length === 0) return null;
  const spans = phonemeWordSpans(u as TrainUtterance & { stepTokens: Int16Array }, phWords);
  const matches = matchWords(chWords.map(([a, b]) => b - a), phWords.map(([a, b]) => b - a));
  if (matches.length === 0) return null;
  const steps: [number, number][] = [];
  let regrouped = false;
  for (const [c0, c1, p0, p1] of matches) {
    if (c1 - c0 !== 1 || p1 - p0 !== 1) regrouped = true;
    const first = spans[p0][0];
    const end = spans[p1 - 1][1];
    const chars = chWords[c1 - 1][1] - chWords[c0][0];
    let done = 0;
    for (let w = c0; w < c1; w++) {
      const n = chWords[w][1] - chWords[w][0];
      steps.push([first + ((end - first) * done) / chars, first + ((end - first) * (done + n)) / chars]);
      done += n;
    }
  }
  return { words: chWords, steps, regrouped };
}
