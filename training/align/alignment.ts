// Phoneme-to-speech alignments for a whole corpus, learned from the corpus itself: flat start (every
// utterance's phonemes spread evenly over its steps), then rounds of "fit one Gaussian per phoneme
// symbol on the current alignment, re-align every utterance by Viterbi" (viterbi.ts).
//
// Why: the guided attention (model/guide.ts) and the phoneme auxiliary loss need to know which
// phoneme each speech step says. The linear diagonal is a poor answer for speech with pauses and
// uneven phoneme lengths; the synthesisers that made the corpus do not report their timings.

import { type AlignInput, type AlignOptions, type ChainOf, DEFAULT_ALIGN_OPTIONS, UNIT_COUNT, chainOf, stepFeatures } from '../../models/meld/align/forcedAlign';
import { type UnitModel, emissionCosts, linearPath, viterbi } from '../../models/meld/align/viterbi';

export { type AlignInput, type AlignOptions, DEFAULT_ALIGN_OPTIONS, SILENCE, SILENCE_UNIT, UNIT_COUNT, alignWith, chainOf, stepFeatures } from '../../models/meld/align/forcedAlign';

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
