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
