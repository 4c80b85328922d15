// The aligner on synthetic speech whose segmentation is known: every phoneme symbol has its own
// spectrum, each utterance says a random phoneme string with random durations (and silences at both
// ends, as the corpus has), and the flat-start aligner must find the boundaries.

import { describe, expect, it } from 'vitest';
import { createRng } from '../../models/random';
import { PHONEME_VOCAB } from '../../models/text';
import { SILENCE, alignCorpus, alignWith, chainOf } from './alignment';
import { type UnitModel, emissionCosts, viterbi } from '../../models/meld/align/viterbi';

const DIM = 8;
const R = 2; // frames per step
const LETTERS = ['a', 'b', 'd', 'e', 'f', 'k', 'm', 's'].map((p) => PHONEME_VOCAB.indexOf(p));
const STRESS = PHONEME_VOCAB.indexOf('ˈ');

/** A fixed random spectrum per symbol (and one for silence). */
function spectra(rand: () => number): Map<number, Float32Array> {
  const m = new Map<number, Float32Array>();
  for (const id of [...LETTERS, -1]) m.set(id, Float32Array.from({ length: DIM }, () => (id === -1 ? -2 : 3 * (rand() - 0.5))));
  return m;
}

/** One utterance: a stress mark before its first letter, 1-5 steps per letter, 2 silent steps at each end. */
function utterance(rand: () => number, spec: Map<number, Float32Array>) {
  // No symbol twice in a row: where two equal sounds meet, no aligner can tell where one ends.
  const n = 4 + Math.floor(rand() * 8);
  const letters: number[] = [];
  while (letters.length < n) {
    const id = LETTERS[Math.floor(rand() * LETTERS.length)];
    if (id !== letters.at(-1)) letters.push(id);
  }
  const phonemeIds = [STRESS, ...letters];
  const truth: number[] = [SILENCE, SILENCE];
  letters.forEach((_, i) => truth.push(...Array(1 + Math.floor(rand() * 5)).fill(i + 1)));
  truth.push(SILENCE, SILENCE);
  const mel = new Float32Array(truth.length * R * DIM);
  truth.forEach((tok, t) => {
    const s = spec.get(tok === SILENCE ? -1 : phonemeIds[tok])!;
    for (let f = 0; f < R; f++) for (let d = 0; d < DIM; d++) mel[(t * R + f) * DIM + d] = s[d] + 0.4 * (rand() - 0.5);
  });
  return { mel, steps: truth.length, phonemeIds, truth };
}

describe('forced alignment', () => {
  it('viterbi finds the cheapest monotonic path, skipping a state when it must', () => {
    // Three states with distinct 1-D means; the steps say state 0, 0, 2, 2: state 1 is skipped at its cost.
    const model: UnitModel = { dim: 1, units: 3, mean: Float32Array.from([0, 5, 10]), variance: Float32Array.from([1, 1, 1]) };
    const states = [{ unit: 0, skip: 0 }, { unit: 1, skip: 3 }, { unit: 2, skip: 0 }];
    const feats = Float32Array.from([0, 0, 10, 10]);
    expect(Array.from(viterbi(emissionCosts(feats, 4, states, model), 4, states, 2)!)).toEqual([0, 0, 2, 2]);
    // Without jumps, the path must visit state 1.
    expect(Array.from(viterbi(emissionCosts(feats, 4, states, model), 4, states, 1)!)).toEqual([0, 0, 1, 2]);
    // Three states that may not be skipped cannot fit two steps with single moves.
    const strict = states.map((s) => ({ ...s, skip: Infinity }));
    expect(viterbi(emissionCosts(feats.subarray(0, 2), 2, strict, model), 2, strict, 1)).toBeNull();
  });

  it('modifiers take no state; the chain is silence, the sounding symbols, silence', () => {
    const { states, token } = chainOf([STRESS, LETTERS[0], PHONEME_VOCAB.indexOf(' '), LETTERS[1]], 6);
    expect(token).toEqual([SILENCE, 1, 2, 3, SILENCE]);
    expect(states.map((s) => s.skip)).toEqual([0, 6, 0, 6, 0]);
  });

  it('from a flat start, recovers where each synthetic phoneme begins and ends', () => {
    const rand = createRng(11);
    const spec = spectra(rand);
    const utts = Array.from({ length: 120 }, () => utterance(rand, spec));
    const result = alignCorpus(utts, DIM, { skipCost: 6, maxJump: 3, iterations: 6, varianceFloor: 0.01 });
    let right = 0;
    let total = 0;
    utts.forEach((u, i) => u.truth.forEach((tok, t) => {
      total++;
      if (result.stepTokens[i][t] === tok) right++;
    }));
    // The flat start gets about a third right; the aligner nearly all.
    expect(right / total).toBeGreaterThan(0.97);
    expect(result.unaligned).toBe(0);
    expect(result.rounds.at(-1)!.changed).toBeLessThan(0.01);
    expect(result.rounds.at(-1)!.costPerStep).toBeLessThan(result.rounds[0].costPerStep);
    // The fitted model aligns utterances it was not fitted on as well.
    const fresh = Array.from({ length: 20 }, () => utterance(rand, spec));
    const opts = { skipCost: 6, maxJump: 3, iterations: 1, varianceFloor: 0.01 };
    const tokens = alignWith(result.model, fresh, opts);
    const freshRight = fresh.reduce((n, u, i) => n + u.truth.filter((tok, t) => tokens[i]![t] === tok).length, 0);
    expect(freshRight / fresh.reduce((n, u) => n + u.steps, 0)).toBeGreaterThan(0.97);
  });
});
