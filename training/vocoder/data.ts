// The vocoder's data: corpus utterances as (normalised log-mel, waveform) pairs, and batches of
// random W-frame windows with their loss targets. A batch is a pure function of (seed, step), so a
// resumed run draws exactly the batches the uninterrupted run would have.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { concatFloat32 } from '../../models/arrays';
import { AUDIO } from '../../models/config/audio';
import { type MelStats, normalizeMel } from '../../models/dsp';
import { createRng, type Rng } from '../../models/random';
import { decodeWav, toModelAudio } from '../../models/wav';
import type { Split } from '../data/manifest';
import { shuffled } from '../data/seeded-random';
import { melShardReader, readManifest, readMelStats } from '../data/dataset';
import type { VocoderBatch } from './losses';
import { windowTargets } from './targets';

export interface VocoderClip {
  id: string;
  /** Normalised log-mel [frames * nMels]. */
  mel: Float32Array;
  frames: number;
  samples: Float32Array;
}

/** Frames kept clear at each end of an utterance, so every centred frame of a window has real signal around it. */
const EDGE_FRAMES = AUDIO.nFft / AUDIO.hop / 2;

/** Utterances of a split (a seeded subset of at most `limit`) long enough for windows of W frames. */
export function loadVocoderClips(dir: string, split: Split, W: number, opts: { limit?: number; seed?: number; stats?: MelStats } = {}): { stats: MelStats; clips: VocoderClip[] } {
  const stats = opts.stats ?? readMelStats(dir);
  const readMel = melShardReader(dir, AUDIO.nMels);
  const rand = createRng(opts.seed ?? 1);
  const all = readManifest(dir).filter((u) => u.split === split && u.mel.frames >= W + 2 * EDGE_FRAMES + 1);
  const chosen = shuffled(rand, all).slice(0, opts.limit ?? all.length); // a seeded subset
  const clips = chosen.map((u) => {
    const samples = toModelAudio(decodeWav(new Uint8Array(fs.readFileSync(path.join(dir, u.wav)))));
    return { id: u.id, mel: normalizeMel(readMel(u), stats), frames: u.mel.frames, samples };
  });
  return { stats, clips };
}

/** The first frame a window of W frames may start at, and the last, in a clip. */
function windowRange(clip: VocoderClip, W: number): [number, number] {
  const last = Math.floor((clip.samples.length - AUDIO.nFft / 2) / AUDIO.hop) - W + 1;
  return [EDGE_FRAMES, Math.min(last, clip.frames - W)];
}

/** A batch of B random windows of W frames. */
export function sampleBatch(clips: VocoderClip[], B: number, W: number, rand: Rng): VocoderBatch {
  const picks = Array.from({ length: B }, () => {
    for (;;) {
      const clip = clips[Math.floor(rand() * clips.length)];
      const [lo, hi] = windowRange(clip, W);
      if (hi >= lo) return { clip, f0: lo + Math.floor(rand() * (hi - lo + 1)) };
    }
  });
  return packWindows(picks, W);
}

/** The batch of step `step` of a run seeded `seed`. */
export function batchForStep(clips: VocoderClip[], B: number, W: number, seed: number, step: number): VocoderBatch {
  return sampleBatch(clips, B, W, createRng((seed * 1_000_003 + step * 7919) >>> 0));
}

/** Windows -> one batch with its targets. */
export function packWindows(picks: { clip: VocoderClip; f0: number }[], W: number): VocoderBatch {
  const { nMels } = AUDIO;
  const targets = picks.map(({ clip, f0 }) => windowTargets(clip.samples, f0, W));
  const cat = concatFloat32;
  return {
    B: picks.length, W,
    mel: cat(picks.map(({ clip, f0 }) => clip.mel.subarray(f0 * nMels, (f0 + W) * nMels))),
    wave: cat(targets.map((t) => t.wave)),
    magnitude: targets[0].magnitude.map((_, r) => cat(targets.map((t) => t.magnitude[r]))),
    logMel: cat(targets.map((t) => t.logMel)),
    re: cat(targets.map((t) => t.re)),
    im: cat(targets.map((t) => t.im)),
  };
}
