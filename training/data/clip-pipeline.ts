// One worker task: audio in (a synthesiser's output or a user's WAV) -> 16 kHz mono, trimmed,
// augmented, 16-bit WAV bytes + the log-mel frames OF THOSE BYTES + the phonemes of the text.

import * as fs from 'node:fs';
import { AUDIO } from '../../models/config/audio';
import { logMel } from '../../models/dsp';
import { createRng } from '../../models/random';
import { phonemizeText } from '../../models/text';
import { decodeWav, encodeWav } from '../../models/wav';
import { addNoise, inaudibleReason, setPeak, trimSilence } from './audio-cleanup';
import { soxEffects, type Augmentation } from './augmentation';
import { runProcess } from './run-process';
import { synthesizeBatch, type SynthContext } from './synthesize';
import type { SynthVoice } from './voices';

/** Longest clip we accept: a 15-word sentence never takes this long, a runaway synthesiser might. */
const MAX_SECONDS = 25;

export interface SynthClip {
  id: string;
  text: string;
  augmentation: Augmentation;
  seed: number;
}

export type ClipTask =
  | { kind: 'synth'; voice: SynthVoice; clips: SynthClip[] }
  /** A user's recording: resampled and trimmed, its level left alone. */
  | { kind: 'ingest'; clips: { id: string; text: string; path: string }[] };

/** Milliseconds spent per stage (summed over a task's clips): the build prints where its time goes. */
export type StageTimes = Record<'synth' | 'sox' | 'cleanup' | 'wav' | 'mel' | 'phonemes', number>;

export function emptyStageTimes(): StageTimes {
  return { synth: 0, sox: 0, cleanup: 0, wav: 0, mel: 0, phonemes: 0 };
}

let times = emptyStageTimes();

async function timed<X>(stage: keyof StageTimes, work: () => X | Promise<X>): Promise<X> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    times[stage] += performance.now() - start;
  }
}

export interface TaskResult {
  outcomes: ClipOutcome[];
  times: StageTimes;
}

export type ClipOutcome =
  | { id: string; ok: true; wav: Uint8Array; mel: Float32Array; frames: number; samples: number; phonemes: string }
  | { id: string; ok: false; error: string };

/** Any audio file sox reads -> effects -> 16 kHz mono float samples. */
async function toModelRate(file: string, effects: readonly string[]): Promise<Float32Array> {
  // -R: repeatable (sox seeds its own randomness, e.g. dither, with a constant); -G: guard against
  // clipping inside the effects chain; float output so that sox never dithers or clips the result.
  const out = await timed('sox', () =>
    runProcess(
      'sox',
      ['-R', '-G', '-V1', file, '-t', 'raw', '-e', 'floating-point', '-b', '32', '-c', '1', '-r', String(AUDIO.sampleRate), '-', ...effects],
      { timeoutMs: 60_000 },
    ),
  );
  const samples = new Float32Array(out.byteLength / 4);
  new Uint8Array(samples.buffer).set(out.subarray(0, samples.length * 4));
  return samples;
}

/** 16-bit WAV bytes, and the samples they decode to (what every reader of the corpus will see). */
async function finishClip(id: string, text: string, audio: Float32Array): Promise<ClipOutcome> {
  const wav = await timed('wav', () => encodeWav(audio, AUDIO.sampleRate));
  const stored = await timed('wav', () => decodeWav(wav).channels[0]);
  const mel = await timed('mel', () => logMel(stored));
  const phonemes = await timed('phonemes', () => phonemizeText(text));
  return { id, ok: true, wav, mel: mel.data, frames: mel.frames, samples: stored.length, phonemes };
}

function failure(id: string, error: unknown): ClipOutcome {
  return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
}

/** Trimmed and checked speech, or the reason it is unusable. */
function usableSpeech(raw: Float32Array): Float32Array | string {
  const speech = trimSilence(raw);
  const reason = inaudibleReason(speech, AUDIO.sampleRate);
  if (reason) return reason;
  if (speech.length > MAX_SECONDS * AUDIO.sampleRate) return `too long (${(speech.length / AUDIO.sampleRate).toFixed(1)} s)`;
  return speech;
}

async function synthClip(clip: SynthClip, synthesized: string | Error): Promise<ClipOutcome> {
  if (synthesized instanceof Error) return failure(clip.id, synthesized);
  try {
    const raw = await toModelRate(synthesized, soxEffects(clip.augmentation));
    const speech = await timed('cleanup', () => usableSpeech(raw));
    if (typeof speech === 'string') return failure(clip.id, speech);
    const { noise, peakDb } = clip.augmentation;
    const finished = await timed('cleanup', () => setPeak(noise ? addNoise(speech, noise.color, noise.snrDb, createRng(clip.seed)) : speech, peakDb));
    return await finishClip(clip.id, clip.text, finished);
  } catch (error) {
    return failure(clip.id, error);
  } finally {
    fs.rmSync(synthesized, { force: true });
  }
}

async function ingestClip(clip: { id: string; text: string; path: string }): Promise<ClipOutcome> {
  try {
    const raw = await toModelRate(clip.path, []);
    const speech = await timed('cleanup', () => usableSpeech(raw));
    if (typeof speech === 'string') return failure(clip.id, speech);
    return await finishClip(clip.id, clip.text, speech);
  } catch (error) {
    return failure(clip.id, error);
  }
}

/** Runs one task; a worker runs one task at a time, so the stage clock is per task. */
export async function runClipTask(task: ClipTask, ctx: SynthContext): Promise<TaskResult> {
  times = emptyStageTimes();
  const outcomes: ClipOutcome[] = [];
  if (task.kind === 'ingest') {
    for (const clip of task.clips) outcomes.push(await ingestClip(clip));
  } else {
    const synthesized = await timed('synth', () =>
      synthesizeBatch(
        task.voice,
        task.clips.map((c) => c.text),
        task.clips.map((c) => c.id),
        ctx,
      ),
    );
    for (let i = 0; i < task.clips.length; i++) outcomes.push(await synthClip(task.clips[i], synthesized[i]));
  }
  return { outcomes, times };
}
