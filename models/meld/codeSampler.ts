// The per-step choice of a TTS decoder, shared by the engine and the trainer's sampler: no <EOS>
// before the shortest plausible speech, then top-k / top-p / repetition-penalty sampling over
// [<EOS>, codes...] with a seeded RNG.

import type { Rng } from '../random';
import { type SamplingOptions, sampleLogits } from '../sampling';
import { ttsMinSteps } from './limits';

export type CodeChoice = { eos: true } | { eos: false; code: number };

export class CodeSampler {
  private previous: number[] = [];
  private step = 0;
  private readonly minSteps: number;

  constructor(
    private readonly options: SamplingOptions,
    private readonly rand: Rng,
    phonemeSymbols: number,
  ) {
    this.minSteps = ttsMinSteps(phonemeSymbols);
  }

  /** Chooses from the prior's logits over [<EOS>, codes...] (the array is not modified). */
  next(logits: ArrayLike<number>): CodeChoice {
    const z = Float32Array.from(logits);
    if (this.step++ < this.minSteps) z[0] = -Infinity;
    const pick = sampleLogits(z, this.options, this.rand, this.previous);
    this.previous = pick.candidates;
    return pick.index === 0 ? { eos: true } : { eos: false, code: pick.index - 1 };
  }
}

/**
 * Per-frame latents: the codes of a step's latent slots 1..L-1 (slot 0 comes with <EOS> from
 * CodeSampler), each slot sampled with top-k / top-p and its own repetition penalty against that
 * slot's previous candidates.
 */
export class SlotCodeSampler {
  private readonly previous: number[][];

  constructor(
    private readonly options: SamplingOptions,
    private readonly rand: Rng,
    slots: number,
    private readonly codebookSize: number,
  ) {
    this.previous = Array.from({ length: slots }, () => []);
  }

  /** One code per slot from the prior's logits [slots * K] (the array is not modified). */
  next(logits: ArrayLike<number>): number[] {
    const K = this.codebookSize;
    if (logits.length !== this.previous.length * K) throw new Error(`${logits.length} logits for ${this.previous.length} slots of ${K} codes`);
    return this.previous.map((prev, j) => {
      const z = Float32Array.from({ length: K }, (_, k) => logits[j * K + k]);
      const pick = sampleLogits(z, this.options, this.rand, prev);
      this.previous[j] = pick.candidates;
      return pick.index;
    });
  }
}
