// A user's recorded corpus -> the same manifest, shards, statistics and summary as the synthetic one.
// Splits: with 4 or more speakers, ~10% of them (by a hash of the name, at least one) are held out
// for the zero-shot test; everyone else's utterances go to train or valid by the hash of their
// sentence (splitOfSentence). A held-out speaker's utterance whose sentence is also trained on is
// dropped. A corpus of 1-3 speakers (LJSpeech) has no unseen speaker to test on: its test split is
// the sentence-hash test share of the same speaker(s).

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { normalizeText, TextError } from '../../models/text';
import { addBuildSeconds, CorpusStore, isSuccess } from './corpus-store';
import { finalizeCorpus } from './finalize-corpus';
import type { CorpusSummary, Split, Utterance } from './manifest';
import { runClipJobs, type ClipJob, type ClipMeta } from './run-clip-jobs';
import { DEFAULT_SPLIT_FRACTIONS, splitOfSentence } from './sentence-split';
import { readUserCorpus, type UserClip, type UserLayout } from './user-corpus-layouts';

export const HELD_OUT_SPEAKER_SHARE = 0.1;
const MIN_SPEAKERS_FOR_HELD_OUT = 4;
const BATCH = 16;
const SHARD_BYTES = 64 << 20;

export interface IngestOptions {
  layout: UserLayout;
  source: string;
  name: string;
  outDir: string;
  workers: number;
  log?: (line: string) => void;
}

export interface IngestClip extends ClipMeta {
  audio: string;
  key: string;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The speakers held out for testing: the HELD_OUT_SPEAKER_SHARE with the smallest name hashes. */
export function heldOutSpeakers(speakers: readonly string[]): Set<string> {
  const distinct = [...new Set(speakers)];
  if (distinct.length < MIN_SPEAKERS_FOR_HELD_OUT) return new Set();
  const count = Math.max(1, Math.round(distinct.length * HELD_OUT_SPEAKER_SHARE));
  return new Set(distinct.sort((a, b) => hashOf(`meld-speaker:${a}`).localeCompare(hashOf(`meld-speaker:${b}`))).slice(0, count));
}

/** Normalises transcripts, names speakers, assigns splits. Returns the plan and the skipped clips. */
export function planIngest(clips: readonly UserClip[], name: string, layout: UserLayout): { plan: IngestClip[]; skipped: { id: string; error: string }[] } {
  const skipped: { id: string; error: string }[] = [];
  const normalized: (UserClip & { normalized: string; speakerId: string })[] = [];
  for (const clip of clips) {
    try {
      const speakerId = layout === 'ljspeech' ? name : `${name}-${clip.speaker}`;
      normalized.push({ ...clip, normalized: normalizeText(clip.text), speakerId });
    } catch (error) {
      if (!(error instanceof TextError)) throw error;
      skipped.push({ id: clip.id, error: error.message });
    }
  }
  const heldOut = heldOutSpeakers(normalized.map((c) => c.speakerId));
  const splitOf = (c: (typeof normalized)[number]): Split => {
    const bySentence = splitOfSentence(c.normalized, DEFAULT_SPLIT_FRACTIONS);
    if (heldOut.size === 0) return bySentence;
    if (heldOut.has(c.speakerId)) return 'test';
    return bySentence === 'train' ? 'train' : 'valid';
  };
  const withSplit = normalized.map((c) => ({ ...c, split: splitOf(c) }));
  const trained = new Set(withSplit.filter((c) => c.split === 'train').map((c) => c.normalized));
  const plan: IngestClip[] = [];
  for (const c of withSplit) {
    if (c.split === 'test' && heldOut.size > 0 && trained.has(c.normalized)) {
      skipped.push({ id: c.id, error: 'held-out speaker reads a training sentence' });
      continue;
    }
    const stat = fs.statSync(c.audio, { throwIfNoEntry: false });
    if (!stat) {
      skipped.push({ id: c.id, error: `missing audio ${c.audio}` });
      continue;
    }
    const id = `${c.speakerId}-${c.id}`;
    plan.push({
      id,
      split: c.split,
      text: c.normalized,
      speaker: c.speakerId,
      family: c.speakerId,
      engine: 'user',
      wav: `wavs/${c.speakerId}/${id}.wav`,
      audio: c.audio,
      key: hashOf(JSON.stringify([c.audio, stat.size, stat.mtimeMs, c.normalized])).slice(0, 16),
    });
  }
  return { plan, skipped };
}

export async function ingestUserCorpus(options: IngestOptions): Promise<CorpusSummary> {
  const started = performance.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const { plan, skipped } = planIngest(readUserCorpus(options.layout, options.source, options.name), options.name, options.layout);
  for (const s of skipped) log(`skipped ${s.id}: ${s.error}`);
  fs.mkdirSync(options.outDir, { recursive: true });
  const store = new CorpusStore(options.outDir, SHARD_BYTES);
  const todo = plan.filter((c) => {
    const entry = store.finished(c.id, c.key);
    return !(entry && isSuccess(entry));
  });
  log(`${options.layout} ${options.source}: ${plan.length} utterances, ${todo.length} to convert`);
  const jobs: ClipJob[] = [];
  for (let i = 0; i < todo.length; i += BATCH) {
    const batch = todo.slice(i, i + BATCH);
    jobs.push({
      task: { kind: 'ingest', clips: batch.map((c) => ({ id: c.id, text: c.text, path: c.audio })) },
      clips: batch.map(({ audio: _audio, key, ...meta }) => ({ key, meta })),
    });
  }
  await runClipJobs(store, jobs, { workers: options.workers, label: `ingest ${options.name}` });
  const utterances: Utterance[] = [];
  let failed = skipped.length;
  for (const clip of plan) {
    const entry = store.finished(clip.id, clip.key);
    if (entry && isSuccess(entry)) utterances.push(entry.utterance);
    else failed++;
  }
  const { summary } = finalizeCorpus(options.outDir, options.name, utterances, {
    // Families only heard in test (none for a corpus too small to hold out a speaker).
    heldOutFamilies: [...new Set(utterances.filter((u) => u.split === 'test').map((u) => u.family))]
      .filter((f) => !utterances.some((u) => u.family === f && u.split !== 'test'))
      .sort(),
    textSource: `${options.layout} corpus at ${path.resolve(options.source)}`,
    buildSeconds: Math.round(addBuildSeconds(options.outDir, (performance.now() - started) / 1000)),
    failedClips: failed,
  });
  return summary;
}
