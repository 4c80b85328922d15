// Up-front checks of what a TTS or STT request holds, before any inference: a prompt the model cannot
// use, or audio beyond the limits, fails at once with a MeldError that names the real cause (the
// prompt, not the text). The engine and the CLIs call these; the limits live in models/meld/requestLimits.

import { MAX_TEXT_CHARS, PROMPT_SECONDS, STT_SECONDS, maxPromptTranscriptChars } from '../../models/meld/requestLimits';
import { MeldError } from './errors';

const SAMPLE_RATE = 16000;
const seconds = (audio: Float32Array) => (audio.length / SAMPLE_RATE).toFixed(1);

function checkFinite(audio: Float32Array, what: string): void {
  for (let i = 0; i < audio.length; i++) {
    if (!Number.isFinite(audio[i])) throw new MeldError({ kind: 'audio', reason: 'invalid' }, `${what} holds invalid samples (NaN or infinity at sample ${i})`);
  }
}

/** A voice prompt the model can imitate: at most PROMPT_SECONDS.max, with a transcript it can hold. */
export function checkPrompt(prompt: { audio: Float32Array; text: string }): void {
  const { audio, text } = prompt;
  checkFinite(audio, 'the voice prompt');
  if (audio.length > PROMPT_SECONDS.max * SAMPLE_RATE) {
    throw new MeldError(
      { kind: 'prompt', reason: 'too-long' },
      `the voice prompt is ${seconds(audio)} s long; it may be at most ${PROMPT_SECONDS.max} s (${PROMPT_SECONDS.recommendedMin} to ${PROMPT_SECONDS.max} s of one speaker works best): trim it`,
    );
  }
  if (text.trim() === '') throw new MeldError({ kind: 'prompt', reason: 'no-transcript' }, 'the voice prompt needs its transcript: what is said in it');
  const maxChars = maxPromptTranscriptChars(audio.length / SAMPLE_RATE);
  if (text.length > maxChars) {
    throw new MeldError(
      { kind: 'prompt', reason: 'transcript-too-long' },
      `the voice prompt's transcript has ${text.length} characters, more than ${seconds(audio)} s of speech can hold (at most ${maxChars}): it must be just what is said in the prompt`,
    );
  }
}

/** Text within the one-request limit (it is spoken sentence by sentence). */
export function checkTextLength(text: string): void {
  if (text.length > MAX_TEXT_CHARS) {
    throw new MeldError({ kind: 'text', reason: 'too-long' }, `the text has ${text.length.toLocaleString('en')} characters; one request speaks at most ${MAX_TEXT_CHARS.toLocaleString('en')}: split it`);
  }
}

/** Audio to transcribe: finite samples, at most STT_SECONDS.fileMax. */
export function checkSttAudio(audio: Float32Array): void {
  checkFinite(audio, 'the recording');
  if (audio.length > STT_SECONDS.fileMax * SAMPLE_RATE) {
    throw new MeldError({ kind: 'audio', reason: 'too-long' }, `the recording is ${seconds(audio)} s long; at most ${STT_SECONDS.fileMax / 60} minutes can be transcribed at once: split it`);
  }
}

/** A microphone recording transcribed while it is made: this chunk finite, and the whole within STT_SECONDS.microphoneMax (plus a second of slack). */
export function checkSttChunk(chunk: Float32Array, samplesBefore: number): void {
  checkFinite(chunk, 'the recording');
  if (samplesBefore + chunk.length > (STT_SECONDS.microphoneMax + 1) * SAMPLE_RATE) {
    throw new MeldError({ kind: 'audio', reason: 'too-long' }, `the recording is longer than ${STT_SECONDS.microphoneMax} s, the most a live transcription takes: record less, or transcribe a file`);
  }
}
