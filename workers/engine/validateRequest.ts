// The engine's request validation: whatever crosses the worker boundary is checked before any work,
// because a page (or an embedding one) can send anything. Pure and total: every input gives either
// a usable request or a typed EngineError with a message, never an exception. The fuzz suite
// (validateRequest.fuzz.test.ts) holds it to that.

import { SAMPLING_LIMITS } from '../../models/meld/requestLimits';
import { checkPrompt, checkSttAudio, checkTextLength } from '../meld/checkRequest';
import { MeldError } from '../meld/errors';
import type { EngineError, TtsParams } from './meldEngineApi';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: EngineError };

const invalid = (field: string, message: string): { ok: false; error: EngineError } => ({ ok: false, error: { kind: 'invalid-request', field, message } });

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** A MeldError from the shared checks, as the engine reports it. */
export function meldErrorToEngineError(error: MeldError): EngineError {
  const d = error.detail;
  switch (d.kind) {
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'text':
      return { kind: 'text', reason: d.reason, message: error.message };
    case 'prompt':
      return { kind: 'prompt', reason: d.reason, message: error.message };
    case 'audio':
      return { kind: 'audio', reason: d.reason, message: error.message };
  }
}

function guard<T>(check: () => T): Checked<T> {
  try {
    return { ok: true, value: check() };
  } catch (error) {
    if (error instanceof MeldError) return { ok: false, error: meldErrorToEngineError(error) };
    throw error;
  }
}

function inRange(x: unknown, range: { min: number; max: number }): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= range.min && x <= range.max;
}

/** TTS parameters as sent by a page: shapes, ranges, the prompt and the text's length. */
export function validateTtsParams(params: unknown): Checked<TtsParams> {
  if (!isRecord(params)) return invalid('params', 'the request is not an object');
  const { text, prompt, seed, temperature, topP } = params;
  if (typeof text !== 'string') return invalid('text', 'the text is not a string');
  if (!isRecord(prompt)) return invalid('prompt', 'the voice prompt is missing');
  if (!(prompt.audio instanceof Float32Array)) return invalid('prompt.audio', 'the voice prompt audio is not 16 kHz float samples (Float32Array)');
  if (typeof prompt.text !== 'string') return invalid('prompt.text', "the voice prompt's transcript is not a string");
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) return invalid('seed', `the seed must be a whole number, got ${String(seed)}`);
  const t = SAMPLING_LIMITS.temperature;
  if (!inRange(temperature, t)) return invalid('temperature', `the temperature must be between ${t.min} and ${t.max}, got ${String(temperature)}`);
  const p = SAMPLING_LIMITS.topP;
  if (!inRange(topP, p)) return invalid('topP', `top-p must be between ${p.min} and ${p.max}, got ${String(topP)}`);
  const value: TtsParams = { text, prompt: { audio: prompt.audio, text: prompt.text }, seed, temperature, topP };
  return guard(() => {
    checkTextLength(text);
    checkPrompt(value.prompt);
    return value;
  });
}

/** Audio to transcribe, as sent by a page. */
export function validateSttAudio(audio: unknown): Checked<Float32Array> {
  if (!(audio instanceof Float32Array)) return invalid('audio', 'the audio is not 16 kHz float samples (Float32Array)');
  return guard(() => {
    checkSttAudio(audio);
    return audio;
  });
}

/** Longest piece of a live recording one sttPush may carry (the app sends ~0.2 s at a time). */
export const MAX_CHUNK_SAMPLES = 16000 * 10;

/** A piece of a live recording, as sent by a page (the session checks the total). */
export function validateSttChunk(samples: unknown): Checked<Float32Array> {
  if (!(samples instanceof Float32Array)) return invalid('samples', 'the audio is not 16 kHz float samples (Float32Array)');
  if (samples.length > MAX_CHUNK_SAMPLES) return invalid('samples', `one push carries at most ${MAX_CHUNK_SAMPLES / 16000} s of audio, got ${(samples.length / 16000).toFixed(1)} s`);
  return { ok: true, value: samples };
}
