// TTS for text of any length: normalise, split into sentences (models/text splitSentences), and
// synthesise them one after the other with the same voice prompt, streaming every audio chunk as
// it is vocoded. The first sentence starts playing long before the last one is generated.

import { normalizeText, splitSentences } from '../../models/text';
import { concatFloat32 } from '../../models/arrays';
import { MeldError } from './errors';
import type { MeldGraphs } from './meldGraphs';
import { type TtsEvent, type TtsRequest, type TtsResult, synthesize } from './tts';

export interface SpeakRequest extends TtsRequest {
  /** Silence between sentences, in seconds. */
  pauseSeconds?: number;
}

export type SpeakEvent = TtsEvent | { type: 'sentence'; index: number; count: number; text: string };

export interface SpeakResult {
  audio: Float32Array;
  /** Normalised post-net mel of every sentence, frame-major, concatenated (pauses not included). */
  mel: Float32Array;
  frames: number;
  /** Latent codes of every sentence, concatenated. */
  codes: number[];
  sentences: { text: string; stoppedBy: TtsResult['stoppedBy']; audioSeconds: number }[];
  /** The request's signal fired: the text was not spoken to the end, the audio made so far is kept. */
  stopped: boolean;
  timing: { firstAudioMs: number | null; totalMs: number; audioSeconds: number };
}

const SAMPLE_RATE = 16000;

/**
 * Longest sentence chunk, in characters, that fits one pass: synthesize() needs the text tokens,
 * a length guard (models/meld/limits, 3 steps per phoneme) and a prompt in maxPositions. English IPA runs ~1.3 phonemes
 * per character and a prompt transcript ~60 phonemes; too-long chunks are split again anyway.
 */
export function sentenceChars(maxPositions: number): number {
  return Math.max(16, Math.min(200, Math.floor((maxPositions - 80) / (4 * 1.3))));
}


export async function speakText(g: MeldGraphs, req: SpeakRequest, onEvent: (e: SpeakEvent) => void = () => undefined): Promise<SpeakResult> {
  const t0 = performance.now();
  const pause = new Float32Array(Math.round((req.pauseSeconds ?? 0.25) * SAMPLE_RATE));
  const queue = splitSentences(normalizeText(req.text), sentenceChars(g.config.maxPositions));
  const audio: Float32Array[] = [];
  const mel: Float32Array[] = [];
  const codes: number[] = [];
  const sentences: SpeakResult['sentences'] = [];
  let firstAudioMs: number | null = null;
  let frames = 0;
  let count = queue.length;

  const forward = (e: TtsEvent) => {
    if (e.type === 'audio') {
      if (firstAudioMs === null && e.samples.length > 0) firstAudioMs = performance.now() - t0;
      audio.push(e.samples);
    }
    onEvent(e);
  };

  for (let index = 0; queue.length > 0 && !req.signal?.aborted; ) {
    const text = queue.shift() as string;
    let result: TtsResult;
    try {
      onEvent({ type: 'sentence', index, count, text });
      result = await synthesize(g, { ...req, text, seed: (req.seed ?? 0) + index }, forward);
    } catch (error) {
      // A chunk too long for one pass (long words, a long prompt transcript): split it in two.
      const words = text.split(' ');
      // Only the text's own length is split; a prompt that leaves no room is reported as the prompt's fault.
      if (error instanceof MeldError && error.detail.kind === 'text' && error.detail.reason === 'too-long' && words.length > 1) {
        const half = Math.ceil(words.length / 2);
        queue.unshift(words.slice(0, half).join(' '), words.slice(half).join(' '));
        count++;
        continue;
      }
      throw error;
    }
    if (queue.length > 0 && result.audio.length > 0 && result.stoppedBy !== 'stopped') forward({ type: 'audio', samples: pause.slice() });
    mel.push(result.mel);
    frames += result.frames;
    codes.push(...result.codes);
    sentences.push({ text, stoppedBy: result.stoppedBy, audioSeconds: result.timing.audioSeconds });
    index++;
  }
  const stopped = req.signal?.aborted === true;
  const joined = concatFloat32(audio);
  return {
    audio: joined, mel: concatFloat32(mel), frames, codes, sentences, stopped,
    timing: { firstAudioMs, totalMs: performance.now() - t0, audioSeconds: joined.length / SAMPLE_RATE },
  };
}
