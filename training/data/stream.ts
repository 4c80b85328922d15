// A deterministic, resumable stream of batches for one task. Each epoch's plan is a pure function of
// (seed, task, epoch), so a resumed run only needs the stream's (epoch, index) to continue exactly.

import { createRng } from '../../models/random';
import type { MeldConfig } from '../../models/meld/config';
import type { Batch } from '../model/batch';
import type { Corpus } from './dataset';
import { type Example, choosePrompt, exampleRows, packBatch, ttsExample } from '../layout';
import { rngOf, shuffled } from './seeded-random';
import { type SttMasks, maskSttSpeech } from './specAugment';

export interface StreamPosition {
  epoch: number;
  index: number;
}

export interface StreamOptions {
  task: 'tts' | 'stt';
  seed: number;
  /** Padded rows per batch (B x T) at most: the step's compute budget. */
  maxRows: number;
  maxBatch: number;
  /** Speech steps of prompt + target at most. */
  maxSpeechSteps: number;
  /** Fraction of TTS examples that get a same-speaker prompt in front (zero-shot conditioning). */
  promptRate: number;
  /** SpecAugment-style masks on STT speech (training streams only; specAugment.ts). */
  sttMasks?: SttMasks;
}

export class BatchStream {
  position: StreamPosition = { epoch: 0, index: 0 };
  private plan: Example[][] = [];
  private planEpoch = -1;

  constructor(
    private readonly corpus: Corpus,
    private readonly c: MeldConfig,
    private readonly opts: StreamOptions,
  ) {
    if (corpus.utterances.length === 0) throw new Error('the corpus split is empty');
  }

  private planFor(epoch: number): Example[][] {
    const { task, seed, maxRows, maxBatch, maxSpeechSteps, promptRate } = this.opts;
    const rand = createRng((seed * 7919 + epoch * 104729 + (task === 'tts' ? 1 : 2)) >>> 0);
    const order = shuffled(rand, this.corpus.utterances.map((_, i) => i));
    // Voice references come from their own generator, so the examples are the same with or without them.
    const voiceRand = createRng((seed * 7919 + epoch * 104729 + 3) >>> 0);
    const examples: Example[] = order.map((i) => {
      const u = this.corpus.utterances[i];
      if (task === 'stt') return { task: 'stt', speech: u };
      const prompt = rand() < promptRate ? choosePrompt(this.corpus, i, maxSpeechSteps, rand) : null;
      const e = ttsExample(this.c, u, prompt);
      if (this.c.voiceSummary && !prompt) e.voice = choosePrompt(this.corpus, i, Number.MAX_SAFE_INTEGER, voiceRand) ?? undefined;
      return e;
    });
    // Sort within windows by length so batches waste little padding, then shuffle the batches.
    const batches: Example[][] = [];
    const window = 64 * maxBatch;
    for (let w = 0; w < examples.length; w += window) {
      const chunk = examples.slice(w, w + window).sort((a, b) => exampleRows(this.c, a) - exampleRows(this.c, b));
      let cur: Example[] = [];
      let longest = 0;
      for (const e of chunk) {
        const rows = exampleRows(this.c, e);
        if (rows > this.c.maxPositions) continue; // too long for the position table
        const t = Math.max(longest, rows);
        if (cur.length > 0 && (t * (cur.length + 1) > maxRows || cur.length >= maxBatch)) {
          batches.push(cur);
          cur = [];
          longest = 0;
        }
        cur.push(e);
        longest = Math.max(longest, rows);
      }
      if (cur.length) batches.push(cur);
    }
    return shuffled(rand, batches);
  }

  /** Batches per epoch. */
  get length(): number {
    return this.ensurePlan().length;
  }

  private ensurePlan(): Example[][] {
    if (this.planEpoch !== this.position.epoch) {
      this.plan = this.planFor(this.position.epoch);
      this.planEpoch = this.position.epoch;
    }
    return this.plan;
  }

  next(): Batch {
    let plan = this.ensurePlan();
    if (this.position.index >= plan.length) {
      this.position = { epoch: this.position.epoch + 1, index: 0 };
      plan = this.ensurePlan();
    }
    const index = this.position.index++;
    const batch = packBatch(this.c, plan[index]);
    const masks = this.opts.sttMasks;
    if (masks && batch.task === 'stt') maskSttSpeech(this.c, batch, masks, rngOf(this.opts.seed, 'stt-masks', this.position.epoch, index));
    return batch;
  }
}
