// Probes of whether the model uses what it is conditioned on: the same batch with its text
// scrambled (TTS) or its audio scrambled (STT). A model that reads the phonemes pays KL when each
// sequence's phonemes are shuffled; one that listens pays character CE when every speech row
// carries another row's audio. A gain near 0 means the model is only a speech LM / a text LM.

import { stepSize, type MeldConfig } from '../../models/meld/config';
import { buildVocab } from '../../models/meld/vocab';
import { shuffled } from '../data/seeded-random';
import type { SttBatch, TtsBatch } from './batch';

/** The batch with each sequence's phoneme rows in a random order (same phonemes, wrong places). */
export function shufflePhonemes(c: MeldConfig, b: TtsBatch, rand: () => number): TtsBatch {
  const { phonemes } = buildVocab(c.codebookSize);
  const tokenIds = b.tokenIds.slice();
  for (let s = 0; s < b.B; s++) {
    const rows: number[] = [];
    for (let r = s * b.T; r < (s + 1) * b.T; r++) if (b.tokenMask[r] > 0 && b.tokenIds[r] >= phonemes.start && b.tokenIds[r] < phonemes.end) rows.push(r);
    const ids = shuffled(rand, rows.map((r) => b.tokenIds[r]));
    rows.forEach((r, j) => (tokenIds[r] = ids[j]));
  }
  return { ...b, tokenIds };
}

/** The batch with its speech rows' audio permuted across the whole batch. */
export function permuteSpeech(c: MeldConfig, b: SttBatch, rand: () => number): SttBatch {
  const S = stepSize(c);
  const rows: number[] = [];
  for (let r = 0; r < b.B * b.T; r++) if (b.speechMask[r] > 0) rows.push(r);
  const from = shuffled(rand, rows);
  const speechIn = b.speechIn.slice();
  rows.forEach((r, j) => speechIn.set(b.speechIn.subarray(from[j] * S, from[j] * S + S), r * S));
  return { ...b, speechIn };
}
