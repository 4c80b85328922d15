// Phoneme-to-speech alignments for a whole corpus, learned from the corpus itself: flat start (every
// utterance's phonemes spread evenly over its steps), then rounds of "fit one Gaussian per phoneme
// symbol on the current alignment, re-align every utterance by Viterbi" (viterbi.ts).
//
// Why: the guided attention (model/guide.ts) and the phoneme auxiliary loss need to know which
// phoneme each speech step says. The linear diagonal is a poor answer for speech with pauses and
// uneven phoneme lengths; the synthesisers that made the corpus do not report their timings.

import { MODIFIER_SYMBOLS } from '../../models/meld/aligned';
import { PHONEME_VOCAB } from '../../models/text';
import { PUNCTUATION } from '../../models/text/alphabet';
import { type AlignState, type UnitModel, emissionCosts, linearPath, viterbi } from './viterbi';

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

function fitUnits(feats: Float32Array[], chains: ChainOf[], paths: Int32Array[], dim: number, floor: number): UnitModel {
  const sum = new Float64Array(UNIT_COUNT * dim);
  const sq = new Float64Array(UNIT_COUNT * dim);
  const n = new Float64Array(UNIT_COUNT);
  const total = new Float64Array(dim);
  const totalSq = new Float64Array(dim);
  let all = 0;
  paths.forEach((path, i) => {
    path.forEach((state, t) => {
      const unit = chains[i].states[state].unit;
      n[unit]++;
      all++;
      for (let d = 0; d < dim; d++) {
        const x = feats[i][t * dim + d];
        sum[unit * dim + d] += x;
        sq[unit * dim + d] += x * x;
        total[d] += x;
        totalSq[d] += x * x;
      }
    });
  });
  const mean = new Float32Array(UNIT_COUNT * dim);
  const variance = new Float32Array(UNIT_COUNT * dim);
  for (let u = 0; u < UNIT_COUNT; u++)
    for (let d = 0; d < dim; d++) {
      const k = u * dim + d;
      // A unit never seen (rare symbols) takes the global statistics.
      const [s, s2, m] = n[u] > 0 ? [sum[k], sq[k], n[u]] : [total[d], totalSq[d], Math.max(all, 1)];
      mean[k] = s / m;
      variance[k] = Math.max(floor, s2 / m - (s / m) ** 2);
    }
  return { dim, units: UNIT_COUNT, mean, variance };
}

export interface AlignRound {
  /** Mean emission + skip cost per step of the chosen paths. */
  costPerStep: number;
  /** Share of steps whose state changed from the previous round. */
  changed: number;
  /** Share of phoneme symbols (not silences, spaces, punctuation or modifiers) that got no step. */
  skipped: number;
}

export interface CorpusAlignment {
  /** Per utterance, the token index each step speaks (SILENCE at the two ends). */
  stepTokens: Int16Array[];
  rounds: AlignRound[];
  /** Utterances no path fitted (kept on the linear flat start). */
  unaligned: number;
  model: UnitModel;
}

/** Aligns every utterance; `fitOn` (default: all) chooses which ones the unit model is fitted on. */
export function alignCorpus(utts: readonly AlignInput[], nMels: number, opts: AlignOptions = DEFAULT_ALIGN_OPTIONS, fitOn?: (i: number) => boolean): CorpusAlignment {
  const feats = utts.map((u) => stepFeatures(u, nMels));
  const chains = utts.map((u) => chainOf(u.phonemeIds, opts.skipCost));
  let paths = utts.map((u, i) => linearPath(u.steps, chains[i].states.length));
  const fitIdx = utts.map((_, i) => i).filter((i) => fitOn?.(i) ?? true);
  const rounds: AlignRound[] = [];
  let model!: UnitModel;
  let unaligned = 0;
  for (let it = 0; it < opts.iterations; it++) {
    model = fitUnits(fitIdx.map((i) => feats[i]), fitIdx.map((i) => chains[i]), fitIdx.map((i) => paths[i]), nMels, opts.varianceFloor);
    let cost = 0;
    let steps = 0;
    let changed = 0;
    let phonemes = 0;
    let skipped = 0;
    unaligned = 0;
    paths = paths.map((old, i) => {
      const { states } = chains[i];
      const T = utts[i].steps;
      const emit = emissionCosts(feats[i], T, states, model);
      const path = viterbi(emit, T, states, opts.maxJump);
      if (!path) {
        unaligned++;
        return old;
      }
      const visited = new Uint8Array(states.length);
      path.forEach((s, t) => {
        cost += emit[t * states.length + s];
        visited[s] = 1;
        if (s !== old[t]) changed++;
      });
      states.forEach((s, j) => {
        if (s.skip === 0) return;
        phonemes++;
        if (!visited[j]) {
          skipped++;
          cost += s.skip;
        }
      });
      steps += T;
      return path;
    });
    rounds.push({ costPerStep: cost / Math.max(steps, 1), changed: changed / Math.max(steps, 1), skipped: skipped / Math.max(phonemes, 1) });
  }
  const stepTokens = paths.map((p, i) => Int16Array.from(p, (s) => chains[i].token[s]));
  return { stepTokens, rounds, unaligned, model };
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
