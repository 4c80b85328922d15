// Choosing the next latent code (TTS) or character (STT) from the LM's logits. Shared by the
// trainer's sampler and the browser engine, so both decode identically for the same seed.

import type { Rng } from './random';

export interface SamplingOptions {
  /** Keep the k most likely candidates (paper: 60). */
  topK: number;
  /** Then the smallest set whose probability reaches p (paper: 0.9). */
  topP: number;
  temperature: number;
  /** Subtracted from the logits of the previous step's top-p candidates (paper: 1). 0 turns it off. */
  repetitionPenalty: number;
}

export const DEFAULT_SAMPLING: SamplingOptions = { topK: 60, topP: 0.9, temperature: 1, repetitionPenalty: 1 };

export interface SampleResult {
  /** Index into the logits. */
  index: number;
  /** The top-p candidate set of this step (indices), which the next step penalises. */
  candidates: number[];
}

/**
 * Samples one index from logits: penalise the previous step's candidates, apply temperature,
 * keep the top-k, then the top-p nucleus, renormalise and draw with the seeded RNG.
 */
export function sampleLogits(logits: ArrayLike<number>, opts: SamplingOptions, rand: Rng, previous: readonly number[] = []): SampleResult {
  const n = logits.length;
  const z = Float64Array.from(logits as ArrayLike<number>);
  for (const i of previous) z[i] -= opts.repetitionPenalty;
  const t = Math.max(opts.temperature, 1e-5);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => z[b] - z[a]);
  const k = Math.max(1, Math.min(opts.topK, n));
  const top = order.slice(0, k);
  const max = z[top[0]];
  const w = top.map((i) => Math.exp((z[i] - max) / t));
  const total = w.reduce((a, b) => a + b, 0);
  const candidates: number[] = [];
  const probs: number[] = [];
  let mass = 0;
  for (let j = 0; j < top.length; j++) {
    candidates.push(top[j]);
    probs.push(w[j] / total);
    mass += w[j] / total;
    if (mass >= opts.topP) break;
  }
  let u = rand() * mass;
  for (let j = 0; j < candidates.length; j++) {
    u -= probs[j];
    if (u <= 0) return { index: candidates[j], candidates };
  }
  return { index: candidates[candidates.length - 1], candidates };
}

/** The most likely index (greedy decoding, used for STT). */
export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  return best;
}
