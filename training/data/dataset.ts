// Loads a corpus built by `npm run data` (or ingested from LJSpeech / LibriTTS) into memory for the
// trainer: normalised mel steps, phoneme ids and character ids per utterance.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type MelStats, normalizeMel } from '../../models/dsp';
import { type MeldConfig, stepSize } from '../../models/meld/config';
import { encodeChars, encodePhonemes } from '../../models/text';
import type { Split, Utterance } from './manifest';

export interface TrainUtterance {
  id: string;
  speaker: string;
  text: string;
  /** Normalised log-mel, frame-major; step j is values [j*S, (j+1)*S) (r frames stacked). */
  mel: Float32Array;
  /** Whole LM steps (trailing frames that do not fill a step are dropped: at most r-1 frames of silence). */
  steps: number;
  phonemeIds: number[];
  charIds: number[];
  /** Corpora of several text sources: the text's source. */
  source?: string;
  /** From the text source no training utterance reads (the "new text" domain). */
  newText?: boolean;
  /** Which phoneme token each step speaks (align/alignment.ts; SILENCE = -1 at the ends), once aligned. */
  stepTokens?: Int16Array;
}

export interface Corpus {
  dir: string;
  stats: MelStats;
  utterances: TrainUtterance[];
  /** Indices into utterances, by speaker (prompts come from the same speaker). */
  bySpeaker: Map<string, number[]>;
}

/** The corpus with only the utterances `keep` accepts (indices by speaker rebuilt). */
export function filterCorpus(corpus: Corpus, keep: (u: TrainUtterance) => boolean): Corpus {
  const utterances = corpus.utterances.filter(keep);
  return { ...corpus, utterances, bySpeaker: indexBySpeaker(utterances) };
}

export function readManifest(dir: string): Utterance[] {
  const file = path.join(dir, 'manifest.jsonl');
  if (!fs.existsSync(file)) throw new Error(`no corpus at ${dir} (missing manifest.jsonl): build one with \`npm run data -- --config tiny|full\``);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Utterance);
}

export function readMelStats(dir: string): MelStats {
  return JSON.parse(fs.readFileSync(path.join(dir, 'mel-stats.json'), 'utf8')) as MelStats;
}

/** Reads utterances' raw log-mel frames out of a corpus's shards (each shard loaded once). */
export function melShardReader(dir: string, nMels: number): (u: Utterance, frames?: number) => Float32Array {
  const shards = new Map<string, Float32Array>();
  return (u, frames = u.mel.frames) => {
    let s = shards.get(u.mel.shard);
    if (!s) {
      const b = fs.readFileSync(path.join(dir, u.mel.shard));
      s = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
      shards.set(u.mel.shard, s);
    }
    return s.subarray(u.mel.offset * nMels, (u.mel.offset + frames) * nMels);
  };
}

/**
 * `stats`: normalise with these mel statistics instead of the corpus's own (a model validated on another
 * corpus reads it as it was trained: with its training corpus's statistics).
 */
export function loadCorpus(dir: string, splits: Split[], c: MeldConfig, opts: { maxSteps?: number; limit?: number; stats?: MelStats } = {}): Corpus {
  const stats = opts.stats ?? readMelStats(dir);
  const S = stepSize(c);
  const chosen: { u: Utterance; steps: number }[] = [];
  for (const u of readManifest(dir)) {
    if (!splits.includes(u.split)) continue;
    if (opts.limit !== undefined && chosen.length >= opts.limit) break;
    const steps = Math.floor(u.mel.frames / c.framesPerStep);
    if (steps < 2 || (opts.maxSteps !== undefined && steps > opts.maxSteps)) continue;
    chosen.push({ u, steps });
  }
  // One shard in memory at a time (the manifest is in clip order, not shard order): an 80-hour corpus
  // holds ~6 GB of frames, and keeping every shard until the end would double the loading peak.
  const mels = new Array<Float32Array>(chosen.length);
  const byShard = new Map<string, number[]>();
  chosen.forEach(({ u }, i) => {
    const list = byShard.get(u.mel.shard);
    if (list) list.push(i);
    else byShard.set(u.mel.shard, [i]);
  });
  for (const [shard, indices] of byShard) {
    const b = fs.readFileSync(path.join(dir, shard));
    // A view when the bytes are 4-aligned (a file's own buffer); a copy otherwise (Node pools small reads).
    const frames = b.byteOffset % 4 === 0 ? new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4) : new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    for (const i of indices) {
      const { u, steps } = chosen[i];
      const mel = normalizeMel(frames.subarray(u.mel.offset * c.nMels, (u.mel.offset + steps * c.framesPerStep) * c.nMels), stats);
      if (mel.length !== steps * S) throw new Error(`utterance ${u.id}: mel has ${mel.length} values, expected ${steps * S} (shard ${shard} is shorter than the manifest says)`);
      mels[i] = mel;
    }
  }
  let unknownPhonemes = 0;
  const utterances: TrainUtterance[] = chosen.map(({ u, steps }, i) => ({
    id: u.id,
    speaker: u.speaker,
    text: u.text,
    mel: mels[i],
    steps,
    phonemeIds: encodePhonemes(u.phonemes, () => unknownPhonemes++),
    charIds: encodeChars(u.text),
    ...(u.source ? { source: u.source } : {}),
    ...(u.newText ? { newText: true } : {}),
  }));
  if (unknownPhonemes > 0) console.warn(`dataset: ${unknownPhonemes} phoneme symbols outside the inventory were dropped`);
  return { dir, stats, utterances, bySpeaker: indexBySpeaker(utterances) };
}

/** Indices into `utterances`, by speaker. */
function indexBySpeaker(utterances: readonly TrainUtterance[]): Map<string, number[]> {
  const bySpeaker = new Map<string, number[]>();
  utterances.forEach((u, i) => {
    const list = bySpeaker.get(u.speaker) ?? [];
    list.push(i);
    bySpeaker.set(u.speaker, list);
  });
  return bySpeaker;
}
