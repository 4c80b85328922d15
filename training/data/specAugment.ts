// SpecAugment-style masks on the STT speech input (Park et al. 2019): frequency bands and time spans of
// each sequence's normalised log-mel set to 0, the per-bin training mean, so the model must read a word
// from what is left rather than recognise the whole sentence. Training batches only; the masks are drawn
// from the batch's own seed, so a resumed run repeats them.

import type { MeldConfig } from '../../models/meld/config';
import type { Rng } from '../../models/random';
import type { SttBatch } from '../model/batch';
import { randomInt } from './seeded-random';

export interface SttMasks {
  /** Frequency masks per sequence, each up to `maxBins` adjacent mel bins wide. */
  freq: { count: number; maxBins: number };
  /** Time masks per sequence, each up to this share of the sequence's frames. */
  time: { count: number; maxShare: number };
}

/** Masks the speech rows of an STT batch in place; returns the share of speech values masked. */
export function maskSttSpeech(c: MeldConfig, b: SttBatch, masks: SttMasks, rand: Rng): number {
  const r = c.framesPerStep;
  const M = c.nMels;
  const S = r * M;
  let masked = 0;
  let total = 0;
  for (let i = 0; i < b.B; i++) {
    const rows: number[] = [];
    for (let t = 0; t < b.T; t++) if (b.speechMask[i * b.T + t] > 0) rows.push(i * b.T + t);
    const frames = rows.length * r;
    if (frames === 0) continue;
    const off = new Uint8Array(frames * M); // 1 where masked, frame-major over this sequence's speech
    for (let k = 0; k < masks.freq.count; k++) {
      const width = randomInt(rand, 0, masks.freq.maxBins);
      const from = randomInt(rand, 0, M - width);
      for (let f = 0; f < frames; f++) off.fill(1, f * M + from, f * M + from + width);
    }
    for (let k = 0; k < masks.time.count; k++) {
      const width = randomInt(rand, 0, Math.floor(masks.time.maxShare * frames));
      const from = randomInt(rand, 0, frames - width);
      off.fill(1, from * M, (from + width) * M);
    }
    rows.forEach((row, j) => {
      for (let v = 0; v < S; v++) if (off[j * S + v]) b.speechIn[row * S + v] = 0;
    });
    masked += off.reduce((n, x) => n + x, 0);
    total += off.length;
  }
  return total === 0 ? 0 : masked / total;
}
