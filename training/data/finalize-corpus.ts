// The end of a build: the manifest (planned clips that were made, in plan order, minus speakers left
// with fewer than MIN_UTTERANCES in a split), per-bin mel statistics over the train split, and the
// summary. All three are written atomically, so readers never see a half-written corpus.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { AUDIO } from '../../models/config/audio';
import { MelStatsAccumulator, type MelStats } from '../../models/dsp';
import { writeFileAtomic } from './corpus-store';
import type { CorpusSummary, Split, Utterance } from './manifest';

/** The trainer prompts with another utterance of the same speaker, so each needs at least 3. */
export const MIN_UTTERANCES = 3;

/** Drops the utterances of speakers that have fewer than MIN_UTTERANCES in a split. */
export function enforceMinimumPerSpeaker(utterances: readonly Utterance[]): { kept: Utterance[]; dropped: Map<string, number> } {
  const counts = new Map<string, number>();
  for (const u of utterances) counts.set(`${u.split}/${u.speaker}`, (counts.get(`${u.split}/${u.speaker}`) ?? 0) + 1);
  const dropped = new Map<string, number>();
  for (const [key, n] of counts) if (n < MIN_UTTERANCES) dropped.set(key, n);
  return { kept: utterances.filter((u) => !dropped.has(`${u.split}/${u.speaker}`)), dropped };
}

/** Per-bin mean/std over the utterances' frames, read shard by shard in file order (deterministic). */
export function melStatsOf(dir: string, utterances: readonly Utterance[]): MelStats {
  const accumulator = new MelStatsAccumulator(AUDIO.nMels);
  const byShard = new Map<string, Utterance[]>();
  for (const u of utterances) {
    const list = byShard.get(u.mel.shard);
    if (list) list.push(u);
    else byShard.set(u.mel.shard, [u]);
  }
  for (const shard of [...byShard.keys()].sort()) {
    const bytes = fs.readFileSync(path.join(dir, shard));
    const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    for (const u of byShard.get(shard)!.sort((a, b) => a.mel.offset - b.mel.offset)) {
      accumulator.add(data.subarray(u.mel.offset * AUDIO.nMels, (u.mel.offset + u.mel.frames) * AUDIO.nMels));
    }
  }
  return accumulator.finalize();
}

export function summarize(
  config: string,
  utterances: readonly Utterance[],
  extra: Pick<CorpusSummary, 'heldOutFamilies' | 'textSource' | 'buildSeconds' | 'failedClips' | 'droppedSpeakers'>,
): CorpusSummary {
  const hours = { train: 0, valid: 0, test: 0 };
  const counts = { train: 0, valid: 0, test: 0 };
  const speakers = { train: new Set<string>(), valid: new Set<string>(), test: new Set<string>() };
  const families = new Map<string, { utterances: number; seconds: number; speakers: Set<string>; splits: Set<Split> }>();
  const sources = new Map<string, { sentences: Set<string>; utterances: number; seconds: number }>();
  for (const u of utterances) {
    if (u.source) {
      const src = sources.get(u.source) ?? { sentences: new Set(), utterances: 0, seconds: 0 };
      src.sentences.add(u.text);
      src.utterances++;
      src.seconds += u.durationSec;
      sources.set(u.source, src);
    }
    hours[u.split] += u.durationSec / 3600;
    counts[u.split]++;
    speakers[u.split].add(u.speaker);
    const f = families.get(u.family) ?? { utterances: 0, seconds: 0, speakers: new Set(), splits: new Set() };
    f.utterances++;
    f.seconds += u.durationSec;
    f.speakers.add(u.speaker);
    f.splits.add(u.split);
    families.set(u.family, f);
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const perFamily: CorpusSummary['perFamily'] = {};
  for (const [family, f] of [...families].sort(([a], [b]) => a.localeCompare(b))) {
    perFamily[family] = { utterances: f.utterances, hours: round(f.seconds / 3600), speakers: f.speakers.size, split: f.splits.size === 1 ? [...f.splits][0] : 'mixed' };
  }
  const perSource = Object.fromEntries([...sources].sort(([a], [b]) => a.localeCompare(b)).map(([source, v]) => [source, { sentences: v.sentences.size, utterances: v.utterances, hours: round(v.seconds / 3600) }]));
  return {
    config,
    hours: { train: round(hours.train), valid: round(hours.valid), test: round(hours.test) },
    utterances: counts,
    speakers: { train: speakers.train.size, valid: speakers.valid.size, test: speakers.test.size },
    perFamily,
    ...(sources.size > 0 ? { perSource } : {}),
    ...extra,
  };
}

/** Bytes of the WAVs and of the mel shards under a corpus directory. */
export function diskBytesOf(dir: string): { wavs: number; mels: number } {
  const total = (sub: string): number => {
    const root = path.join(dir, sub);
    if (!fs.existsSync(root)) return 0;
    let bytes = 0;
    for (const e of fs.readdirSync(root, { withFileTypes: true, recursive: true })) if (e.isFile()) bytes += fs.statSync(path.join(e.parentPath, e.name)).size;
    return bytes;
  };
  return { wavs: total('wavs'), mels: total('mels') };
}

export interface FinalizeResult {
  summary: CorpusSummary;
  dropped: Map<string, number>;
}

/** Writes manifest.jsonl, mel-stats.json and summary.json for the given utterances (in manifest order). */
export function finalizeCorpus(
  dir: string,
  config: string,
  utterances: readonly Utterance[],
  extra: Omit<Parameters<typeof summarize>[2], 'droppedSpeakers'>,
): FinalizeResult {
  const { kept, dropped } = enforceMinimumPerSpeaker(utterances);
  const train = kept.filter((u) => u.split === 'train');
  if (train.length === 0) throw new Error('the corpus has no training utterances: nothing to compute mel statistics from');
  const stats = melStatsOf(dir, train);
  const summary = { ...summarize(config, kept, { ...extra, droppedSpeakers: [...dropped.keys()].sort() }), diskBytes: diskBytesOf(dir) };
  writeFileAtomic(path.join(dir, 'manifest.jsonl'), kept.map((u) => `${JSON.stringify(u)}\n`).join(''));
  writeFileAtomic(path.join(dir, 'mel-stats.json'), `${JSON.stringify(stats)}\n`);
  writeFileAtomic(path.join(dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  return { summary, dropped };
}
