// Forced alignment of speech to its phonemes with a fitted unit model (one Viterbi pass): which
// phoneme unit each LM step speaks. Shared: the trainer aligns its corpus with it (training/align
// fits the unit model), and the runtime aligns a voice prompt for the time-aligned layout.

import { MODIFIER_SYMBOLS } from '../aligned';
import { PHONEME_VOCAB } from '../../text';
import { PUNCTUATION } from '../../text/alphabet';
import { type AlignState, type UnitModel, emissionCosts, viterbi } from './viterbi';

/** Symbols that may be silent (a pause) or take no time at all. */
const OPTIONAL = new Set([' ', ...PUNCTUATION]);
/** The silence unit at both ends of an utterance (after the phoneme units). */
export const SILENCE_UNIT = PHONEME_VOCAB.length;
export const UNIT_COUNT = PHONEME_VOCAB.length + 1;
/** Step token value for the leading and trailing silence. */
export const SILENCE = -1;

export interface AlignOptions {
  /** Cost of a phoneme symbol that gets no step (in nats of the emission model). */
  skipCost: number;
  /** States a step may advance at most. */
  maxJump: number;
  /** Fit/re-align rounds after the flat start. */
  iterations: number;
  /** Floor of every unit's per-dimension variance (features are roughly unit variance). */
  varianceFloor: number;
}

export const DEFAULT_ALIGN_OPTIONS: AlignOptions = { skipCost: 6, maxJump: 4, iterations: 6, varianceFloor: 0.05 };

/** What the aligner needs of an utterance. */
export interface AlignInput {
  /** Normalised log-mel, r frames stacked per step. */
  mel: Float32Array;
  steps: number;
  phonemeIds: readonly number[];
}

export interface ChainOf {
  states: AlignState[];
  /** Token index (into phonemeIds) of each state; SILENCE for the two silences. */
  token: number[];
}

/** The aligner's state chain for a phoneme sequence: silence, the emitting tokens, silence. */
export function chainOf(phonemeIds: readonly number[], skipCost: number): ChainOf {
  const states: AlignState[] = [{ unit: SILENCE_UNIT, skip: 0 }];
  const token = [SILENCE];
  phonemeIds.forEach((id, i) => {
    const sym = PHONEME_VOCAB[id];
    if (MODIFIER_SYMBOLS.has(sym)) return;
    states.push({ unit: id, skip: OPTIONAL.has(sym) ? 0 : skipCost });
    token.push(i);
  });
  states.push({ unit: SILENCE_UNIT, skip: 0 });
  token.push(SILENCE);
  return { states, token };
}

/** Per-step features [steps * nMels]: the mean of the step's r frames, minus the utterance's mean (speaker and channel normalisation). */
export function stepFeatures(u: AlignInput, nMels: number): Float32Array {
  const r = u.mel.length / (u.steps * nMels);
  const f = new Float32Array(u.steps * nMels);
  const mean = new Float64Array(nMels);
  for (let t = 0; t < u.steps; t++)
    for (let k = 0; k < r; k++)
      for (let d = 0; d < nMels; d++) f[t * nMels + d] += u.mel[(t * r + k) * nMels + d] / r;
  for (let i = 0; i < f.length; i++) mean[i % nMels] += f[i] / u.steps;
  for (let i = 0; i < f.length; i++) f[i] -= mean[i % nMels];
  return f;
}

/**
 * Aligns utterances with a fitted unit model (one Viterbi pass each, no refitting): the token each
 * step speaks, or null where no path fits.
 */
export function alignWith(model: UnitModel, utts: readonly AlignInput[], opts: AlignOptions = DEFAULT_ALIGN_OPTIONS): (Int16Array | null)[] {
  return utts.map((u) => {
    const chain = chainOf(u.phonemeIds, opts.skipCost);
    const path = viterbi(emissionCosts(stepFeatures(u, model.dim), u.steps, chain.states, model), u.steps, chain.states, opts.maxJump);
    return path && Int16Array.from(path, (s) => chain.token[s]);
  });
}
