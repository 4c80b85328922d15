// Where a long recording is cut for transcription: into segments no longer than the longest utterance
// the model trained on (training's maxSpeechSteps, ~20 s), each ending in the last quarter of that
// length at a quiet step, so a cut falls in a pause rather than inside a word where the recording has one.

/** Longest segment in steps (~20 s at 64 ms a step). */
export const SEGMENT_STEPS = 320;
/** A segment may end from this many steps on. */
export const CUT_FROM = Math.floor(SEGMENT_STEPS * 0.75);

/** A normalised step's loudness: the sum of its log-mel values. */
export function stepEnergy(steps: Float32Array, index: number, S: number): number {
  let e = 0;
  for (let i = 0; i < S; i++) e += steps[index * S + i];
  return e;
}

/**
 * Offline: the quietest step in the last quarter of the segment that starts at step `start`, where it
 * ends. `steps` holds normalised steps of S values, at least up to step start + SEGMENT_STEPS.
 */
export function segmentEnd(steps: Float32Array, S: number, start: number): number {
  let best = start + SEGMENT_STEPS;
  let bestEnergy = Infinity;
  for (let s = start + CUT_FROM; s < start + SEGMENT_STEPS; s++) {
    const e = stepEnergy(steps, s, S);
    if (e < bestEnergy) {
      bestEnergy = e;
      best = s;
    }
  }
  return best;
}

/**
 * Streaming: whether a segment whose steps so far had `energies` ends before a step of `energy`. It
 * cannot wait to see the whole last quarter (the words would arrive seconds late), so it ends at the
 * first step there that is about as quiet as the segment has been (within a tenth of the way from its
 * quietest step to its median), and at SEGMENT_STEPS at the latest.
 */
export function endsBefore(energies: readonly number[], energy: number): boolean {
  if (energies.length < CUT_FROM) return false;
  if (energies.length >= SEGMENT_STEPS) return true;
  const sorted = [...energies].sort((a, b) => a - b);
  const quietest = sorted[0];
  return energy <= quietest + 0.1 * (sorted[sorted.length >> 1] - quietest);
}
