// What one request may hold. The app checks these before it sends anything, the engine validates
// them again on arrival (workers/engine/validateRequest.ts), and the CLIs refuse beyond them, so a
// limit is stated once and every layer names the same cause.

/** Voice prompts: long enough to carry the voice, short enough for the model's context (~8 s are used). */
export const PROMPT_SECONDS = { min: 0.5, recommendedMin: 3, max: 10 } as const;

/**
 * A prompt transcript longer than this many characters per second of prompt audio (plus a little)
 * cannot be what is said in it: the corpus speaks ~20 characters per second, fast speech ~30.
 */
export const PROMPT_CHARS_PER_SECOND = 40;

/** The most transcript characters a prompt of `seconds` can plausibly hold. */
export function maxPromptTranscriptChars(seconds: number): number {
  return Math.ceil(PROMPT_CHARS_PER_SECOND * seconds) + 20;
}

/** Transcription: a minute from the microphone; files up to ten minutes, in ~20 s segments. */
export const STT_SECONDS = { min: 0.2, microphoneMax: 60, fileMax: 600 } as const;

/** Longest text one TTS request speaks (sentence by sentence, streaming): ~15 minutes of speech. */
export const MAX_TEXT_CHARS = 20_000;

/** Sampling settings a request may ask for. */
export const SAMPLING_LIMITS = { temperature: { min: 0.05, max: 5 }, topP: { min: 0.01, max: 1 } } as const;
