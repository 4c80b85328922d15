// Batches shaped like the real ones, from random data: what the step benchmarks time, without a corpus.

import { type MeldConfig, stepSize } from '../../models/meld/config';
import { createRng } from '../../models/random';
import { PHONEME_VOCAB } from '../../models/text';
import type { TrainUtterance } from './dataset';
import type { SttBatch, TtsBatch } from '../model/batch';
import { packStt, packTts, ttsExample } from '../layout/prefix';

/** A TTS batch (prompt + target, ~270 rows a sequence) and an STT batch of about `rows` rows each. */
export function syntheticBatches(c: MeldConfig, rows: number, seed = 1): { tts: TtsBatch; stt: SttBatch } {
  const rand = createRng(seed);
  const S = stepSize(c);
  // Utterances of ~4 s (62 steps) and ~60 phonemes, like the corpus's median sentence.
  const utterance = (i: number): TrainUtterance => {
    const steps = 50 + Math.floor(rand() * 25);
    return {
      id: `u${i}`, speaker: `s${i % 4}`, text: 'x', steps,
      mel: Float32Array.from({ length: steps * S }, () => rand() * 2 - 1),
      phonemeIds: Array.from({ length: 50 + Math.floor(rand() * 20) }, () => Math.floor(rand() * PHONEME_VOCAB.length)),
      charIds: Array.from({ length: 60 }, () => Math.floor(rand() * 26)),
    };
  };
  const B = Math.max(1, Math.floor(rows / 270));
  return {
    tts: packTts(c, Array.from({ length: B }, (_, i) => ttsExample(c, utterance(i), utterance(i + 100)))),
    stt: packStt(c, Array.from({ length: B }, (_, i) => ({ task: 'stt' as const, speech: utterance(i) }))),
  };
}
