// Forced alignment of one utterance: which phoneme token each LM step speaks, by Viterbi over a
// left-to-right chain of states with one diagonal Gaussian per acoustic unit (a flat-start HMM
// aligner in its simplest form, as ASR toolkits bootstrap theirs).
//
// The chain: [leading silence] emitting tokens... [trailing silence]. A step stays in its state or
// moves forward by up to `maxJump` states; jumping over a state costs that state's skip cost (0 for
// silences, spaces and punctuation, which may be silent; `skipCost` for a phoneme), because a
// 64 ms step is often longer than a phoneme symbol, so some symbols get no step of their own.

/** What an aligner state is made of. */
export interface AlignState {
  /** Acoustic unit (index into the unit model). */
  unit: number;
  /** Cost of skipping this state entirely. */
  skip: number;
}

/** One diagonal Gaussian per unit: means and variances [units * dim]. */
export interface UnitModel {
  dim: number;
  units: number;
  mean: Float32Array;
  variance: Float32Array;
}

/** A unit model as plain numbers (JSON in checkpoints and the manifest). */
export interface SerializedUnitModel {
  dim: number;
  units: number;
  mean: number[];
  variance: number[];
}

export function serializeUnitModel(m: UnitModel): SerializedUnitModel {
  return { dim: m.dim, units: m.units, mean: Array.from(m.mean), variance: Array.from(m.variance) };
}

export function deserializeUnitModel(m: SerializedUnitModel): UnitModel {
  if (m.mean.length !== m.units * m.dim || m.variance.length !== m.units * m.dim) throw new Error(`unit model of ${m.units} x ${m.dim} has ${m.mean.length} means and ${m.variance.length} variances`);
  return { dim: m.dim, units: m.units, mean: Float32Array.from(m.mean), variance: Float32Array.from(m.variance) };
}

/** Negative log-likelihood (up to a constant) of every step under every state's unit: [steps * states]. */
export function emissionCosts(feats: Float32Array, steps: number, states: readonly AlignState[], model: UnitModel): Float32Array {
  const { dim } = model;
  const S = states.length;
  const perUnit = new Map<number, Float32Array>(); // each distinct unit once
  for (const s of states) {
    if (perUnit.has(s.unit)) continue;
    const cost = new Float32Array(steps);
    const mu = model.mean.subarray(s.unit * dim, (s.unit + 1) * dim);
    const v = model.variance.subarray(s.unit * dim, (s.unit + 1) * dim);
    let logDet = 0;
    for (let d = 0; d < dim; d++) logDet += Math.log(v[d]);
    for (let t = 0; t < steps; t++) {
      let q = 0;
      for (let d = 0; d < dim; d++) {
        const e = feats[t * dim + d] - mu[d];
        q += (e * e) / v[d];
      }
      cost[t] = 0.5 * (q + logDet);
    }
    perUnit.set(s.unit, cost);
  }
  const out = new Float32Array(steps * S);
  states.forEach((s, j) => {
    const c = perUnit.get(s.unit)!;
    for (let t = 0; t < steps; t++) out[t * S + j] = c[t];
  });
  return out;
}

/**
 * The cheapest monotonic path: state index per step [steps], or null when no path fits (more
 * states that cannot be skipped than steps can reach). The path starts in state 0 or skips to a
 * later one, and ends in the last state or skips the ones after it, paying their skip costs.
 */
export function viterbi(emit: Float32Array, steps: number, states: readonly AlignState[], maxJump: number): Int32Array | null {
  const S = states.length;
  // skipSum[j] = sum of skip costs of states [0, j): the cost of jumping from a to b is skipSum[b] - skipSum[a + 1].
  const skipSum = new Float64Array(S + 1);
  for (let j = 0; j < S; j++) skipSum[j + 1] = skipSum[j] + states[j].skip;
  const cost = new Float64Array(steps * S).fill(Infinity);
  const back = new Int32Array(steps * S).fill(-1);
  for (let j = 0; j < Math.min(S, maxJump); j++) cost[j] = skipSum[j] + emit[j];
  for (let t = 1; t < steps; t++) {
    for (let j = 0; j < S; j++) {
      let best = Infinity;
      let arg = -1;
      for (let a = Math.max(0, j - maxJump); a <= j; a++) {
        const c = cost[(t - 1) * S + a] + (a < j ? skipSum[j] - skipSum[a + 1] : 0);
        if (c < best) {
          best = c;
          arg = a;
        }
      }
      if (arg < 0 || best === Infinity) continue;
      cost[t * S + j] = best + emit[t * S + j];
      back[t * S + j] = arg;
    }
  }
  let end = -1;
  let bestEnd = Infinity;
  for (let j = Math.max(0, S - maxJump); j < S; j++) {
    const c = cost[(steps - 1) * S + j] + (skipSum[S] - skipSum[j + 1]);
    if (c < bestEnd) {
      bestEnd = c;
      end = j;
    }
  }
  if (end < 0 || bestEnd === Infinity) return null;
  const path = new Int32Array(steps);
  path[steps - 1] = end;
  for (let t = steps - 1; t > 0; t--) path[t - 1] = back[t * S + path[t]];
  return path;
}

/** The flat start: states spread evenly over the steps. */
export function linearPath(steps: number, states: number): Int32Array {
  return Int32Array.from({ length: steps }, (_, t) => Math.min(states - 1, Math.floor(((t + 0.5) / steps) * states)));
}
