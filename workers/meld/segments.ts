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
 * How quiet a step must be to count as a pause: within a tenth of the way from the segment's
 * 5th-percentile step to its median. (Not from its quietest step: one run of digital zeros, a gap in
 * a file or a microphone's first block, would set the bar below any room noise.)
 */
export function quietLevel(energies: readonly number[]): number {
  const sorted = [...energies].sort((a, b) => a - b);
  const low = sorted[Math.floor(0.05 * (sorted.length - 1))];
  return low + 0.1 * (sorted[sorted.length >> 1] - low);
}

/**
 * Streaming: whether a segment whose steps so far had `energies` ends before a step of `energy`. It
 * cannot wait to see the whole last quarter (the words would arrive seconds late), so it ends at the
 * first quiet step there, and at SEGMENT_STEPS at the latest.
 */
export function endsBefore(energies: readonly number[], energy: number): boolean {
  if (energies.length < CUT_FROM) return false;
  return energies.length >= SEGMENT_STEPS || energy <= quietLevel(energies);
}
