// What both TTS layouts share: the request, its events and result, the phonemised text and prompt
// transcript with the seeded sampling state, and how a run's record becomes a result.

import { dropoutKeepMask } from '../../models/meld/dropout';
import { createRng } from '../../models/random';
import { DEFAULT_SAMPLING, type SamplingOptions } from '../../models/sampling';
import { encodePhonemes, normalizeText, phonemizeText } from '../../models/text';
import { checkSpeechAudio } from './errors';
import type { MeldGraphs } from './meldGraphs';
import type { StepAudioResult } from './stepAudio';

export interface TtsRequest {
  text: string;
  /** The voice prompt: 16 kHz mono audio and its transcript. */
  prompt: { audio: Float32Array; text: string };
  seed?: number;
  sampling?: Partial<SamplingOptions>;
  /** Longest prompt used, in seconds (longer prompts are cut). */
  maxPromptSeconds?: number;
  signal?: AbortSignal;
}

export type TtsEvent =
  | { type: 'audio'; samples: Float32Array }
  | { type: 'progress'; steps: number; seconds: number };

export interface TtsResult {
  audio: Float32Array;
  /** Normalised mel frames after the post-net, frame-major. */
  mel: Float32Array;
  frames: number;
  codes: number[];
  /** 'stopped': the request's signal fired; the audio made until then is kept (and was streamed). */
  stoppedBy: 'eos' | 'length-guard' | 'stopped';
  vocoder: 'neural' | 'griffin-lim';
  timing: { firstAudioMs: number | null; totalMs: number; audioSeconds: number };
}

/** Fewest prompt speech steps (~1 s) worth conditioning on. */
export const MIN_PROMPT_STEPS = 16;

/** Normalised text and its phoneme ids (models/text), as both TTS layouts read them. */
export async function phonemeIds(text: string): Promise<{ normalized: string; ids: number[] }> {
  const normalized = normalizeText(text);
  return { normalized, ids: encodePhonemes(await phonemizeText(normalized)) };
}

/** What both TTS layouts start from: sampling options, the seeded RNG and its dropout masks, and the text and the prompt's transcript as phonemes. */
export async function ttsInputs(g: MeldGraphs, req: TtsRequest) {
  const c = g.config;
  const rand = createRng(req.seed ?? 0);
  const target = await phonemeIds(req.text);
  checkSpeechAudio(req.prompt.audio, 0.5, 'the voice prompt');
  const promptText = await phonemeIds(req.prompt.text);
  return {
    sampling: { ...DEFAULT_SAMPLING, ...req.sampling },
    rand,
    mask: (rows: number) => dropoutKeepMask(rand, rows, c.prenetHidden, c.prenetDropout),
    target,
    promptText,
  };
}

/** The streamed output and the decoder's record as a TtsResult. */
export function ttsResult(r: StepAudioResult, codes: number[], stoppedBy: TtsResult['stoppedBy'], t0: number): TtsResult {
  return {
    audio: r.audio, mel: r.mel, frames: r.frames, codes, stoppedBy, vocoder: r.vocoder,
    timing: { firstAudioMs: r.firstAudioMs, totalMs: performance.now() - t0, audioSeconds: r.audio.length / 16000 },
  };
}
