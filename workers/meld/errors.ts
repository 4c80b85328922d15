// What a TTS or STT request can fail on, as data a user-facing message can be made from.

export type MeldErrorKind =
  | { kind: 'text'; reason: 'empty' | 'unspeakable' | 'too-long' }
  | { kind: 'audio'; reason: 'silent' | 'too-short' | 'too-long' | 'invalid' }
  /** The voice prompt, named as the cause (not the text): too long, or a transcript it cannot hold. */
  | { kind: 'prompt'; reason: 'too-long' | 'no-transcript' | 'transcript-too-long' }
  | { kind: 'cancelled' };

export class MeldError extends Error {
  override readonly name = 'MeldError';
  constructor(
    readonly detail: MeldErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Root-mean-square level of a signal. */
export function rms(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, x.length));
}

/** Below this RMS (about -70 dBFS) a recording holds nothing to hear. */
export const SILENCE_RMS = 3e-4;

export function checkSpeechAudio(audio: Float32Array, minSeconds: number, what: string): void {
  if (audio.length < minSeconds * 16000) throw new MeldError({ kind: 'audio', reason: 'too-short' }, `${what} is too short: ${(audio.length / 16000).toFixed(2)} s (at least ${minSeconds} s needed)`);
  if (rms(audio) < SILENCE_RMS) throw new MeldError({ kind: 'audio', reason: 'silent' }, `${what} is silent: no speech could be heard in it`);
}
