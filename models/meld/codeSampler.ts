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
 * slot's previous candidates. With the model's slot transitions ([(L-1)*K, K], row (l-1)*K + z: what
 * slot l-1 having drawn z adds to slot l's logits), the slots are drawn in order, each given the one before.
 */
export class SlotCodeSampler {
  private readonly previous: number[][];

  constructor(
    private readonly options: SamplingOptions,
    private readonly rand: Rng,
    slots: number,
    private readonly codebookSize: number,
    private readonly transitions: Float32Array | null = null,
  ) {
    this.previous = Array.from({ length: slots }, () => []);
    const values = slots * codebookSize * codebookSize;
    if (transitions && transitions.length !== values) throw new Error(`slot transitions hold ${transitions.length} values, not ${slots} x ${codebookSize} x ${codebookSize}`);
  }

  /** One code per slot 1..L-1 from the prior's logits [slots * K] (not modified), given slot 0's code. */
  next(logits: ArrayLike<number>, code0: number): number[] {
    const K = this.codebookSize;
    if (logits.length !== this.previous.length * K) throw new Error(`${logits.length} logits for ${this.previous.length} slots of ${K} codes`);
    let before = code0;
    return this.previous.map((prev, j) => {
      const z = Float32Array.from({ length: K }, (_, k) => logits[j * K + k]);
      if (this.transitions) addTransition(z, this.transitions, j, before, K);
      const pick = sampleLogits(z, this.options, this.rand, prev);
      this.previous[j] = pick.candidates;
      before = pick.index;
      return pick.index;
    });
  }
}

/** Adds to slot j+1's logits z [K] the transition row of slot j's code (tables [(L-1)*K, K]). */
export function addTransition(z: Float32Array, transitions: ArrayLike<number>, j: number, code: number, K: number): void {
  if (!Number.isInteger(code) || code < 0 || code >= K) throw new Error(`code ${code} is not one of ${K}`);
  const row = (j * K + code) * K;
  for (let k = 0; k < K; k++) z[k] += transitions[row + k];
}
