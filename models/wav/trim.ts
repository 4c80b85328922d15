// Fitting a voice prompt into the model's window: keep the start of a long recording, cut at the
// quietest moment near the limit so the cut does not fall mid-word.

export interface TrimmedAudio {
  audio: Float32Array;
  /** Duration before trimming, in seconds. */
  originalSeconds: number;
  trimmed: boolean;
}

/** Window over which loudness is compared when choosing where to cut (20 ms at 16 kHz). */
const WINDOW = 320;

/**
 * The first `maxSeconds` at most: audio that fits is returned as it is; longer audio is cut at the
 * quietest 20 ms window of the last quarter of the allowed span (never before 3/4 of it).
 */
export function trimToSeconds(audio: Float32Array, maxSeconds: number, sampleRate = 16000): TrimmedAudio {
  const originalSeconds = audio.length / sampleRate;
  const limit = Math.floor(maxSeconds * sampleRate);
  if (!(limit > 0) || audio.length <= limit) return { audio, originalSeconds, trimmed: false };
  let cut = limit;
  let quietest = Infinity;
  for (let start = Math.floor(limit * 0.75); start + WINDOW <= limit; start += WINDOW / 2) {
    let energy = 0;
    for (let i = start; i < start + WINDOW; i++) energy += audio[i] * audio[i];
    if (energy < quietest) {
      quietest = energy;
      cut = start + WINDOW / 2;
    }
  }
  return { audio: audio.slice(0, cut), originalSeconds, trimmed: true };
}
