// Probes of whether the model uses what it is conditioned on: the same batch with its text
// scrambled (TTS) or its audio scrambled (STT). A model that reads the phonemes pays KL when each
// sequence's phonemes are shuffled; one that listens pays character CE when every speech row
// carries another row's audio. A gain near 0 means the model is only a speech LM / a text LM.

import { alignedLayout, stepSize, type MeldConfig } from '../../models/meld/config';
import { streamLayout } from '../../models/meld/aligned';
import { PHONEME_VOCAB } from '../../models/text';
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

/**
 * Time-aligned layout: the batch with each sequence's phonemes renamed by a random permutation of
 * the phoneme inventory in every unit slot of its text stream (same timing, wrong sounds), the
 * counterpart of shufflePhonemes where the text sits at its time rather than in a prefix.
 */
export function relabelStreamPhonemes(c: MeldConfig, b: TtsBatch, rand: () => number): TtsBatch {
  const a = alignedLayout(c);
  if (!b.stream || !a) return b;
  const { durationBase } = streamLayout(a);
  const { ids: src, width } = b.stream;
  const ids = src.slice();
  const P = PHONEME_VOCAB.length;
  const unitIds = P + 2; // a slot's ids: the phonemes, silence, none (models/meld/aligned.ts)
  for (let s = 0; s < b.B; s++) {
    const perm = shuffled(rand, Array.from({ length: P }, (_, i) => i));
    for (let r = s * b.T * width; r < (s + 1) * b.T * width; r++) {
      const id = src[r];
      if (id < 0 || id >= durationBase) continue; // unused, or a duration id
      const [slot, unit] = [Math.floor(id / unitIds), id % unitIds];
      if (unit < P) ids[r] = slot * unitIds + perm[unit];
    }
  }
  return { ...b, stream: { ids, width } };
}

/**
 * The batch with every speech-predicting row's position moved `by` rows later (the text rows keep
 * theirs): a model that knows where a speech row is pays for it; one that ignores it does not.
 * The step-6000 model of the prefix layout paid <= 0.02 nats of KL for this.
 */
export function shiftSpeechPositions(b: TtsBatch, by: number, maxPositions: number): TtsBatch {
  const positions = b.positions.slice();
  for (let r = 0; r < b.B * b.T; r++) if (b.speechMask[r] > 0 || b.frameMask[r] > 0 || b.eosMask[r] > 0) positions[r] = Math.min(maxPositions - 1, positions[r] + by);
  return { ...b, positions };
}
